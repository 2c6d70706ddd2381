"""Sentences with no counterpart: ``omission`` (source only) and ``addition`` (target only)."""

from __future__ import annotations

from xlate.compare.base import GAP, Context, Side, one_sided, sentence_severity, sentence_span
from xlate.report.model import Finding


class OmissionChecker:
    name = "omission"

    def check(self, ctx: Context) -> list[Finding]:
        findings = []
        for bead in ctx.beads:
            if bead.src and bead.tgt:
                continue
            side: Side = "src" if bead.src else "tgt"
            view = ctx.side(side)
            for s in bead.sents(side):
                if s.id in view.furniture:
                    continue
                findings.append(one_sided(
                    side, type=GAP[side], severity=sentence_severity(ctx, side, s), bead=bead, ids=[s.id],
                    span=sentence_span(s),
                    explanation=f"{view.label} sentence {s.id} has no counterpart in the {ctx.other(side).label}",
                    confidence=0.5 + 0.4 * (1 - bead.score) if bead.score else 0.8,
                ))
        return findings
