"""Quotations: every quotation-mark convention, found over a whole text with their offsets.

Openers map to their possible closers („…“ „…” «…» “…” »…« ‚…‘ 「…」), a quote never crosses a line
break, and »…« counts only in the languages that quote that way (``lexicons/conventions.tsv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from xlate.lexicons import WORD_RE
from xlate.lexicons.conventions import quotes_inward
from xlate.text.script import word_count

# opener -> possible closers, in order of preference
_PAIRS = {
    "„": "“”\"", "“": "”\"", "«": "»", "»": "«", "‚": "‘’", "「": "」", "『": "』", "\"": "\"",
    "‹": "›", "›": "‹",
}
_MAX_QUOTE = 1500  # characters: longer than that is a stray mark, not a quote


@dataclass(frozen=True)
class Quote:
    start: int  # absolute offsets including the marks
    end: int
    text: str  # content without the marks

    @cached_property
    def words(self) -> list[str]:
        return WORD_RE.findall(self.text)

    @cached_property
    def length(self) -> int:
        """Words, with unspaced CJK writing counted at about two characters a word."""
        return word_count(self.text, len(self.words))


def find_quotes(text: str, lang: str) -> list[Quote]:
    """Quoted stretches of ``text``, not crossing a line break."""
    quotes: list[Quote] = []
    inward = quotes_inward(lang)
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        closers = _PAIRS.get(ch)
        if closers is None or (ch == "»" and not inward):
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
