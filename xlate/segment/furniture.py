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
    out = []
    for s in sents:
        before = text[:s.start].rsplit("\n", 1)[-1]
        after = text[s.end:].split("\n", 1)[0]
        if not before.strip() and not after.strip():
            out.append(s)
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
    texts = [s.text for s in lines]
    byline, copyright_line = _patterns()
    out: set[int] = set()
    for s in lines:
        n_words = len(WORD_RE.findall(s.text))
        if (_is_phrase(s, lex) or (byline.match(s.text) and n_words <= 4)
                or _COUNT_LINE.match(s.text) or copyright_line.search(s.text)):
            out.add(s.id)
            continue
        # Breadcrumb: "Home Opinion <headline>" repeats another line after a few menu words.
        for t in texts:
            if t != s.text and len(t) > 20 and s.text.endswith(t):
                if len(WORD_RE.findall(s.text[: -len(t)])) <= 4:
                    out.add(s.id)
                break
    # Footer: from a furniture line in the second half of the text on, if only short lines follow
    # ("You may also like", then teasers and a copyright line).
    for s in lines:
        if s.id in out and s.start >= 0.5 * len(text):
            rest = [r for r in sents if r.id >= s.id]
            if all(len(WORD_RE.findall(r.text)) < FOOTER_MAX_WORDS for r in rest):
                out.update(r.id for r in rest)
            break
    return out
