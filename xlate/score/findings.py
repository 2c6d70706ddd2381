"""Reported findings against labelled expectations (the ``seeds/*/expected.json`` format).

Why a fixed rule: "did xlate find the planted change?" has to mean the same thing in every run, so
the rule is written down here and printed under every Markdown report.

**Matching rule.** A reported finding answers an expected one when

1. their ``type`` and ``change`` are equal, and
2. on each side where the expectation names text (``src_contains`` / ``tgt_contains``), the finding
   touches that text: the finding's span on that side overlaps it, or one of the finding's
   sentence ids on that side is a sentence the text overlaps. A side the expectation leaves
   ``null`` is not checked (a dropped item has no target text).

Each expectation is answered by at most one finding and each finding answers at most one
expectation (a maximum one-to-one matching), so a duplicate finding counts as a false positive.
Findings below ``min_severity`` are left out first. An unanswered finding whose type is in the
pair's ``allowed_extra`` is a permitted side effect: it counts as neither hit nor false positive,
unless ``count_extra`` is set. Precision, recall and F1 are pooled over documents; a ratio with
nothing to divide by is None (``n/a``), since a clean pair has nothing to recall.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlate import __version__
from xlate.errors import ConfigError, InputError
from xlate.report.model import FINDING_TYPES, SEVERITIES, Finding, Report, Side

CHANGES = ("dropped", "added", "altered", "moved")

__all__ = ["Expected", "ExpectedFinding", "FindingsMetric", "FindingsScore", "Counts", "load_expected"]


# --- expectations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedFinding:
    """One labelled change: exact substrings of each side, None where that side has nothing."""

    type: str
    change: str
    src_contains: str | None
    tgt_contains: str | None
    note: str = ""

    @property
    def kind(self) -> str:
        return f"{self.type}/{self.change}"


@dataclass(frozen=True)
class Expected:
    """The labels of one pair: what must be found, and which finding types may also appear."""

    findings: tuple[ExpectedFinding, ...]
    allowed_extra: frozenset[str] = frozenset()


def parse_expected(data: Any, name: str) -> Expected:
    """Validate an ``expected.json`` object; anything off is one ``InputError`` naming the item."""
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError(f"{name}: not an expected-findings file (no 'findings' list)")
    extra = data.get("allowed_extra", [])
    if not isinstance(extra, list) or any(t not in FINDING_TYPES for t in extra):
        raise InputError(f"{name}: allowed_extra must list finding types ({', '.join(FINDING_TYPES)})")
    out = []
    for i, f in enumerate(data["findings"]):
        where = f"{name}: finding {i}"
        if not isinstance(f, dict) or f.get("type") not in FINDING_TYPES or f.get("change") not in CHANGES:
            raise InputError(f"{where}: type must be one of {', '.join(FINDING_TYPES)} and change one of "
                             f"{', '.join(CHANGES)}")
        src, tgt = f.get("src_contains"), f.get("tgt_contains")
        if not all(s is None or (isinstance(s, str) and s) for s in (src, tgt)) or src is tgt is None:
            raise InputError(f"{where}: src_contains/tgt_contains must be non-empty text or null, "
                             "and not both null")
        out.append(ExpectedFinding(f["type"], f["change"], src, tgt, str(f.get("note", ""))))
    return Expected(tuple(out), frozenset(extra))


def load_expected(path: str | Path) -> Expected:
    """Read and validate one ``expected.json``."""
    from xlate.io import read_text

    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}: not JSON ({e.msg})") from None
    return parse_expected(data, str(path))


# --- matching ------------------------------------------------------------------------------------


def _locate(side: Side, text: str) -> tuple[int, int] | None:
    at = side.text.find(text)
    return None if at < 0 else (at, at + len(text))


def _touches(f: Finding, side_name: str, side: Side, where: tuple[int, int]) -> bool:
    """Does ``f`` overlap the character range ``where`` on ``side_name``, by span or by sentence?"""
    start, end = where
    span = f.span(side_name)
    if span is not None and span.start < end and start < span.end:
        return True
    return any(side.sentences[i].start < end and start < side.sentences[i].end for i in f.ids(side_name))


def _candidates(report: Report, exp: Expected, findings: Sequence[Finding], name: str) -> list[list[int]]:
    """For each expectation, the indices of the findings that may answer it."""
    out = []
    for k, e in enumerate(exp.findings):
        places = []
        for side_name, side, text in (("src", report.source, e.src_contains), ("tgt", report.target, e.tgt_contains)):
            if text is None:
                continue
            where = _locate(side, text)
            if where is None:
                label = "source" if side_name == "src" else "target"
                raise InputError(f"{name}: finding {k}: {side_name}_contains {text[:40]!r} is not in the "
                                 f"report's {label} text (is this the report of the right pair?)")
            places.append((side_name, side, where))
        out.append([j for j, f in enumerate(findings) if (f.type, f.change) == (e.type, e.change)
                    and all(_touches(f, s, side, w) for s, side, w in places)])
    return out


def max_matching(candidates: Sequence[Sequence[int]]) -> dict[int, int]:
    """A maximum one-to-one matching (expectation index -> finding index), by augmenting paths.

    Why not greedy: a finding that fits two expectations must not be spent on the one another
    finding could have answered.
    """
    owner: dict[int, int] = {}  # finding -> expectation

    def augment(e: int, seen: set[int]) -> bool:
        for f in candidates[e]:
            if f not in seen:
                seen.add(f)
                if f not in owner or augment(owner[f], seen):
                    owner[f] = e
                    return True
        return False

    for e in range(len(candidates)):
        augment(e, set())
    return {e: f for f, e in owner.items()}


# --- results -------------------------------------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and false negatives, and the ratios they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return None if p is None or r is None else (2 * (p * r) / (p + r) if p + r else 0.0)

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class FindingsScore:
    """Pooled, per-kind (``type/change``) and per-document scores, the misses and the false alarms."""

    signature: str
    total: Counts
    by_kind: dict[str, Counts] = field(default_factory=dict)
    docs: dict[str, Counts] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"signature": self.signature, **self.total.to_dict(),
                "by_kind": {k: v.to_dict() for k, v in self.by_kind.items()},
                "docs": {k: v.to_dict() for k, v in self.docs.items()},
                "misses": self.misses, "false_alarms": self.false_alarms}

    def to_markdown(self) -> str:
        from xlate.score.markdown import findings_markdown

        return findings_markdown(self)


# --- the metric ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingsMetric:
    """Precision/recall/F1 of reports' findings against expectations (rule: the module docstring)."""

    min_severity: str = "low"
    count_extra: bool = False

    def __post_init__(self) -> None:
        if self.min_severity not in {s.value for s in SEVERITIES}:
            raise ConfigError(f"min_severity must be one of {', '.join(s.value for s in SEVERITIES)}; "
                              f"got {self.min_severity!r}")

    def signature(self, n_docs: int) -> str:
        """Every setting behind the numbers, sacrebleu-style."""
        return (f"xlate-score-findings|match:type+change+overlap|assign:one-to-one|pool:docs|"
                f"severity:{self.min_severity}+|extra:{'counted' if self.count_extra else 'ignored'}|"
                f"docs:{n_docs}|version:{__version__}")

    def score(self, pairs: Mapping[str, tuple[Expected, Report]]) -> FindingsScore:
        """Score each named (expectations, report) pair and pool the counts."""
        result = FindingsScore(self.signature(len(pairs)), Counts())
        kinds: dict[str, Counts] = defaultdict(Counts)
        for name in sorted(pairs):
            exp, report = pairs[name]
            doc = self._score_doc(name, exp, report, kinds, result)
            result.docs[name] = doc
            result.total.add(doc)
        result.by_kind = {k: kinds[k] for k in sorted(kinds)}
        return result

    def _score_doc(self, name: str, exp: Expected, report: Report, kinds: dict[str, Counts],
                   result: FindingsScore) -> Counts:
        findings = [f for f in report.findings if f.severity >= self.min_severity]
        matched = max_matching(_candidates(report, exp, findings, name))
        doc = Counts()
        for k, e in enumerate(exp.findings):
            hit = k in matched
            doc.tp, doc.fn = doc.tp + hit, doc.fn + (not hit)
            kinds[e.kind].tp += hit
            kinds[e.kind].fn += not hit
            if not hit:
                result.misses.append({"doc": name, "type": e.type, "change": e.change,
                                      "src_contains": e.src_contains, "tgt_contains": e.tgt_contains,
                                      "note": e.note})
        used = set(matched.values())
        for j, f in enumerate(findings):
            if j in used or (f.type in exp.allowed_extra and not self.count_extra):
                continue
            doc.fp += 1
            kinds[f"{f.type}/{f.change}"].fp += 1
            result.false_alarms.append({"doc": name, "id": f.id, "type": f.type, "change": f.change,
                                        "severity": str(f.severity), "explanation": f.explanation})
        return doc
