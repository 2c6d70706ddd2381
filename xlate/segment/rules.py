"""Rule-based, language-aware sentence splitter that keeps character offsets.

Why rules and not a model: it needs no weights, runs in microseconds, and the cases that matter
in news copy are few and known — abbreviations (from each language's ABBREV lexicon), initials,
ordinal dots before month names ("am 3. Oktober", "28. novembra"), quotes that close after the
full stop, and CJK full-width punctuation. Line breaks always end a sentence: in news text a line
is a headline, a byline or a paragraph.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xlate.lexicons import WORD_RE, load_lexicon
from xlate.report.model import Sentence

# A candidate boundary: terminal punctuation, then optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"(?:[.!?…]+|[。！？]+)[\"'”’»«“„)\]]*(?=\s|$)|[。！？]+")
_OPENERS = "\"'“„«»‚‘(["
_LINE = re.compile(r"[^\n\r]+")


class RuleSegmenter:
    name = "rules"

    def segment(self, text: str, lang: str) -> list[Sentence]:
        sentences: list[Sentence] = []
        for line in _LINE.finditer(text):
            for start, end in _split_line(line.group(), lang):
                a, b = line.start() + start, line.start() + end
                sentences.append(Sentence(len(sentences), text[a:b], a, b))
        return sentences


@lru_cache(maxsize=64)
def _abbreviation_re(lang: str) -> re.Pattern[str] | None:
    """One regex for the language's abbreviations (plus English ones, which every text uses).

    Multi-part abbreviations ("z. B.", "t. j.") match with any spacing between their parts.
    """
    words = set(load_lexicon(lang).words("ABBREV")) | set(load_lexicon("en").words("ABBREV"))
    alts = []
    for w in sorted(words, key=len, reverse=True):
        parts = [re.escape(p) for p in w.split()]
        if parts:
            alts.append(r"\s*".join(parts))
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.IGNORECASE)


def _abbreviation_dots(line: str, lang: str) -> set[int]:
    """Positions of dots that belong to an abbreviation in ``line``."""
    rx = _abbreviation_re(lang)
    if rx is None:
        return set()
    return {m.start() + k for m in rx.finditer(line) for k, ch in enumerate(m.group()) if ch == "."}


@lru_cache(maxsize=64)
def _months(lang: str) -> frozenset[str]:
    lex = load_lexicon(lang)
    pats = [p for c in lex.patterns if c.startswith("MONTH_") for p in lex.patterns[c]]
    return frozenset(p.tokens[0].text for p in pats)


def _is_month(word: str, lang: str) -> bool:
    w = word.lower()
    return any(w.startswith(m) for m in _months(lang))


def _split_line(line: str, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    abbr_dots = _abbreviation_dots(line, lang) if "." in line else set()
    for m in _BOUNDARY.finditer(line):
        end = m.end()
        if m.start() in abbr_dots or not _is_boundary(line, m.start(), end, lang):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(line)))
    out = []
    for a, b in spans:
        seg = line[a:b]
        stripped = seg.strip()
        if stripped:
            lead = len(seg) - len(seg.lstrip())
            out.append((a + lead, a + lead + len(stripped)))
    return out


def _is_boundary(line: str, punct_start: int, end: int, lang: str) -> bool:
    punct = line[punct_start:end]
    if punct[0] in "。！？":
        return True
    # Only the next word and the 30 characters before the dot are read: copying the rest of a
    # long line at every candidate made one-line documents quadratic.
    k = end
    while k < len(line) and line[k].isspace():
        k += 1
    if k == len(line):
        return False  # end of line: the line split handles it
    nxt = line[k]
    if nxt.islower():
        return False  # "z. B. die", "approx. five", "28. novembra"
    if not punct.startswith("."):
        return True  # ! ? … end a sentence before a capital, digit or quote
    before = line[max(0, punct_start - 30):punct_start]
    words = WORD_RE.findall(before)
    if not words:
        return True
    last = words[-1]
    if not before.endswith(last):
        return True  # "…)." or "…\"." — the word does not touch the dot
    if len(last) == 1 and last.isalpha() and last.isupper():
        return False  # an initial: "J. Smith"
    if last.isdigit() and len(last) <= 2:
        nxt_word = WORD_RE.match(line, k)
        if nxt_word and _is_month(nxt_word.group(), lang):
            return False  # ordinal day: "am 3. Oktober"
    return nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or not nxt.isalpha()
