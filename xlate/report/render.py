"""Report renderers: terminal text, Markdown, TSV and JSON, and the alignment alone (vecalign, TSV,
JSON). HTML lives in ``html.py``.

Each renderer reads only the ``Report``; none recomputes anything, so every format says the same.
"""

from __future__ import annotations

import json
import re

from xlate.report.model import Finding, Report, Severity


def _clip(s: str, n: int = 90) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= n else s[: n - 1] + "…"


# Runs of whitespace that break a line: str.splitlines() boundaries, plus tab and U+001F. In a
# TSV cell they would split the row; in the terminal report they would split a finding's line.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
# What a terminal acts on rather than prints: C0 and C1 controls (ESC starts colour and cursor
# sequences, U+009B is CSI on its own) and the bidi embeddings, overrides and isolates, which
# reorder the text around them (U+202A-U+202E, U+2066-U+2069).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(s: object) -> str:
    """``s`` on one line with every control character shown as an escape (``\\x1b``, ``\\u202e``):
    input text reaches the terminal as text, never as commands."""
    return _CONTROLS.sub(_escape, _BREAKS.sub(" ", str(s)))


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _ids(ids: list[int]) -> str:
    return ",".join(str(i) for i in ids) if ids else "–"


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_text(report: Report, color: bool = False, min_severity: Severity | str = Severity.MEDIUM) -> str:
    """The default terminal report: summary, then one block per finding at or above
    ``min_severity`` (medium by default: low findings are mostly noise), with both sides.

    Everything taken from the report goes through ``_visible``: an escape sequence in the input
    is printed, not obeyed; only the colours added here reach the terminal as codes."""
    s = report.summary
    c = {k: _visible(v) for k, v in report.config.items() if k in ("src_lang", "tgt_lang", "signature")}
    bold = (lambda t: f"\033[1m{t}\033[0m") if color else (lambda t: t)
    sev_col = {"high": "\033[31m", "medium": "\033[33m", "low": "\033[36m"}
    lines = [
        bold(f"xlate {_visible(report.xlate_version)} — {c['src_lang']} → {c['tgt_lang']}: "
             f"{s['sentences']['source']} / {s['sentences']['target']} sentences, "
             f"{s['alignment']['beads']} aligned beads"),
        f"consistency score {s['consistency_score']:.1f}/100{_after_review(s)} · findings: {s['findings']} "
        f"(high {s['findings_by_severity']['high']}, medium {s['findings_by_severity']['medium']}, "
        f"low {s['findings_by_severity']['low']})",
    ]
    if s["findings_by_type"]:
        lines.append("by type: " + ", ".join(f"{_visible(k)} {v}" for k, v in s["findings_by_type"].items()))
    furn = len(s["furniture"]["source"]) + len(s["furniture"]["target"])
    if furn:
        lines.append(f"page furniture skipped: {furn} line(s) (bylines, footers, 'you may also like')")
    lines.append("")
    src_sents = {x.id: x for x in report.source.sentences}
    tgt_sents = {x.id: x for x in report.target.sentences}
    dismissed = [f for f in report.findings if _review_status(f) == "dismissed"]
    shown = [f for f in report.findings if f.severity >= min_severity and _review_status(f) != "dismissed"]
    for f in shown:
        tag = f"[{f.severity.upper()}]"
        if color:
            tag = sev_col[f.severity] + tag + "\033[0m"
        if _review_status(f) == "confirmed":
            tag += _visible(f" [confirmed{' by ' + f.review['by'] if f.review.get('by') else ''}]")
        lines.append(f"{_visible(f.id)} {tag} {_visible(f.type)} {_visible(f.change)} "
                     f"(confidence {round(f.confidence, 3):.2f}) — {_visible(f.explanation)}")
        src_text = " ".join(src_sents[i].text for i in f.src)
        tgt_text = " ".join(tgt_sents[j].text for j in f.tgt)
        lines.append(f"    src [{_ids(f.src)}]: {_visible(_clip(src_text)) if src_text else '(no sentence)'}")
        lines.append(f"    tgt [{_ids(f.tgt)}]: {_visible(_clip(tgt_text)) if tgt_text else '(no sentence)'}")
    hidden = len(report.findings) - len(shown) - len(dismissed)
    if not shown:
        lines.append("No disagreements found." if not hidden and not dismissed
                     else f"No open disagreements at {min_severity} or above.")
    if hidden:
        lines.append(f"({hidden} finding(s) below {min_severity} not shown: --show-low lists them)")
    if dismissed:
        lines.append(f"({len(dismissed)} finding(s) dismissed by reviewers not shown; the JSON keeps them)")
    lines.append("")
    lines.append(f"signature: {c['signature']}")
    return "\n".join(lines) + "\n"


def to_markdown(report: Report) -> str:
    s = report.summary
    c = report.config
    out = [
        f"# xlate report: {c['src_lang']} → {c['tgt_lang']}",
        "",
        f"Consistency score **{s['consistency_score']:.1f}/100**; {s['findings']} findings "
        f"(high {s['findings_by_severity']['high']}, medium {s['findings_by_severity']['medium']}, "
        f"low {s['findings_by_severity']['low']}); {s['alignment']['beads']} aligned beads.",
        "",
        "| id | severity | type | change | source | target | why | review |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in report.findings:
        out.append("| {} | {} | {} | {} | {} | {} | {} | {} |".format(
            f.id, f.severity, f.type, f.change, _md_span(f, "src"), _md_span(f, "tgt"),
            _md(f.explanation), _md(review_label(f))))
    out += ["", f"`{c['signature']}`", ""]
    return "\n".join(out)


def _after_review(summary: dict) -> str:
    reviews = summary.get("reviews")
    if not isinstance(reviews, dict) or not reviews.get("dismissed"):
        return ""
    return f" ({reviews['consistency_score']:.1f} without the {reviews['dismissed']} dismissed)"


def _review_status(f: Finding) -> str | None:
    return f.review.get("status") if f.review else None


def review_label(f: Finding) -> str:
    """``dismissed by ana: rounded figure``; empty when no reviewer decided on the finding."""
    if not f.review:
        return ""
    by = f" by {f.review['by']}" if f.review.get("by") else ""
    note = f": {f.review['note']}" if f.review.get("note") else ""
    return f"{f.review['status']}{by}{note}"


def _md(s: str) -> str:
    return _clip(s, 200).replace("|", "\\|")


def _md_span(f: Finding, side: str) -> str:
    span = f.span(side)
    ids = f.ids(side)
    return f"[{_ids(ids)}] " + (f"“{_md(span.text)}”" if span else "–")


TSV_COLUMNS = ("id", "severity", "type", "change", "src_ids", "tgt_ids", "src_span", "tgt_span",
               "src_start", "src_end", "tgt_start", "tgt_end", "confidence", "explanation",
               "review", "review_note", "review_by", "review_at")


def to_tsv(report: Report) -> str:
    rows = ["\t".join(TSV_COLUMNS)]
    for f in report.findings:
        rows.append("\t".join(_tsv(x) for x in (
            f.id, f.severity, f.type, f.change, _ids(f.src), _ids(f.tgt),
            f.src_span.text if f.src_span else "", f.tgt_span.text if f.tgt_span else "",
            f.src_span.start if f.src_span else "", f.src_span.end if f.src_span else "",
            f.tgt_span.start if f.tgt_span else "", f.tgt_span.end if f.tgt_span else "",
            f"{f.confidence:.3f}", f.explanation,
            *((f.review.get(k, "") for k in ("status", "note", "by", "at")) if f.review else ("",) * 4))))
    return "\n".join(rows) + "\n"


def _tsv(x: object) -> str:
    """A cell on one line: every line or paragraph separator and tab becomes a space."""
    return _BREAKS.sub(" ", str(x))


def alignment_to_vecalign(report: Report) -> str:
    """One bead a line, vecalign's format with the score: ``[0, 1]:[2]:0.8312``."""
    return "".join(f"{list(link.src)}:{list(link.tgt)}:{link.score:.4f}\n" for link in report.alignment)


def alignment_to_tsv(report: Report) -> str:
    """One bead a line: source ids, target ids, score, source text, target text."""
    src = {s.id: s.text for s in report.source.sentences}
    tgt = {s.id: s.text for s in report.target.sentences}
    return "".join(
        "{}\t{}\t{:.4f}\t{}\t{}\n".format(
            ",".join(map(str, link.src)), ",".join(map(str, link.tgt)), link.score,
            _tsv(" ".join(src[i] for i in link.src)), _tsv(" ".join(tgt[j] for j in link.tgt)))
        for link in report.alignment)


def alignment_to_json(report: Report) -> str:
    """The report's JSON without findings and summary: config (with its signature), sentences, beads."""
    d = report.to_dict()
    keep = ("schema", "xlate_version", "config", "source", "target", "alignment", "translations")
    return json.dumps({k: d[k] for k in keep if k in d}, ensure_ascii=False, indent=2) + "\n"
