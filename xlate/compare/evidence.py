"""The evidence behind each finding, recorded on it before its confidence is computed.

Checks decide *what* differs; how sure to be of it depends on things no single check sees: how
well the bead is aligned, whether a translation of the source agrees, whether the item stands
elsewhere in the other version of the story, whether the languages have lexicons at all, and how
noisy this document already is for this kind of finding. :mod:`xlate.compare.calibration` turns
this record into a measured probability.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from xlate.compare.base import Bead, Context, Side, other
from xlate.lexicons import WORD_RE
from xlate.report.model import Finding, Sentence
from xlate.text.names import names_present, word_keys
from xlate.text.numbers import extract, same_number
from xlate.text.script import dominant_script


def gather(findings: list[Finding], ctx: Context) -> None:
    """Fill ``f.evidence`` for every finding (in place); keeps what checks recorded already."""
    by_src = {i: b for b in ctx.beads for i in b.src_ids}
    by_tgt = {j: b for b in ctx.beads for j in b.tgt_ids}
    content = max(1, sum(1 for b in ctx.beads if b.src and b.tgt))
    per_type = Counter(f.type for f in findings)
    lexicons = bool(ctx.src_lex.concepts()) and bool(ctx.tgt_lex.concepts())
    scripts = dominant_script(ctx.src_text[:5000]) != dominant_script(ctx.tgt_text[:5000])
    whole = _WholeSides(ctx)
    for f in findings:
        bead = by_src.get(f.src[0]) if f.src else by_tgt.get(f.tgt[0]) if f.tgt else None
        ev = f.evidence
        ev.setdefault("mt", "none" if ctx.src_mt is None else "silent")
        ev.update({
            "rule_severity": f.severity.value,
            "rule_confidence": round(f.confidence, 4),
            "bead_score": round(bead.score, 4) if bead is not None else 0.0,
            "bead_shape": f"{len(bead.src)}-{len(bead.tgt)}" if bead is not None else "0-0",
            "lexicons": lexicons,
            "cross_script": scripts,
            "doc_rate": round(per_type[f.type] / content, 4),
            "span_words": len(WORD_RE.findall((f.src_span or f.tgt_span).text)) if (f.src_span or f.tgt_span) else 0,
        })
        if f.type in ("number", "entity") and bead is not None:
            ev["elsewhere"] = whole.elsewhere(f, bead)


class _WholeSides:
    """Every number and name key of each side, computed once, to ask whether an item that left
    its bead stands somewhere else in the other version of the story."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._numbers: dict[Side, list[tuple[int, Any]]] = {}
        self._keys: dict[Side, list] = {}

    def numbers(self, side: Side) -> list[tuple[int, Any]]:
        if side not in self._numbers:
            self._numbers[side] = [(s.id, m) for s in self.ctx.side(side).sents
                                   for m in self.ctx.number_mentions(side, s)]
        return self._numbers[side]

    def keys(self, side: Side) -> list:
        if side not in self._keys:
            self._keys[side] = word_keys(WORD_RE.findall(self.ctx.side(side).text))
        return self._keys[side]

    def elsewhere(self, f: Finding, bead: Bead) -> bool:
        """Does the finding's item appear on the other side outside this bead?"""
        side: Side = "src" if f.src_span is not None else "tgt"
        span = f.span(side)
        if span is None:
            return False
        there = other(side)
        if f.type == "entity":
            return names_present(WORD_RE.findall(span.text), self.keys(there))
        view = self.ctx.side(side)
        mine = extract(Sentence(-1, span.text, span.start, span.end), view.lang, view.lex)
        inside = set(bead.ids(there))
        return any(same_number(m, n) for m in mine for sid, n in self.numbers(there) if sid not in inside)
