"""Sentences with no counterpart: ``omission`` (source only) and ``addition`` (target only)."""

from __future__ import annotations

from xlate.compare.base import Context, sentence_span
from xlate.compare.quotes import find_quotes
from xlate.lexicons import WORD_RE
from xlate.report.model import Finding, Sentence

HEAVY_CONCEPTS = frozenset({"ACCORDING_TO", "CITING", "NEGATION", "ALLEGED", "REPORTEDLY", "HEARSAY"})
SHORT_WORDS = 6  # shorter one-sided sentences are usually headlines, datelines or captions


class OmissionChecker:
    name = "omission"

    def check(self, ctx: Context) -> list[Finding]:
        findings = []
        for bead in ctx.beads:
            if bead.src and bead.tgt:
                continue
            side = "src" if bead.src else "tgt"
            for s in bead.src or bead.tgt:
                if (side, s.id) in ctx.furniture:
                    continue
                severity = sentence_severity(ctx, side, s)
                where = "source" if side == "src" else "target"
                there = "target" if side == "src" else "source"
                span = sentence_span(s)
                findings.append(Finding(
                    "omission" if side == "src" else "addition",
                    "dropped" if side == "src" else "added", severity,
                    [s.id] if side == "src" else [], [s.id] if side == "tgt" else [],
                    span if side == "src" else None, span if side == "tgt" else None,
                    f"{where} sentence {s.id} has no counterpart in the {there}",
                    0.5 + 0.4 * (1 - bead.score) if bead.score else 0.8,
                ))
        return findings


def sentence_severity(ctx: Context, side: str, s: Sentence) -> str:
    """How much a missing sentence matters: numbers, quotes, attribution or hedges make it high."""
    n_words = len(WORD_RE.findall(s.text))
    heavy = (any(ch.isdigit() for ch in s.text) or bool(find_quotes(s.text, ctx.lang(side)))
             or any(m.concept in HEAVY_CONCEPTS for m in ctx.concept_matches(side, s)))
    if n_words < SHORT_WORDS:
        return "low"
    return "high" if heavy else "medium"
