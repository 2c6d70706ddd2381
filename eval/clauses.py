"""Clauses cut out of a sentence or slipped into one, on real news, without and with a real MT.

Example: ``python -m eval.clauses --out eval/results/clauses``

Every document of ``../shared/data/news_mt`` (faithful human translations, line-parallel) gets the
clause edits of :mod:`eval.perturb` planted in its reference: a clause of five or more words cut
(``clause_dropped``: the source clause it translated is the gold span) and a clause of another
story slipped in (``clause_added``: the inserted words are the gold span). Each copy is checked
without MT and with one strong shipped MT system's output as ``source_mt`` (the edits touch the
target only, so that MT stays valid). Found: a new medium+ omission/addition whose span overlaps
the gold span without being the whole sentence (:func:`eval.detect.detects`). Also: the share of
medium+ stretch findings on the altered copies that are the planted clause, and medium+ stretch
findings on the unaltered documents per 100 sentences. Reported by pair, clause form and split
(:mod:`eval.splits`: stretch thresholds were chosen looking at ``fit`` documents).
"""

from __future__ import annotations

import argparse
import dataclasses
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.detect import Doc, _clean, detects, git_commit, run, write_results
from eval.noise import news_mt_docs, news_root
from eval.splits import split_of
from xlate import __version__

KINDS = ("clause_dropped", "clause_added")
MODES = ("none", "mt")
DEFAULT_OUT = "eval/results/clauses"


def docs_with_mt(root: Path, max_docs: int | None = None) -> list[Doc]:
    """news_mt documents as eval.detect documents, each with its first strong system's MT."""
    out = []
    for d in news_mt_docs(root)[:max_docs]:
        strong = sorted(s for s in d.mt if d.strength.get(s) == "strong")
        if not strong:
            continue
        src, ref, mt = _clean(d.src, d.ref, d.mt[strong[0]])
        base = d.id.split("/", 1)[1]
        out.append(Doc(base, base, d.id.split("/")[1], d.src_lang, d.tgt_lang, src, ref, src_mt=mt))
    return out


def _medium(f: dict[str, Any]) -> bool:
    return f["severity"] in ("medium", "high")


def _stretch(f: dict[str, Any]) -> bool:
    return _medium(f) and bool(f["x"].get("stretch")) and f["type"] in ("omission", "addition")


def tally(clean: list[dict], altered: list[dict]) -> dict[str, Any]:
    """Recall per kind (and per clause form), stretch precision, false stretches per 100 sentences."""
    out: dict[str, Any] = {}
    for kind in KINDS:
        copies = [c for c in altered if c["label"]["kind"] == kind]
        found = [any(_medium(f) and detects(f, c["label"]) for f in c["findings"]) for c in copies]
        forms: dict[str, list[bool]] = defaultdict(list)
        for c, hit in zip(copies, found):
            forms[c["label"]["detail"].get("form", "clause")].append(hit)
        by_form = {k: {"copies": len(v), "recall": _share(sum(v), len(v))} for k, v in sorted(forms.items())}
        out[kind] = {"copies": len(copies), "recall": _share(sum(found), len(copies)), "by_form": by_form}
    reported = [(c, f) for c in altered for f in c["findings"] if f["new"] and _stretch(f)]
    right = sum(1 for c, f in reported if detects(f, c["label"]))
    sents = sum(c["segments"] for c in clean)
    false = sum(1 for c in clean for f in c["findings"] if _stretch(f))
    out["stretch_precision"] = _share(right, len(reported))
    out["stretch_findings"] = len(reported)
    out["false_stretch_per_100"] = round(100 * false / max(1, sents), 2)
    out["docs"], out["sentences"] = len(clean), sents
    return out


def _share(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def measure(docs: list[Doc], seed: int, copies: int) -> dict[str, Any]:
    """``results[mode][group]`` tallies; groups: all, each pair, each split."""
    res: dict[str, Any] = {}
    for mode in MODES:
        use = docs if mode == "mt" else [dataclasses.replace(d, src_mt=None) for d in docs]
        clean, altered, _, _ = run(use, seed, copies, kinds=KINDS)
        groups: dict[str, tuple[list, list]] = {"all": (clean, altered)}
        for key in sorted({c["pair"] for c in clean}) + ["fit", "test"]:
            groups[key] = ([c for c in clean if _in(c, key)], [c for c in altered if _in(c, key)])
        res[mode] = {k: tally(c, a) for k, (c, a) in groups.items()}
    return res


def _in(record: dict[str, Any], group: str) -> bool:
    """Is a clean or altered record in ``group`` (a language pair, or a split)?"""
    return record["pair"] == group if "-" in group else split_of(record["doc"]) == group


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def to_markdown(res: dict[str, Any], meta: dict[str, Any]) -> str:
    out = ["# Clauses cut or added inside a sentence (news_mt, planted in the human reference)", "",
           f"`{meta['command']}` · xlate {meta['xlate_version']} · commit {meta['commit']} · seed {meta['seed']}", "",
           "Found: a new medium+ omission/addition whose span overlaps the planted clause without being the whole "
           "sentence. Stretch precision: planted / all new medium+ stretch findings on altered copies. False: "
           "medium+ stretch findings on the unaltered documents per 100 sentences.", "",
           "| MT as source_mt | group | docs | cut: copies | cut found | added: copies | added found | "
           "stretch precision | false per 100 |", "|---|---|---|---|---|---|---|---|---|"]
    for mode, groups in res.items():
        for g, t in groups.items():
            cut, add = t["clause_dropped"], t["clause_added"]
            out.append(f"| {mode} | {g} | {t['docs']} | {cut['copies']} | {_pct(cut['recall'])} | {add['copies']} | "
                       f"{_pct(add['recall'])} | {_pct(t['stretch_precision'])} | {t['false_stretch_per_100']} |")
    out += ["", "## By clause form (all documents)", "", "| MT as source_mt | edit | form | copies | found |",
            "|---|---|---|---|---|"]
    for mode, groups in res.items():
        for kind in KINDS:
            for form, v in groups["all"][kind]["by_form"].items():
                out.append(f"| {mode} | {kind} | {form} | {v['copies']} | {_pct(v['recall'])} |")
    out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--copies", type=int, default=2, help="altered copies per document and edit")
    ap.add_argument("--max-docs", type=int, help="first N documents (smoke tests)")
    args = ap.parse_args(argv)
    root = news_root("eval.clauses")
    if root is None:
        return 2
    docs = docs_with_mt(root, args.max_docs)
    t0 = time.perf_counter()
    res = measure(docs, args.seed, args.copies)
    cmd = "python -m eval.clauses" + (f" --seed {args.seed}" if args.seed != 13 else "") + (
        f" --copies {args.copies}" if args.copies != 2 else "") + (
        f" --max-docs {args.max_docs}" if args.max_docs else "") + (
        f" --out {args.out}" if args.out != DEFAULT_OUT else "")
    meta = {"command": cmd, "xlate_version": __version__, "commit": git_commit(), "seed": args.seed,
            "copies": args.copies, "python": platform.python_version(), "seconds": round(time.perf_counter() - t0, 1)}
    write_results(Path(args.out), "clauses", {**meta, "results": res}, to_markdown(res, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
