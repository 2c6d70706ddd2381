"""Quotes: every quotation-mark convention, found over the whole text, compared per bead.

A quote on one side whose counterpart is reported speech or absent is ``dropped``; a quote on
both sides whose content clearly differs (other numbers, or much longer or shorter) is
``altered``. Negation inside a quote is left to the negation check. Without MT, wording changes
inside a quote are out of reach: the model backends add that comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlate.compare.base import Bead, Context, bead_confidence, span_of
from xlate.compare.numbers import Mention, extract
from xlate.lexicons import WORD_RE
from xlate.report.model import Finding, Sentence
from xlate.text import fold

# opener -> possible closers, in order of preference
_PAIRS = {
    "„": "“”\"", "“": "”\"", "«": "»", "»": "«", "‚": "‘’", "「": "」", "『": "』", "\"": "\"",
    "‹": "›", "›": "‹",
}
_MAX_QUOTE = 1500  # characters: longer than that is a stray mark, not a quote
SCARE_QUOTE_WORDS = 3  # quotes this short are names or scare quotes, not reported speech
LENGTH_RATIO = 1.4  # faithful renderings of a quote stay within this length ratio (characters)
QUOTE_CHRF = 45.0  # a quote's rendering and a fresh MT of the original agree at least this well


@dataclass(frozen=True)
class Quote:
    start: int  # absolute offsets including the marks
    end: int
    text: str  # content without the marks

    @property
    def words(self) -> list[str]:
        return WORD_RE.findall(self.text)


def find_quotes(text: str, lang: str) -> list[Quote]:
    """Quoted stretches of ``text``, not crossing a line break."""
    quotes: list[Quote] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        closers = _PAIRS.get(ch)
        if closers is None or (ch == "»" and lang not in ("de", "da", "cs", "sk", "sl", "hr", "sv")):
            i += 1
            continue
        if ch == "\"" and i > 0 and text[i - 1].isalnum():
            i += 1
            continue  # 12" (inches) or a closing straight quote without opener
        j = i + 1
        end = -1
        while j < n and j - i < _MAX_QUOTE and text[j] not in "\n\r":
            if text[j] in closers:
                end = j
                break
            j += 1
        if end < 0:
            i += 1
            continue
        content = text[i + 1:end].strip()
        if WORD_RE.search(content):
            quotes.append(Quote(i, end + 1, content))
        i = end + 1
    return quotes


def _assign(quotes: list[Quote], sents: list[Sentence]) -> dict[int, list[Quote]]:
    out: dict[int, list[Quote]] = {}
    k = 0
    for q in quotes:
        while k < len(sents) and sents[k].end <= q.start:
            k += 1
        if k < len(sents):
            out.setdefault(sents[k].id, []).append(q)
    return out


def _similarity(a: Quote, b: Quote) -> float:
    fa, fb = {fold(w)[:5] for w in a.words}, {fold(w)[:5] for w in b.words}
    overlap = len(fa & fb) / max(1, min(len(fa), len(fb)))
    la, lb = len(a.words), len(b.words)
    return overlap + min(la, lb) / max(la, lb, 1)


class QuoteChecker:
    name = "quotes"

    def check(self, ctx: Context) -> list[Finding]:
        src_q = _assign(find_quotes(ctx.src_text, ctx.src_lang), ctx.src_sents)
        tgt_q = _assign(find_quotes(ctx.tgt_text, ctx.tgt_lang), ctx.tgt_sents)
        findings: list[Finding] = []
        for bead in ctx.beads:
            if not bead.src or not bead.tgt:
                continue
            qs = [q for s in bead.src for q in src_q.get(s.id, [])]
            qt = [q for s in bead.tgt for q in tgt_q.get(s.id, [])]
            pairs, left_s, left_t = _pair(qs, qt)
            for a, b in pairs:
                f = self._compare(ctx, bead, a, b)
                if f:
                    findings.append(f)
            near_t = [q for s in ctx.neighbours(bead, "tgt") for q in tgt_q.get(s.id, [])]
            near_s = [q for s in ctx.neighbours(bead, "src") for q in src_q.get(s.id, [])]
            for q in left_s:
                if any(_similarity(q, x) > 1.2 for x in near_t):
                    continue
                findings.append(self._one_sided(ctx, bead, q, "src"))
            for q in left_t:
                if any(_similarity(q, x) > 1.2 for x in near_s):
                    continue
                findings.append(self._one_sided(ctx, bead, q, "tgt"))
        return findings

    def _one_sided(self, ctx: Context, bead: Bead, q: Quote, side: str) -> Finding:
        short = len(q.words) <= SCARE_QUOTE_WORDS
        text = ctx.src_text if side == "src" else ctx.tgt_text
        where = "target" if side == "src" else "source"
        said = any(m.concept in ("SAY", "ACCORDING_TO")
                   for s in (bead.tgt if side == "src" else bead.src)
                   for m in ctx.concept_matches("tgt" if side == "src" else "src", s))
        how = "is reported speech" if said else "has no quotation marks"
        why = f"quoted {'phrase' if short else 'statement'} “{_clip(q.text)}” {how} in the {where}"
        severity = "low" if short else ("high" if side == "src" else "medium")
        span = span_of(text, q.start, q.end)
        return Finding("quote", "dropped" if side == "src" else "added", severity,
                       bead.src_ids, bead.tgt_ids, span if side == "src" else None,
                       span if side == "tgt" else None, why,
                       bead_confidence(0.6 if short else 0.85, bead))

    def _compare(self, ctx: Context, bead: Bead, a: Quote, b: Quote) -> Finding | None:
        reasons = []
        na, nb = _numbers(a, ctx, "src"), _numbers(b, ctx, "tgt")
        if sorted(na) != sorted(nb):
            reasons.append(f"numbers {_fmt(na)} vs {_fmt(nb)}")
        la, lb = len(a.words), len(b.words)
        ca, cb = len(a.text), len(b.text)
        # Faithful translations of a quote stay within about a third of each other's length
        # (measured in characters, which is fairer across languages with and without articles).
        if min(ca, cb) >= 20 and max(ca, cb) / min(ca, cb) >= LENGTH_RATIO and abs(la - lb) >= 3:
            reasons.append(f"one is much longer: {la} vs {lb} words")
        if ctx.translate is not None and min(la, lb) >= 3:
            # With MT the wording itself can be compared: translate the original quote afresh.
            from xlate.compare.mt import chrf

            fresh = ctx.translate([a.text])[0]
            score = chrf(fresh, b.text)
            if score < QUOTE_CHRF:
                reasons.append(f"wording differs from a fresh translation of the original (chrF {score:.0f}: "
                               f"“{_clip(fresh)}”)")
        if not reasons:
            return None
        return Finding("quote", "altered", "medium", bead.src_ids, bead.tgt_ids,
                       span_of(ctx.src_text, a.start, a.end), span_of(ctx.tgt_text, b.start, b.end),
                       "quoted words differ: " + "; ".join(reasons), bead_confidence(0.7, bead))


def _pair(qs: list[Quote], qt: list[Quote]) -> tuple[list[tuple[Quote, Quote]], list[Quote], list[Quote]]:
    """Greedy pairing by similarity; what is left over is one-sided."""
    cand = sorted(((_similarity(a, b), i, j) for i, a in enumerate(qs) for j, b in enumerate(qt)),
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
    return (pairs, [q for i, q in enumerate(qs) if i not in used_s],
            [q for j, q in enumerate(qt) if j not in used_t])


def _numbers(q: Quote, ctx: Context, side: str) -> list[float]:
    fake = Sentence(-1, q.text, 0, len(q.text))
    ms: list[Mention] = extract(fake, ctx.lang(side), ctx.lexicon(side))
    return [m.value for m in ms if m.kind == "number" and not (m.is_word and m.value < 10)]


def _fmt(vals: list[float]) -> str:
    return "{" + ", ".join(f"{v:g}" for v in sorted(vals)) + "}" if vals else "none"


def _clip(s: str, n: int = 60) -> str:
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= n else s[: n - 1] + "…"
