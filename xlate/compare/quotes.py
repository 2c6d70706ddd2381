"""Quotes: every quotation-mark convention, found over the whole text, compared per bead.

A quote on one side whose counterpart is reported speech or absent is ``dropped``; a quote on
both sides whose content clearly differs (much longer or shorter, or with MT worded otherwise
than a fresh translation of the original) is ``altered``. Numbers and negation inside a quote
are left to their own checks. Without MT, wording changes inside a quote are out of reach: the
model backends add that comparison.
"""

from __future__ import annotations

import re

from xlate.compare.base import SIDES, Bead, Context, Side, SideView, bead_finding, one_sided, other
from xlate.report.model import Finding, Sentence, Severity, Span
from xlate.text.chrf import chrf
from xlate.text.quotes import Quote, find_quotes, quote_similarity
from xlate.text.script import is_cjk_text, visible_length

SCARE_QUOTE_WORDS = 3  # quotes this short are names or scare quotes, not reported speech
LENGTH_RATIO = 1.4  # faithful renderings of a quote stay within this length ratio (characters)
CJK_LENGTH_RATIO = 2.0  # the same, where one side writes Han or kana (visible length, see text.script)
QUOTE_CHRF = 45.0  # a quote's rendering and a fresh MT of the original agree at least this well
# A dropped statement is an edit of what someone said; an added one is more often a translator's
# choice to mark speech the original reported indirectly.
STATEMENT_SEVERITY: dict[Side, Severity] = {"src": Severity.HIGH, "tgt": Severity.MEDIUM}


def _by_sentence(view: SideView) -> dict[int, list[Quote]]:
    """The quotes of one side by the id of the sentence each opens in."""
    sents = view.sents
    out: dict[int, list[Quote]] = {}
    k = 0
    for q in find_quotes(view.text, view.lang):
        while k < len(sents) and sents[k].end <= q.start:
            k += 1
        if k < len(sents):
            out.setdefault(sents[k].id, []).append(q)
    return out


class QuoteChecker:
    name = "quotes"

    def check(self, ctx: Context) -> list[Finding]:
        quotes = {side: _by_sentence(ctx.side(side)) for side in SIDES}
        findings: list[Finding] = []
        for bead in ctx.beads:
            if not bead.src or not bead.tgt:
                continue
            qs = [q for s in bead.src for q in quotes["src"].get(s.id, [])]
            qt = [q for s in bead.tgt for q in quotes["tgt"].get(s.id, [])]
            pairs, left_s, left_t = _pair(qs, qt)
            for a, b in pairs:
                f = self._compare(ctx, bead, a, b)
                if f:
                    findings.append(f)
            for side, rest in zip(SIDES, (left_s, left_t)):
                there = other(side)
                near = [q for s in ctx.neighbours(bead, there) for q in quotes[there].get(s.id, [])]
                findings.extend(self._one_sided(ctx, bead, q, side) for q in rest
                                if not any(quote_similarity(q, x) > 1.2 for x in near))
        return findings

    def _one_sided(self, ctx: Context, bead: Bead, q: Quote, side: Side) -> Finding:
        short = q.length <= SCARE_QUOTE_WORDS
        there = other(side)
        said = any(m.concept in ("SAY", "ACCORDING_TO")
                   for s in bead.sents(there) for m in ctx.concept_matches(there, s))
        how = "is reported speech" if said else "has no quotation marks"
        why = f"quoted {'phrase' if short else 'statement'} “{_clip(q.text)}” {how} in the {ctx.side(there).label}"
        if q.lone:  # one mark missing: where the quote starts or ends is a guess
            why += " (one of its quotation marks is missing)"
        # Japanese and Chinese mark titles, names, signs, thoughts and indirect speech with 「」 and
        # “” ("「…」と強調" = "stressed that …"); English renders most of them without marks.
        convention = is_cjk_text(q.text) != is_cjk_text(ctx.side(there).text)
        if convention and not (short or q.lone):
            why += " (across Han or kana and an alphabet quotation marks follow different conventions)"
        found = one_sided(side, type="quote",
                          severity=Severity.LOW if short or q.lone or convention else STATEMENT_SEVERITY[side],
                          bead=bead, span=_span(ctx.side(side), bead.sents(side), q), explanation=why,
                          confidence=bead.confidence(0.6 if short else 0.85))
        if convention:
            found.evidence["convention"] = True
        return found

    def _compare(self, ctx: Context, bead: Bead, a: Quote, b: Quote) -> Finding | None:
        # A number changed inside a quote is the number check's finding (with its readings of
        # dates, number words and CJK numerals, and the MT's second look): counted here too, it was
        # a second alarm for one change, or a false one where only this cruder reading differed
        # (十元 ↔ "10 yuan", 十四五 ↔ "14th Five-Year Plan").
        reasons = []
        la, lb = a.length, b.length
        # Characters, with a CJK character worth about three Latin letters when a side writes so.
        size = visible_length if is_cjk_text(a.text) or is_cjk_text(b.text) else len
        ca, cb = size(a.text), size(b.text)
        # Faithful translations of a quote stay within about a third of each other's length
        # (measured in characters, which is fairer across languages with and without articles).
        # Across CJK and alphabets the ratio of characters varies more, so only gross changes count.
        limit = CJK_LENGTH_RATIO if size is visible_length else LENGTH_RATIO
        if min(ca, cb) >= 20 and max(ca, cb) / min(ca, cb) >= limit and abs(la - lb) >= 3:
            reasons.append(f"one is much longer: {la} vs {lb} words")
        if ctx.translate is not None and min(la, lb) >= 3:
            # With MT the wording itself can be compared: translate the original quote afresh.
            fresh = ctx.translate([a.text])[0]
            score = chrf(fresh, b.text)
            if score < QUOTE_CHRF:
                reasons.append(f"wording differs from a fresh translation of the original (chrF {score:.0f}: "
                               f"“{_clip(fresh)}”)")
        if not reasons:
            return None
        return bead_finding(bead, type="quote", severity=Severity.MEDIUM,
                            explanation="quoted words differ: " + "; ".join(reasons),
                            confidence=bead.confidence(0.7),
                            src_span=_span(ctx.side("src"), bead.src, a),
                            tgt_span=_span(ctx.side("tgt"), bead.tgt, b))


def _span(view: SideView, sents: list[Sentence], q: Quote) -> Span:
    """The quote's span, cut to the bead's sentences: a quote may run on into a sentence of the
    next bead ("He said: “We will go. We stay.”" is two sentences), and a finding's span lies in
    the sentences it cites. The explanation still quotes all of it."""
    return view.span(max(q.start, min(s.start for s in sents)), min(q.end, max(s.end for s in sents)))


def _pair(qs: list[Quote], qt: list[Quote]) -> tuple[list[tuple[Quote, Quote]], list[Quote], list[Quote]]:
    """Greedy pairing by similarity; what is left over is one-sided."""
    cand = sorted(((quote_similarity(a, b), i, j) for i, a in enumerate(qs) for j, b in enumerate(qt)),
                  reverse=True)
    used_s: set[int] = set()
    used_t: set[int] = set()
    pairs = []
    for sim, i, j in cand:
        if i in used_s or j in used_t or sim < 0.3:
            continue
        used_s.add(i)
        used_t.add(j)
        pairs.append((qs[i], qt[j]))
    left_s = [q for i, q in enumerate(qs) if i not in used_s]
    left_t = [q for j, q in enumerate(qt) if j not in used_t]
    if len(left_s) == len(left_t):
        # As many quotes left on each side of one bead: across scripts (「爱家创酷」 ↔ “Cool Maker
        # Loves Family”) nothing is shared to compare, but the order is; pair them in order.
        return pairs + list(zip(left_s, left_t)), [], []
    return pairs, left_s, left_t


def _clip(s: str, n: int = 60) -> str:
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= n else s[: n - 1] + "…"
