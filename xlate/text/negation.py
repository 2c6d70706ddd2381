"""Where a sentence says "not": the negated clauses and the negative words of its lexicon matches.

Shared by the negation check and the MT review. One NEGATION counts per clause in a language with
negative concord ("nikdy nikomu nic" is one negation; a COORDINATOR such as "a" starts a new
clause), one per word in a language without it ("not because I don't like it" is two;
conventions.tsv, NEGATION_PER_WORD). NON_NEGATING phrases ("not only", "nicht nur") hold a negation
word that negates nothing; NEG_LEXICAL words (fail, lack, without, unusual) say "not" without a
negation word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xlate.lexicons import WORD_RE, Match, load_lexicon
from xlate.lexicons.conventions import negation_per_word
from xlate.report.model import Sentence

_CLAUSE = re.compile(r"[,;:–—()]|\s-\s")
NEGATIVE_WORDS = "NEG_LEXICAL"  # negative in meaning without a negation: fail, lack, without, unusual
NON_NEGATING = "NON_NEGATING"  # holds a negation word but negates nothing: not only, nicht nur


def negations(matches: list[Match], sent: Sentence, lang: str) -> list[Match]:
    """The negations of one sentence in ``lang``, from its lexicon matches: one NEGATION per clause
    where the language has negative concord ("nikdy nikomu nic" is one), every one where it has not
    (English "not … don't" is two), none inside a NON_NEGATING phrase, none on a capitalised word
    inside the sentence (glued "ne-" also starts names: Nedvěd, Nezmar)."""
    inert = [(m.start, m.end) for m in matches if m.concept == NON_NEGATING]
    ms = [m for m in matches if m.concept == "NEGATION" and not any(a <= m.start < b for a, b in inert)
          and not _name_inside(sent, m.start)]
    return ms if negation_per_word(lang) else _one_per_clause(ms, sent, _coordinators(lang))


def negation_count(matches: list[Match], sent: Sentence, lang: str) -> int:
    """How many ways one sentence says "not": negated clauses and NEG_LEXICAL words. What a
    second opinion compares, since either may render the other."""
    return len(negations(matches, sent, lang)) + sum(m.concept == NEGATIVE_WORDS for m in matches)


def _name_inside(sent: Sentence, start: int) -> bool:
    """Is the word at absolute offset ``start`` capitalised after a word or a comma (a name)?"""
    i = start - sent.start
    if i <= 0 or not sent.text[i:i + 1].isupper():
        return False
    before = sent.text[:i].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


@lru_cache(maxsize=64)
def _coordinators(lang: str) -> frozenset[str]:
    """Words that join two clauses in ``lang`` (its lexicon's COORDINATOR list: a, i, and…)."""
    return frozenset(w.lower() for w in load_lexicon(lang).words("COORDINATOR"))


def _one_per_clause(ms: list[Match], sent: Sentence, coordinators: frozenset[str]) -> list[Match]:
    """Negative concord: a negation in the clause of the one before it is part of it, unless
    clause punctuation or a coordinating word stands between ("nechtějí a nemají" is two)."""
    out: list[Match] = []
    for m in ms:
        if out:
            between = sent.text[out[-1].end - sent.start:m.start - sent.start]
            if not _CLAUSE.search(between) and not any(w.lower() in coordinators for w in WORD_RE.findall(between)):
                continue
        out.append(m)
    return out
