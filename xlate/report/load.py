"""Read a saved JSON report (schema 1 or 2) back into a ``Report``, so it can be viewed without recomputing.

The JSON keeps each sentence with its character offsets but not the whole input text, so
``Side.text`` is rebuilt by placing every sentence (and finding span) at its offsets, with spaces in
the gaps. Every renderer slices the text by offsets only, so a loaded report renders exactly like the
report it was saved from.

A saved report is input like any other: it may be truncated, edited by hand or made up. Its shape,
types and offsets are checked before anything is built from it (a span ending at offset 10⁹ would
otherwise take gigabytes to rebuild), and anything that does not fit is an ``InputError`` with one line.
"""

from __future__ import annotations

import bisect
import json
import math
from typing import Any

from xlate.errors import InputError
from xlate.report.model import READABLE_SCHEMAS, SEVERITIES, Finding, Link, Report, Sentence, Side, Span

__all__ = ["MAX_REPORT_BYTES", "MAX_TEXT_CHARS", "load_report", "report_from_dict"]

MAX_REPORT_BYTES = 50_000_000  # a report this big holds texts far longer than any story
MAX_TEXT_CHARS = 20_000_000  # one side's text as rebuilt from offsets (the offsets are what is checked)


class _Opt:
    """A field that may be missing or null."""

    def __init__(self, spec: Any) -> None:
        self.spec = spec


# The shape of a report: a dict is an object with those fields, [x] a list of x, a type a value of it
# (float: any finite number), _Opt a field that may be absent or null. Only what is built or rendered
# is checked: other fields (timings, evidence details, config extras) are kept as they are.
_SPAN = {"text": str, "start": int, "end": int}
_REVIEW = {"status": str, "note": str, "by": str, "at": str}
_SENTENCE = {"id": int, "text": str, "start": int, "end": int, "furniture": _Opt(bool)}
_SIDE = {"lang": str, "sentences": [_SENTENCE]}
_LINK = {"src": [int], "tgt": [int], "score": float, "chrf": _Opt(float)}
_FINDING = {"id": str, "type": str, "change": str, "severity": str, "src": [int], "tgt": [int],
            "src_span": _Opt(_SPAN), "tgt_span": _Opt(_SPAN), "explanation": str, "confidence": float,
            "evidence": _Opt(dict), "review": _Opt(_REVIEW)}
_SUMMARY = {"findings": int, "findings_by_type": dict, "consistency_score": float,
            "findings_by_severity": {s.value: int for s in SEVERITIES},
            "alignment": {"beads": int, "mean_score": float, "low_confidence": int},
            "sentences": {"source": int, "target": int}, "furniture": {"source": list, "target": list}}
_REPORT = {"xlate_version": str, "config": {"src_lang": str, "tgt_lang": str, "signature": str},
           "source": _SIDE, "target": _SIDE, "alignment": [_LINK], "findings": [_FINDING],
           "summary": _SUMMARY, "translations": _Opt(dict)}
_NAMES = {int: "a whole number", float: "a finite number", str: "a string", bool: "true or false",
          list: "a list", dict: "an object"}


def load_report(data: bytes | str, name: str = "report") -> Report:
    """Parse the bytes or text of a JSON report file named ``name``; see :func:`report_from_dict`."""
    if len(data) > MAX_REPORT_BYTES:
        raise InputError(f"{name} is {len(data) / 1e6:.0f} MB; xlate opens saved reports of up to "
                         f"{MAX_REPORT_BYTES // 1_000_000} MB")
    try:
        d = json.loads(data)
    except (UnicodeDecodeError, ValueError) as e:  # JSONDecodeError, and numbers too long to read
        raise InputError(f"{name} is not a JSON file ({e})") from None
    except RecursionError:
        raise InputError(f"{name} is not an xlate report (nested too deeply)") from None
    return report_from_dict(d, name)


def report_from_dict(d: Any, name: str = "report") -> Report:
    """Build a ``Report`` from ``Report.to_dict()`` output; ``to_dict`` of the result gives ``d`` back."""
    if not isinstance(d, dict) or "schema" not in d:
        raise InputError(f"{name} is not an xlate report (no 'schema' field)")
    if isinstance(d["schema"], bool) or d["schema"] not in READABLE_SCHEMAS:
        raise InputError(f"{name} has report schema {d['schema']!r}; this xlate reads schema "
                         f"{' and '.join(map(str, READABLE_SCHEMAS))}")
    try:
        _check(d, _REPORT, "")
        report = _build(d)
    except InputError as e:
        raise InputError(f"{name}: {e}") from None
    except (KeyError, ValueError) as e:
        what = f"missing field {e}" if isinstance(e, KeyError) else f"{type(e).__name__}: {e}"
        raise InputError(f"{name} is not a valid xlate report ({what})") from None
    return report


def _check(value: Any, spec: Any, path: str) -> None:
    """Raise KeyError (a missing field) or ValueError (a wrong type) where ``value`` leaves ``spec``."""
    if isinstance(spec, dict):
        _expect(value, dict, path)
        for key, sub in spec.items():
            where = f"{path}.{key}" if path else key
            if key not in value or value[key] is None:
                if isinstance(sub, _Opt):
                    continue
                raise KeyError(where)
            _check(value[key], sub.spec if isinstance(sub, _Opt) else sub, where)
    elif isinstance(spec, list):
        _expect(value, list, path)
        for k, item in enumerate(value):
            _check(item, spec[0], f"{path}[{k}]")
    else:
        _expect(value, spec, path)


def _expect(value: Any, kind: type, path: str) -> None:
    ok = isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool)
    if kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok:
        shown = repr(value) if isinstance(value, (int, float, str)) and len(repr(value)) <= 30 else type(value).__name__
        raise ValueError(f"{path} must be {_NAMES[kind]}, not {shown}")


def _build(d: dict[str, Any]) -> Report:
    findings = [_finding(f) for f in d["findings"]]
    source = _side(d["source"], [f.src_span for f in findings], "source")
    target = _side(d["target"], [f.tgt_span for f in findings], "target")
    alignment = [Link(tuple(a["src"]), tuple(a["tgt"]), float(a["score"]),
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
    for key, lines in (translations or {}).items():
        if lines is not None and not (isinstance(lines, list) and all(isinstance(t, str) for t in lines)):
            raise InputError(f"translations.{key} must be a list of sentences (strings)")
    return Report(
        xlate_version=d["xlate_version"], config=dict(d["config"]), source=source, target=target,
        alignment=alignment, findings=findings, summary=dict(d["summary"]), translations=translations,
    )


def _span(s: dict[str, Any] | None) -> Span | None:
    return None if s is None else Span(s["text"], s["start"], s["end"])


def _finding(f: dict[str, Any]) -> Finding:
    if not 0 <= f["confidence"] <= 1:
        raise InputError(f"finding {f['id']} has confidence {f['confidence']!r}; a confidence lies in [0, 1]")
    if f["severity"] not in {s.value for s in SEVERITIES}:
        raise InputError(f"finding {f['id']} has severity {f['severity']!r}; valid: "
                         f"{', '.join(s.value for s in SEVERITIES)}")
    return Finding(
        type=f["type"], change=f["change"], severity=f["severity"], src=list(f["src"]), tgt=list(f["tgt"]),
        src_span=_span(f.get("src_span")), tgt_span=_span(f.get("tgt_span")),
        explanation=f["explanation"], confidence=float(f["confidence"]), id=f["id"],
        evidence=dict(f.get("evidence") or {}), review=_review(f),
    )


def _review(f: dict[str, Any]) -> dict[str, Any] | None:
    review = f.get("review")
    if review is None:
        return None
    if review["status"] not in ("confirmed", "dismissed"):
        raise InputError(f"finding {f['id']} has review status {review['status']!r}; valid: confirmed, dismissed")
    return dict(review)


def _side(d: dict[str, Any], spans: list[Span | None], name: str) -> Side:
    sentences = [Sentence(s["id"], s["text"], s["start"], s["end"]) for s in d["sentences"]]
    end = 0
    for n, s in enumerate(sentences):
        if s.id != n:
            raise InputError(f"{name} sentence ids must be 0, 1, 2… (found {s.id} at position {n})")
        if not 0 <= s.start <= s.end or s.end - s.start != len(s.text):
            raise InputError(f"{name} text {s.text[:30]!r} does not fit its offsets {s.start}-{s.end}")
        if s.start < end:
            raise InputError(f"{name} sentence {n} starts at offset {s.start}, inside the sentence before it")
        end = s.end
    if end > MAX_TEXT_CHARS:
        raise InputError(f"{name} text would be {end:,} characters long (its last sentence ends there); "
                         f"xlate opens reports of texts up to {MAX_TEXT_CHARS:,} characters")
    furniture = {s["id"] for s in d["sentences"] if s.get("furniture")}
    return Side(d["lang"], _text(sentences, [p for p in spans if p], name), sentences, furniture)


def _text(sentences: list[Sentence], spans: list[Span], name: str) -> str:
    """The side's text: its sentences at their offsets, spaces between, and whatever of a span
    falls between two sentences (a line break); a span must agree with the sentences it overlaps."""
    pieces, pos = [], 0
    for s in sentences:
        pieces += [" " * (s.start - pos), s.text]
        pos = s.end
    text = "".join(pieces)
    starts = [s.start for s in sentences]
    fills: list[tuple[int, str]] = []
    for p in spans:
        if not 0 <= p.start <= p.end <= len(text) or p.end - p.start != len(p.text):
            raise InputError(f"{name} text {p.text[:30]!r} does not fit its offsets {p.start}-{p.end} "
                             f"(the text is {len(text)} characters long)")
        if text[p.start:p.end] == p.text:
            continue
        for k, ch in enumerate(p.text, p.start):
            if ch == text[k]:
                continue
            i = bisect.bisect_right(starts, k) - 1
            if i >= 0 and k < sentences[i].end:
                raise InputError(f"{name} text {p.text[:30]!r} at {p.start}-{p.end} disagrees with "
                                 f"sentence {i}")
            fills.append((k, ch))
    if not fills:
        return text
    buf = list(text)
    for k, ch in fills:
        buf[k] = ch
    return "".join(buf)
