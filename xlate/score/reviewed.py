"""Precision as a desk judged it: reviewed reports as labels.

A confirmed finding is a true positive, a dismissed one a false alarm, an open one unlabelled. Per
finding type (and type × severity) the desk's precision is confirmed / (confirmed + dismissed),
set beside the mean confidence xlate gave the same reviewed findings: where the two part, the
calibration does not hold for this desk's stories.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from xlate import __version__
from xlate.report.model import Report

STATUSES = ("confirmed", "dismissed", "open")


@dataclass
class Judged:
    """Counts of one group of findings by review status, and the confidences of the reviewed ones."""

    confirmed: int = 0
    dismissed: int = 0
    open: int = 0
    confidence_sum: float = 0.0

    def add(self, status: str, confidence: float) -> None:
        setattr(self, status, getattr(self, status) + 1)
        if status != "open":
            self.confidence_sum += confidence

    @property
    def reviewed(self) -> int:
        return self.confirmed + self.dismissed

    @property
    def precision(self) -> float | None:
        return self.confirmed / self.reviewed if self.reviewed else None

    @property
    def mean_confidence(self) -> float | None:
        return self.confidence_sum / self.reviewed if self.reviewed else None

    def to_dict(self) -> dict[str, Any]:
        return {"confirmed": self.confirmed, "dismissed": self.dismissed, "open": self.open,
                "precision": _round(self.precision), "mean_confidence": _round(self.mean_confidence)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass
class ReviewedScore:
    signature: str
    pooled: Judged
    by_type: dict[str, Judged] = field(default_factory=dict)
    by_type_severity: dict[str, Judged] = field(default_factory=dict)
    docs: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"signature": self.signature, "docs": self.docs, "pooled": self.pooled.to_dict(),
                "by_type": {k: v.to_dict() for k, v in sorted(self.by_type.items())},
                "by_type_severity": {k: v.to_dict() for k, v in sorted(self.by_type_severity.items())}}

    def to_markdown(self) -> str:
        def pct(x: float | None) -> str:
            return "–" if x is None else f"{100 * x:.0f}%"

        lines = ["# Findings as the desk judged them", "",
                 f"{self.docs} reports. Precision = confirmed / (confirmed + dismissed); open findings are "
                 "unlabelled. *Confidence* is xlate's mean confidence on the same reviewed findings.", "",
                 "| findings | confirmed | dismissed | open | desk precision | mean confidence |",
                 "| --- | ---: | ---: | ---: | ---: | ---: |"]
        rows = [("all", self.pooled), *sorted(self.by_type.items()), *sorted(self.by_type_severity.items())]
        for name, j in rows:
            lines.append(f"| {name} | {j.confirmed} | {j.dismissed} | {j.open} | {pct(j.precision)} | "
                         f"{pct(j.mean_confidence)} |")
        return "\n".join([*lines, "", f"`{self.signature}`", ""])


@dataclass(frozen=True)
class ReviewedMetric:
    """Scores reports whose findings carry ``review`` (``xlate check --reviews``, or after
    :func:`xlate.review.apply_reviews`)."""

    min_severity: str = "low"

    def signature(self, docs: int, store: str) -> str:
        return f"xlate-score-reviewed|labels:{store}|min_severity:{self.min_severity}|docs:{docs}|version:{__version__}"

    def score(self, reports: Mapping[str, Report], store: str = "reports") -> ReviewedScore:
        result = ReviewedScore(self.signature(len(reports), store), Judged(), docs=len(reports))
        for report in reports.values():
            for f in report.findings:
                if f.severity < self.min_severity:
                    continue
                status = f.review["status"] if f.review else "open"
                for judged in (result.pooled, result.by_type.setdefault(f.type, Judged()),
                               result.by_type_severity.setdefault(f"{f.type} {f.severity}", Judged())):
                    judged.add(status, f.confidence)
        return result
