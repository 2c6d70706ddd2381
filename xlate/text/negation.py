"""Where a sentence says "not": the negated clauses and the negative words of its lexicon matches.

Shared by the negation check and the MT review. One NEGATION counts per clause (negative concord:
"nikdy nikomu nic" is one negation); NON_NEGATING phrases ("not only", "nicht nur") hold a
negation word that negates nothing; NEG_LEXICAL words (fail, lack, without, unusual) say "not"
without a negation word.
"""

from __future__ import annotations

import re

from xlate.lexicons import Match
from xlate.report.model import Sentence

_CLAUSE = re.compile(r"[,;:–—()]|\s-\s")
NEGATIVE_WORDS = "NEG_LEXICAL"  # negative in meaning without a negation: fail, lack, without, unusual
NON_NEGATING = "NON_NEGATING"  # holds a negation word but negates nothing: not only, nicht nur


def negations(matches: list[Match], sent: Sentence) -> list[Match]:
    """The negated clauses of one sentence, from its lexicon matches: one NEGATION per clause
    (negative concord: "nikdy nikomu nic" is one), none inside a NON_NEGATING phrase, none on a
    capitalised word inside the sentence (glued "ne-" also starts names: Nedvěd, Nezmar)."""
    inert = [(m.start, m.end) for m in matches if m.concept == NON_NEGATING]
    ms = [m for m in matches if m.concept == "NEGATION" and not any(a <= m.start < b for a, b in inert)
          and not _name_inside(sent, m.start)]
    return _one_per_clause(ms, sent)


def negation_count(matches: list[Match], sent: Sentence) -> int:
    """How many ways one sentence says "not": negated clauses and NEG_LEXICAL words. What a
    second opinion compares, since either may render the other."""
    return len(negations(matches, sent)) + sum(m.concept == NEGATIVE_WORDS for m in matches)


def _name_inside(sent: Sentence, start: int) -> bool:
    """Is the word at absolute offset ``start`` capitalised after a word or a comma (a name)?"""
    i = start - sent.start
    if i <= 0 or not sent.text[i:i + 1].isupper():
        return False
    before = sent.text[:i].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


def _one_per_clause(ms: list[Match], sent: Sentence) -> list[Match]:
    out: list[Match] = []
    for m in ms:
        if out and not _CLAUSE.search(sent.text[out[-1].end - sent.start:m.start - sent.start]):
            continue
        out.append(m)
    return out
