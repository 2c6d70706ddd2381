"""Markdown renderings of score results: tables a person reads, with the rule and signature under them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlate.score.align import AlignScore
    from xlate.score.findings import Counts, FindingsScore

ALIGN_RULE = (
    "Scoring is vecalign's: **strict** counts a predicted bead only if it equals a gold bead; **lax** "
    "also counts one that links a source sentence to a target sentence some gold bead links. Precision "
    "judges every predicted bead; recall judges gold beads with both sides non-empty against predicted "
    "beads with both sides non-empty (insertions and deletions never count towards recall). Counts are "
    "pooled over documents. Per type: strict only, one-sided beads included; found = gold beads "
    "reproduced exactly, correct = predicted beads that are exactly a gold bead."
)

FINDINGS_RULE = (
    "A finding answers an expected change when type and change are equal and, on each side the "
    "expectation names text for, the finding's span or one of its sentences overlaps that text. "
    "Matching is one-to-one (a duplicate finding is a false positive); findings below the severity "
    "threshold are left out; unanswered findings of a pair's allowed_extra types are ignored unless "
    "the signature says extra:counted. Counts are pooled over documents."
)


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _cell(s: object) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def align_markdown(score: AlignScore) -> str:
    """Pooled table, per-type table, per-document table, the rule and the signature."""
    p, r = score.precision_counts, score.recall_counts
    lines = ["# Sentence alignment scores", "",
             "| | precision | recall | F1 |", "|---|---|---|---|",
             f"| strict | {_num(score.strict.precision)} | {_num(score.strict.recall)} | "
             f"**{_num(score.strict.f1)}** |",
             f"| lax | {_num(score.lax.precision)} | {_num(score.lax.recall)} | {_num(score.lax.f1)} |", "",
             f"Predicted beads: {p.strict_hit + p.strict_miss} (strict hits {p.strict_hit}, lax hits "
             f"{p.lax_hit}). Gold beads with both sides: {r.strict_hit + r.strict_miss} (strict hits "
             f"{r.strict_hit}, lax hits {r.lax_hit}).", "",
             "## By bead type", "", "| type | gold | found | pred | correct | precision | recall | F1 |",
             "|---|---|---|---|---|---|---|---|"]
    for kind, t in score.by_type.items():
        lines.append(f"| {kind} | {t.gold} | {t.found} | {t.pred} | {t.correct} | {_num(t.precision)} | "
                     f"{_num(t.recall)} | {_num(t.f1)} |")
    lines += ["", "## By document", "", "| document | gold | pred | strict P | strict R | strict F1 | lax F1 |",
              "|---|---|---|---|---|---|---|"]
    for name, d in score.docs.items():
        lines.append(f"| {_cell(name)} | {d.n_gold} | {d.n_pred} | {_num(d.strict.precision)} | "
                     f"{_num(d.strict.recall)} | {_num(d.strict.f1)} | {_num(d.lax.f1)} |")
    lines += ["", ALIGN_RULE, "", f"Signature: `{score.signature}`"]
    return "\n".join(lines) + "\n"


def _row(label: str, c: Counts) -> str:
    return (f"| {_cell(label)} | {c.tp} | {c.fp} | {c.fn} | {_num(c.precision)} | {_num(c.recall)} | "
            f"{_num(c.f1)} |")


def findings_markdown(score: FindingsScore) -> str:
    """Pooled row, per-kind and per-document tables, misses, false alarms, the rule, the signature."""
    head = ["| {} | TP | FP | FN | precision | recall | F1 |", "|---|---|---|---|---|---|---|"]
    lines = ["# Finding scores", "", head[0].format(""), head[1], _row("all", score.total), "",
             "## By type and change", "", head[0].format("type/change"), head[1]]
    lines += [_row(k, c) for k, c in score.by_kind.items()]
    lines += ["", "## By document", "", head[0].format("document"), head[1]]
    lines += [_row(k, c) for k, c in score.docs.items()]
    if score.misses:
        lines += ["", "## Missed", ""]
        lines += [f"- {_cell(m['doc'])}: {m['type']}/{m['change']} "
                  f"({_cell(m['src_contains'] or '–')} → {_cell(m['tgt_contains'] or '–')})" for m in score.misses]
    if score.false_alarms:
        lines += ["", "## False alarms", ""]
        lines += [f"- {_cell(f['doc'])} {_cell(f['id'])}: {f['type']}/{f['change']} ({f['severity']}): "
                  f"{_cell(f['explanation'])}" for f in score.false_alarms]
    lines += ["", FINDINGS_RULE, "", f"Signature: `{score.signature}`"]
    return "\n".join(lines) + "\n"
