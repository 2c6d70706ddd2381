"""Page furniture: bylines, breadcrumbs, "You may also like", footers — not news content.

Scraped articles carry them on one side only, so left in they would be reported as added
sentences and could pull the aligner off course. Only whole lines are candidates; a sentence in
the middle of a paragraph is never furniture.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xlate.lexicons import WORD_RE, Lexicon
from xlate.lexicons.conventions import byline_words, copyright_phrases
from xlate.report.model import Sentence

_COUNT_LINE = re.compile(r"^\d+\s+\w+$")  # "0 comments", "12 Kommentare"
_COPYRIGHT_MARKS = r"©|\(c\)\s*\d{4}|@\s?\d{4}"  # in any language
FOOTER_MAX_WORDS = 25  # a line this long is a paragraph, so the footer has not started


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Byline and copyright patterns, from the word lists in ``lexicons/conventions.tsv``."""
    byline = re.compile(r"^(" + "|".join(map(re.escape, byline_words())) + r")\b[:\s]", re.I)
    phrases = "|".join(map(re.escape, copyright_phrases()))
    return byline, re.compile(_COPYRIGHT_MARKS + "|" + phrases, re.I)


def _whole_lines(text: str, sents: list[Sentence]) -> list[Sentence]:
    """The sentences that stand alone on their line (only spaces around them)."""
    return [s for s in sents if _blank_to_newline(text, s.start - 1, -1)
            and _blank_to_newline(text, s.end, 1)]


def _blank_to_newline(text: str, k: int, step: int) -> bool:
    """Are there only spaces from ``k`` (walking by ``step``) to a line break or the end of the text?

    Walks from the sentence outwards, so that each test costs the spaces it reads, not a copy of
    the text before the sentence (which made long documents quadratic).
    """
    while 0 <= k < len(text) and text[k] != "\n" and text[k].isspace():
        k += step
    return not 0 <= k < len(text) or text[k] == "\n"


def _breadcrumbs(lines: list[Sentence]) -> dict[str, str | None]:
    """For each line text, the first other line text (longer than 20 characters) it ends with.

    A line can only end with a text whose last 21 characters are its own, so the candidates are
    looked up by those (first occurrences only, in document order) instead of comparing every line
    with every other.
    """
    by_tail: dict[str, list[str]] = {}
    seen: set[str] = set()
    for s in lines:
        if len(s.text) > 20 and s.text not in seen:
            seen.add(s.text)
            by_tail.setdefault(s.text[-21:], []).append(s.text)
    out: dict[str, str | None] = {}
    for s in lines:
        if s.text not in out:
            cands = by_tail.get(s.text[-21:], []) if len(s.text) > 20 else []
            out[s.text] = next((t for t in cands if t != s.text and s.text.endswith(t)), None)
    return out


def _is_phrase(s: Sentence, lex: Lexicon) -> bool:
    words = WORD_RE.findall(s.text)
    if not words or len(words) > 8:
        return False
    matched = sum(len(WORD_RE.findall(m.text)) for m in lex.find(s.text, {"FURNITURE"}))
    return matched == len(words)


def find_furniture(text: str, sents: list[Sentence], lex: Lexicon) -> set[int]:
    """Ids of sentences that are page furniture."""
    lines = _whole_lines(text, sents)
    crumbs = _breadcrumbs(lines)
    byline, copyright_line = _patterns()
    out: set[int] = set()
    for s in lines:
        n_words = len(WORD_RE.findall(s.text))
        if (_is_phrase(s, lex) or (byline.match(s.text) and n_words <= 4)
                or _COUNT_LINE.match(s.text) or copyright_line.search(s.text)):
            out.add(s.id)
            continue
        # Breadcrumb: "Home Opinion <headline>" repeats another line after a few menu words.
        t = crumbs[s.text]
        if t is not None and len(WORD_RE.findall(s.text[: -len(t)])) <= 4:
            out.add(s.id)
    # Footer: from a furniture line in the second half of the text on, if only short lines follow
    # ("You may also like", then teasers and a copyright line).
    for s in lines:
        if s.id in out and s.start >= 0.5 * len(text):
            rest = [r for r in sents if r.id >= s.id]
            if all(len(WORD_RE.findall(r.text)) < FOOTER_MAX_WORDS for r in rest):
                out.update(r.id for r in rest)
            break
    return out
