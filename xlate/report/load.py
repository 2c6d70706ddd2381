"""Read a saved JSON report (schema 1 or 2) back into a ``Report``, so it can be viewed without recomputing.

The JSON keeps each sentence with its character offsets but not the whole input text, so
``Side.text`` is rebuilt by placing every sentence (and finding span) at its offsets, with spaces in
the gaps. Every renderer slices the text by offsets only, so a loaded report renders exactly like the
report it was saved from. Anything that does not fit the schema is an ``InputError`` with one line.
"""

from __future__ import annotations

import json
from typing import Any

from xlate.errors import InputError
from xlate.report.model import READABLE_SCHEMAS, Finding, Link, Report, Sentence, Side, Span

__all__ = ["load_report", "report_from_dict"]


def load_report(data: bytes | str, name: str = "report") -> Report:
    """Parse the bytes or text of a JSON report file named ``name``; see :func:`report_from_dict`."""
    try:
        d = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"{name} is not a JSON file ({e})") from None
    return report_from_dict(d, name)


def report_from_dict(d: Any, name: str = "report") -> Report:
    """Build a ``Report`` from ``Report.to_dict()`` output; ``to_dict`` of the result gives ``d`` back."""
    if not isinstance(d, dict) or "schema" not in d:
        raise InputError(f"{name} is not an xlate report (no 'schema' field)")
    if d["schema"] not in READABLE_SCHEMAS:
        raise InputError(f"{name} has report schema {d['schema']!r}; this xlate reads schema "
                         f"{' and '.join(map(str, READABLE_SCHEMAS))}")
    try:
        report = _build(d)
    except InputError as e:
        raise InputError(f"{name}: {e}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        what = f"missing field {e}" if isinstance(e, KeyError) else f"{type(e).__name__}: {e}"
        raise InputError(f"{name} is not a valid xlate report ({what})") from None
    return report


def _build(d: dict[str, Any]) -> Report:
    findings = [_finding(f) for f in d["findings"]]
    source = _side(d["source"], [f.src_span for f in findings], "source")
    target = _side(d["target"], [f.tgt_span for f in findings], "target")
    alignment = [Link(tuple(int(i) for i in a["src"]), tuple(int(j) for j in a["tgt"]), float(a["score"]),
                      None if a.get("chrf") is None else float(a["chrf"]))
                 for a in d["alignment"]]
    n_src, n_tgt = len(source.sentences), len(target.sentences)
    for k, link in enumerate(alignment):
        if any(not 0 <= i < n_src for i in link.src) or any(not 0 <= j < n_tgt for j in link.tgt):
            raise InputError(f"alignment bead {k} names a sentence that is not in the report")
    for f in findings:
        if any(not 0 <= i < n_src for i in f.src) or any(not 0 <= j < n_tgt for j in f.tgt):
            raise InputError(f"finding {f.id} names a sentence that is not in the report")
    translations = d.get("translations")
    if translations is not None and not isinstance(translations, dict):
        raise InputError("'translations' must be an object of sentence lists")
    return Report(
        xlate_version=str(d["xlate_version"]), config=dict(d["config"]), source=source, target=target,
        alignment=alignment, findings=findings, summary=dict(d["summary"]), translations=translations,
    )


def _span(s: dict[str, Any] | None) -> Span | None:
    return None if s is None else Span(str(s["text"]), int(s["start"]), int(s["end"]))


def _finding(f: dict[str, Any]) -> Finding:
    return Finding(
        type=str(f["type"]), change=str(f["change"]), severity=str(f["severity"]),
        src=[int(i) for i in f["src"]], tgt=[int(j) for j in f["tgt"]],
        src_span=_span(f["src_span"]), tgt_span=_span(f["tgt_span"]),
        explanation=str(f["explanation"]), confidence=float(f["confidence"]), id=str(f["id"]),
        evidence=dict(f.get("evidence") or {}),
    )


def _side(d: dict[str, Any], spans: list[Span | None], name: str) -> Side:
    sentences = [Sentence(int(s["id"]), str(s["text"]), int(s["start"]), int(s["end"])) for s in d["sentences"]]
    pieces = [(s.start, s.end, s.text) for s in sentences] + [(p.start, p.end, p.text) for p in spans if p]
    for n, s in enumerate(sentences):
        if s.id != n:
            raise InputError(f"{name} sentence ids must be 0, 1, 2… (found {s.id} at position {n})")
    for start, end, text in pieces:
        if not 0 <= start <= end or end - start != len(text):
            raise InputError(f"{name} text {text[:30]!r} does not fit its offsets {start}-{end}")
    buf = [" "] * max((end for _, end, _ in pieces), default=0)
    for start, end, text in pieces:
        buf[start:end] = text
    furniture = {s["id"] for s in d["sentences"] if s.get("furniture")}
    return Side(str(d["lang"]), "".join(buf), sentences, furniture)
