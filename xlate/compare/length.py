"""Partial omissions and additions: an aligned pair where one side is far shorter than expected.

Two cases. In a bead of several sentences on one side (the aligner merged them), a sentence that
shares nothing with the other side and whose removal makes the lengths fit is reported as an
omitted (or added) sentence. In any other pair much shorter than the document's usual length
ratio, part of the sentence is probably missing ("The minister resigned on Monday after the report
accused him of lying to parliament" → "Der Minister trat am Montag zurück.").
"""

from __future__ import annotations

import statistics

from xlate.compare.base import (
    GAP,
    Bead,
    Context,
    Side,
    bead_finding,
    one_sided,
    other,
    sentence_severity,
    sentence_span,
)
from xlate.report.model import Finding, Sentence, Severity
from xlate.text.features import cross_features
from xlate.text.script import cross_script, script_ratio

SHORT = 0.5  # a side under half its expected length has lost something
MIN_CHARS = 60  # the longer side must be at least this long: short lines vary too much
MIN_RATIOS = 3  # 1-1 pairs needed to estimate this document's length ratio


class LengthChecker:
    name = "length"

    def check(self, ctx: Context) -> list[Finding]:
        pairs = [b for b in ctx.beads if b.src and b.tgt]
        one_one = [_len(b.tgt) / _len(b.src) for b in pairs
                   if len(b.src) == len(b.tgt) == 1 and min(_len(b.src), _len(b.tgt)) >= 20]
        # The document's own ratio, as a median so that the pairs in question do not set it.
        every = [_len(b.tgt) / _len(b.src) for b in pairs if _len(b.src)]
        ratios = one_one if len(one_one) >= MIN_RATIOS else every
        src_texts, tgt_texts = [s.text for s in ctx.src_sents], [s.text for s in ctx.tgt_sents]
        # Too few pairs to measure the ratio: assume equal visible length (a CJK character is wide).
        expected = statistics.median(ratios) if len(ratios) >= MIN_RATIOS else script_ratio(src_texts, tgt_texts)
        cross = cross_script(src_texts, tgt_texts)
        findings = []
        for bead in pairs:
            ls, lt = _len(bead.src), _len(bead.tgt)
            if max(ls * expected, lt) < MIN_CHARS or not ls or not lt:
                continue
            r = lt / (ls * expected)
            if r < SHORT:
                findings.append(self._finding(ctx, bead, "src", r, expected, cross))
            elif r > 1 / SHORT:
                findings.append(self._finding(ctx, bead, "tgt", r, expected, cross))
        return findings

    def _finding(self, ctx: Context, bead: Bead, longer: Side, r: float, expected: float, cross: bool) -> Finding:
        mine, theirs = bead.sents(longer), bead.sents(other(longer))
        extra = _merged_extra(ctx, mine, theirs, longer, expected, cross) if len(mine) > 1 else None
        where, there = ctx.side(longer).label, ctx.other(longer).label
        if extra is not None:
            return one_sided(
                longer, type=GAP[longer], severity=sentence_severity(ctx, longer, extra), bead=bead, ids=[extra.id],
                span=sentence_span(extra),
                explanation=f"{where} sentence {extra.id} shares nothing with the {there} it was aligned with, "
                            f"and without it the lengths fit: it seems to have no counterpart",
                confidence=bead.confidence(0.55))
        factor = r if longer == "tgt" else 1 / r
        return bead_finding(
            bead, type=GAP[longer], severity=Severity.MEDIUM,
            explanation=f"the {there} is {factor:.1f}× shorter than this text's usual ratio predicts "
                        f"({_len(theirs)} vs {_len(mine)} characters): part of the {where} may have no counterpart",
            confidence=bead.confidence(0.5))


def _len(sents: list[Sentence]) -> int:
    return sum(len(s.text) for s in sents)


def _merged_extra(ctx: Context, mine: list[Sentence], theirs: list[Sentence], side: Side,
                  expected: float, cross: bool) -> Sentence | None:
    """The sentence of a merged bead that shares no numbers, names or cognates with the other side
    and whose removal brings the lengths closest to the expected ratio. Across scripts, where there
    are no cognates to share, only a sentence with a number or name of its own can show that."""
    lang, other_lang = ctx.side(side).lang, ctx.other(side).lang
    other = {f for f in cross_features(" ".join(s.text for s in theirs), other_lang) if f[0] != "?"}
    best, best_err = None, None
    for s in mine:
        own = {f for f in cross_features(s.text, lang) if f[0] != "?"}
        if own & other or (cross and not any(f[0] in "#n" for f in own)):
            continue
        rest = _len([x for x in mine if x is not s])
        ratio = (_len(theirs) / rest if side == "src" else rest / _len(theirs)) / expected
        err = abs(ratio - 1.0)
        if ratio > SHORT and (best_err is None or err < best_err):
            best, best_err = s, err
    return best
