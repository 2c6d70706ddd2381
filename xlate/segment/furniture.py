"""Page furniture: bylines, breadcrumbs, "You may also like", footers — not news content.

Scraped articles carry them on one side only, so left in they would be reported as added
sentences and could pull the aligner off course. Only whole lines are candidates; a sentence in
the middle of a paragraph is never furniture.
"""

from __future__ import annotations

import re

from xlate.lexicons import WORD_RE, Lexicon
from xlate.report.model import Sentence

_BYLINE = re.compile(r"^(by|von|par|od|autor|autorka|por|di|door|przez|автор)\b[:\s]", re.I)
_COUNT_LINE = re.compile(r"^\d+\s+\w+$")  # "0 comments", "12 Kommentare"
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|@\s?\d{4}|all rights? reserved|práva vyhraden|"
                        r"alle rechte vorbehalten|tous droits réservés|все права защищены", re.I)
FOOTER_MAX_WORDS = 25  # a line this long is a paragraph, so the footer has not started


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
    out: set[int] = set()
    for s in lines:
        n_words = len(WORD_RE.findall(s.text))
        if (_is_phrase(s, lex) or (_BYLINE.match(s.text) and n_words <= 4)
                or _COUNT_LINE.match(s.text) or _COPYRIGHT.search(s.text)):
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
