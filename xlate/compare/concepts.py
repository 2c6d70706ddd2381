"""Hedges, attribution and negation: the lexicon concepts each side has, compared per bead.

Comparison is by concept, then by group: "údajných" (ALLEGED) answers "alleged" (ALLEGED); a
REPORTEDLY on one side answers an ALLEGED on the other (both hedges) without a finding, since a
translator may pick either. What is left over on one side is dropped or added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlate.compare.base import Bead, Context, bead_confidence, span_of
from xlate.compare.entities import word_keys, word_present
from xlate.lexicons import WORD_RE, Match
from xlate.report.model import Finding, Sentence


@dataclass(frozen=True)
class ConceptGroup:
    type: str  # finding type
    concepts: dict[str, tuple[str, str]]  # concept -> (severity if dropped, severity if added)
    label: dict[str, str]  # concept -> human name for explanations


HEDGES = ConceptGroup(
    "hedge",
    {"ALLEGED": ("high", "medium"), "REPORTEDLY": ("high", "medium"),
     "SUSPECTED": ("high", "medium"), "SO_CALLED": ("medium", "medium"),
     "APPARENTLY": ("medium", "medium"), "HEARSAY": ("high", "medium"),
     "UNCERTAIN": ("medium", "low")},
    {"ALLEGED": "the qualifier ALLEGED", "REPORTEDLY": "the qualifier REPORTEDLY",
     "SUSPECTED": "the qualifier SUSPECTED", "SO_CALLED": "the distancing SO-CALLED",
     "APPARENTLY": "the qualifier APPARENTLY", "HEARSAY": "hearsay marking (reported, unverified)",
     "UNCERTAIN": "uncertainty (may/possibly)"},
)
ATTRIBUTION = ConceptGroup(
    "attribution",
    {"ACCORDING_TO": ("high", "medium"), "CITING": ("high", "medium"), "SAY": ("low", "low")},
    {"ACCORDING_TO": "attribution ACCORDING TO", "CITING": "attribution CITING",
     "SAY": "a reporting verb (said/told)"},
)
NEGATION = ConceptGroup(
    "negation", {"NEGATION": ("high", "high")}, {"NEGATION": "negation"},
)

_CLAUSE = re.compile(r"[,;:–—()]|\s-\s")


class ConceptChecker:
    """One checker per group; negation counts negated clauses, not words (negative concord)."""

    def __init__(self, group: ConceptGroup):
        self.group = group
        self.name = group.type

    def _matches(self, ctx: Context, side: str, bead: Bead) -> list[Match]:
        sents = bead.src if side == "src" else bead.tgt
        ms = [m for s in sents for m in ctx.concept_matches(side, s) if m.concept in self.group.concepts]
        if self.group.type == "negation":
            ms = _one_per_clause(ms, ctx.src_text if side == "src" else ctx.tgt_text)
        return ms

    def check(self, ctx: Context) -> list[Finding]:
        findings: list[Finding] = []
        surplus: dict[int, tuple[list[Match], list[Match]]] = {}
        for bead in ctx.beads:
            if not bead.src or not bead.tgt:
                continue
            surplus[bead.index] = _cancel(self._matches(ctx, "src", bead),
                                          self._matches(ctx, "tgt", bead))
        for k, (left_s, left_t) in surplus.items():
            bead = ctx.beads[k]
            # A concept that moved into a neighbouring bead shows up there as surplus on the other
            # side: it was moved, not dropped.
            near = [surplus[j] for j in (k - 1, k + 1) if j in surplus]
            near_t = [m for _, t in near for m in t]
            near_s = [m for s, _ in near for m in s]
            for m in left_s:
                if _take(near_t, m):
                    continue
                findings.append(self._finding(ctx, bead, m, "src"))
            for m in left_t:
                if _take(near_s, m):
                    continue
                findings.append(self._finding(ctx, bead, m, "tgt"))
        return findings

    def _finding(self, ctx: Context, bead: Bead, m: Match, side: str) -> Finding:
        sev_drop, sev_add = self.group.concepts[m.concept]
        text = ctx.src_text if side == "src" else ctx.tgt_text
        start, end = m.start, m.end
        if m.concept in ("ACCORDING_TO", "CITING"):
            end = _extend_to_source(text, end)
        label = self.group.label[m.concept]
        if m.concept == "SAY":
            # "uviedla TASS" → nothing: a reporting verb that takes its named source with it is
            # a dropped attribution, not a paraphrase.
            stop = {w.lower() for w in ctx.lexicon(side).words("STOPWORDS")}
            source = _named_source(text, start, end, bead.tgt if side == "src" else bead.src, stop)
            if source:
                start, end = min(start, source[0]), max(end, source[1])
                sev_drop = sev_add = "medium"
                label = f"attribution to {text[source[0]:source[1]]}"
        span = span_of(text, start, end)
        where, there = ("source", "target") if side == "src" else ("target", "source")
        why = f"{label} “{span.text}” in the {where} has no counterpart in the {there}"
        return Finding(self.group.type, "dropped" if side == "src" else "added",
                       sev_drop if side == "src" else sev_add, bead.src_ids, bead.tgt_ids,
                       span if side == "src" else None, span if side == "tgt" else None, why,
                       bead_confidence(0.75, bead))


def _cancel(src: list[Match], tgt: list[Match]) -> tuple[list[Match], list[Match]]:
    """Remove pairs with the same concept, then any pairs of the group."""
    left_s, left_t = list(src), list(tgt)
    for m in list(left_s):
        hit = next((t for t in left_t if t.concept == m.concept), None)
        if hit is not None:
            left_s.remove(m)
            left_t.remove(hit)
    n = min(len(left_s), len(left_t))
    return left_s[n:], left_t[n:]


def _take(pool: list[Match], m: Match) -> bool:
    for i, x in enumerate(pool):
        if x.concept == m.concept:
            del pool[i]
            return True
    return False


def _one_per_clause(ms: list[Match], text: str) -> list[Match]:
    out: list[Match] = []
    for m in ms:
        if out and not _CLAUSE.search(text[out[-1].end:m.start]):
            continue
        out.append(m)
    return out


def _named_source(text: str, start: int, end: int, other: list[Sentence],
                  stop: set[str]) -> tuple[int, int] | None:
    """Offsets of a capitalised name within three words of a reporting verb, when the other side's
    sentences do not mention it."""
    lo = max(0, start - 40)
    cut = max(text.rfind(p, lo, start) for p in _CLAUSE_MARKS)  # stay inside the clause
    before = list(WORD_RE.finditer(text, max(lo, cut + 1), start))[-3:]
    hi = min(len(text), end + 40)
    stops = [i for i in (text.find(p, end, hi) for p in _CLAUSE_MARKS) if i >= 0]
    after = list(WORD_RE.finditer(text, end, min(stops, default=hi)))[:3]
    other_keys = word_keys([w for s in other for w in WORD_RE.findall(s.text)])
    for m in after + before[::-1]:
        w = m.group()
        if not w[:1].isupper() or len(w) < 2 or w.lower() in stop:
            continue  # "She said", "The police are said": not a named source
        if not word_present(w, other_keys):
            return m.start(), m.end()
    return None


_CLAUSE_MARKS = (",", ";", ":", ".", "“", "”", "\"", "«", "»", "„", "—", "–")


def _extend_to_source(text: str, end: int) -> int:
    """'according to' → 'according to the TASS agency': up to 5 words, stopping at punctuation."""
    stop = re.search(r"[,.;:!?\n“”\"«»„]", text[end:end + 80])
    limit = end + (stop.start() if stop else 80)
    words = list(WORD_RE.finditer(text, end, limit))[:5]
    return words[-1].end() if words else end


HEDGE_CHECKER = ConceptChecker(HEDGES)
ATTRIBUTION_CHECKER = ConceptChecker(ATTRIBUTION)
NEGATION_CHECKER = ConceptChecker(NEGATION)
