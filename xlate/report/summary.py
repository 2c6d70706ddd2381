"""The report's ``summary``: counts, the consistency score and how confident the alignment is."""

from __future__ import annotations

from collections import Counter
from typing import Any

from xlate.report.model import LOW_CONFIDENCE, SEVERITIES, Report


def summarize(report: Report) -> dict[str, Any]:
    """Counts by type and severity, a 0–100 consistency score, alignment shape and confidence.

    The score is 100 minus the severity-weighted findings per content bead (furniture beads do
    not count), floored at 0.
    """
    by_type = Counter(f.type for f in report.findings)
    by_sev = Counter(f.severity for f in report.findings)
    beads = [link for link in report.alignment
             if not (len(link.src) == 1 and not link.tgt and link.src[0] in report.source.furniture)
             and not (len(link.tgt) == 1 and not link.src and link.tgt[0] in report.target.furniture)]
    n_beads = max(1, len(beads))
    penalty = sum(f.severity.weight for f in report.findings)
    shapes = Counter(f"{len(link.src)}-{len(link.tgt)}" for link in beads)
    paired = [link.score for link in beads if link.src and link.tgt]
    return {
        "findings": len(report.findings),
        "findings_by_type": dict(sorted(by_type.items())),
        "findings_by_severity": {s.value: by_sev.get(s, 0) for s in SEVERITIES},
        "consistency_score": round(max(0.0, 100.0 * (1 - penalty / n_beads)), 1),
        "alignment": {
            "beads": len(beads),
            "by_shape": dict(sorted(shapes.items())),
            "mean_score": round(sum(paired) / len(paired), 3) if paired else 0.0,
            "low_confidence": sum(1 for s in paired if s < LOW_CONFIDENCE),
        },
        "sentences": {"source": len(report.source.sentences), "target": len(report.target.sentences)},
        "furniture": {"source": sorted(report.source.furniture), "target": sorted(report.target.furniture)},
    }
