"""Quotations: every quotation-mark convention, found over a whole text with their offsets.

Openers map to their possible closers („…“ „…” «…» “…” "…” »…« ‚…‘ 「…」), a quote never crosses a
line break, and »…« counts only in the languages that quote that way (``lexicons/conventions.tsv``).
A mark whose partner is missing still marks a quote when its direction is unambiguous: a closing
” or ," with no opener closes a quote that began with the line (the opener was lost, or stands
on the paragraph before), an opening „ « 「 with no closer opens one that runs to the line's end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from xlate.lexicons import WORD_RE
from xlate.lexicons.conventions import quotes_inward
from xlate.text import fold
from xlate.text.script import is_wide, word_count

# opener -> possible closers, in order of preference
_PAIRS = {
    "„": "“”\"", "“": "”\"＂", "«": "»", "»": "«", "‚": "‘’", "「": "」", "『": "』", "\"": "\"”",
    "‹": "›", "›": "‹", "＂": "＂\"",
}
_STRAIGHT = frozenset("\"＂")  # undirected marks (＂ is the full-width form CJK text uses)
_MAX_QUOTE = 1500  # characters: longer than that is a stray mark, not a quote
_LONE_OPENERS = frozenset("„«「『")  # opening marks whatever the language
_LONE_CLOSERS = frozenset("”」』")  # closing marks whatever the language (and ," .")
_MARKS = re.compile("[" + re.escape("".join(sorted({*_PAIRS, *_LONE_CLOSERS, "\"", "\n", "\r"}))) + "]")


@dataclass(frozen=True)
class Quote:
    start: int  # absolute offsets including the marks
    end: int
    text: str  # content without the marks
    lone: bool = False  # one of its marks is missing (the quote's extent is a guess)

    @cached_property
    def words(self) -> list[str]:
        return WORD_RE.findall(self.text)

    @cached_property
    def length(self) -> int:
        """Words, with unspaced CJK writing counted at about two characters a word."""
        return word_count(self.text, len(self.words))


def quote_similarity(a: Quote, b: Quote) -> float:
    """Word overlap (folded five-letter prefixes, over the shorter quote) plus length ratio, in [0, 2]."""
    fa, fb = {fold(w)[:5] for w in a.words}, {fold(w)[:5] for w in b.words}
    overlap = len(fa & fb) / max(1, min(len(fa), len(fb)))
    la, lb = a.length, b.length
    return overlap + min(la, lb) / max(la, lb, 1)


def find_quotes(text: str, lang: str) -> list[Quote]:
    """Quoted stretches of ``text``, not crossing a line break."""
    quotes: list[Quote] = []
    inward = quotes_inward(lang)
    i = 0
    n = len(text)
    done = 0  # where the last quote (or line) ended: a lone closer's quote starts no earlier
    while i < n:
        # Jump to the next quotation mark or line break: nothing else changes the state, and a
        # step per character was most of the time of a long text.
        mark = _MARKS.search(text, i)
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        if ch in "\n\r":
            done = i + 1
        if _lone_closer(text, i, ch):
            opener = _same_mark_opener(text, done, i)
            if opener is None:  # the quote began with the line, its opener lost or on the line before
                _add(quotes, text, _line_start(text, done, i), i, i + 1, lone=True)
            else:
                _add(quotes, text, opener + 1, i, i + 1, opener=opener)
            done = i + 1
            i += 1
            continue
        closers = _PAIRS.get(ch)
        if closers is None or (ch == "»" and not inward):
            i += 1
            continue
        if ch in _STRAIGHT and i > 0 and _word_char(text[i - 1]):
            i += 1
            continue  # 12" (inches) or a closing straight quote without opener
        end = _closer(text, i, closers)
        if end < 0 and ch in _LONE_OPENERS and (i == 0 or not text[i - 1].isalnum()):
            line_end = next((k for k in range(i + 1, n) if text[k] in "\n\r"), n)
            _add(quotes, text, i + 1, line_end, line_end, opener=i, lone=True)
            i = done = line_end
            continue
        if end < 0:
            i += 1
            continue
        _add(quotes, text, i + 1, end, end + 1, opener=i)
        i = done = end + 1
    return quotes


def _closer(text: str, i: int, closers: str) -> int:
    """Offset of the mark closing the quote opened at ``i`` on its line, or -1."""
    j = i + 1
    while j < len(text) and j - i < _MAX_QUOTE and text[j] not in "\n\r":
        if text[j] in closers:
            return j
        j += 1
    return -1


def _lone_closer(text: str, i: int, ch: str) -> bool:
    """A closing mark the loop meets outside any quote: ” or 」, or a straight quote after a word
    or a clause's end (dozvolimo",  year,"  — not 6'2") with no partner after it on the line."""
    if ch in _LONE_CLOSERS:  # it closes what precedes it: ”Hej” (Swedish) opens with the same mark
        return not (i + 1 < len(text) and text[i + 1].isalnum())
    if ch not in _STRAIGHT or i == 0 or not (text[i - 1].isalpha() or text[i - 1] in ",.!?…"):
        return False
    if i + 1 < len(text) and not (text[i + 1].isspace() or text[i + 1] in ",.;:!?)-–—"):
        return False
    return _closer(text, i, "\"＂") < 0


def _word_char(ch: str) -> bool:
    """A letter or digit that a straight quote right after it closes rather than opens. Han, kana
    and hangul are written without spaces, so a mark after one of them may open a quote too
    (美国举办"领导人民主峰会")."""
    return ch.isalnum() and not is_wide(ch)


def _same_mark_opener(text: str, done: int, i: int) -> int | None:
    """A mark like the closer at ``i`` that opens a word earlier on the line (”Hej” in Swedish)."""
    for k in range(i - 1, done - 1, -1):
        if text[k] == text[i] and (k == 0 or text[k - 1].isspace()):
            return k
    return None


def _line_start(text: str, done: int, i: int) -> int:
    """The first non-blank offset at or after ``done``, before ``i``."""
    while done < i and text[done].isspace():
        done += 1
    return done


def _add(quotes: list[Quote], text: str, a: int, b: int, end: int, opener: int | None = None,
         lone: bool = False) -> None:
    """Record the quote whose content is ``text[a:b]`` (marks from ``opener`` or ``a`` to ``end``)."""
    content = text[a:b].strip()
    if WORD_RE.search(content) and b - a < _MAX_QUOTE:
        quotes.append(Quote(a if opener is None else opener, end, content, lone))
