"""Sentence features: what two sentences share, across languages or within one.

Without a dictionary, translations still share numbers, names, punctuation and cognates. Following
Simard, Foster & Isabelle (1992), a cognate is a word whose first four letters (after transliteration
to Latin) match; names are compared by their phonetic :func:`fold` key, so Песков meets Peskov.
The aligner weighs these features; the length check uses them to see whether a sentence shares
anything at all with the other side.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from xlate.errors import ConfigError
from xlate.lexicons import load_lexicon
from xlate.text.translit import fold, to_latin

_DIGITS = re.compile(r"\d+")
# A number keeps its separators (2,300 / 2.300 / 2’300 / 4,5 → one token) so that it matches
# across the conventions of each language; words are runs of word characters.
_TOKEN = re.compile(r"\d+(?:[.,'’]\d+)*|\w+|[?!:;()\"«»„“”‘’‹›？！：；（）]", re.UNICODE)
# Punctuation that tends to survive translation, mapped to one class per kind.
_PUNCT = {
    "?": "?", "？": "?", "!": "!", "！": "!", ":": ":", "：": ":", ";": ";", "；": ";",
    "(": "(", "（": "(", ")": ")", "）": ")", '"': '"', "«": '"', "»": '"', "„": '"', "“": '"',
    "”": '"', "‘": '"', "’": '"', "‹": '"', "›": '"',
}
NAME_KEY = 5
STEM = 4  # letters of a word's prefix feature in same-language (MT) comparison


@lru_cache(maxsize=64)
def stopwords(lang: str) -> frozenset[str]:
    """Function words of ``lang`` from its lexicon (empty when it has none), transliterated."""
    try:
        words = load_lexicon(lang).words("STOPWORDS")
    except (ConfigError, OSError):  # a half-written lexicon must not break alignment
        words = []
    return frozenset(to_latin(w) for w in words)


def cross_features(text: str, lang: str) -> Counter[str]:
    """Language-independent features: numbers, names, cognate prefixes, punctuation."""
    stop = stopwords(lang)
    out: Counter[str] = Counter()
    first = True
    for tok in _TOKEN.findall(text):
        p = _PUNCT.get(tok)
        if p is not None:
            out["?" + p] += 1
            continue
        if tok[-1].isdigit() or tok[0].isdigit() or _DIGITS.search(tok):
            out[_number(tok)] += 1
            first = False
            continue
        lat = to_latin(tok)
        key = fold(tok)
        if tok[:1].isupper() and not first and len(lat) > 1:
            # The first five letters of the phonetic key: case endings (Вашингтона, Venezuely)
            # and spelling (Peskow) do not split a name.
            out["n" + key[:NAME_KEY]] += 1
        first = False
        if lat in stop or len(lat) < 4 or not lat.isascii():
            continue
        out["p" + key[:4]] += 1  # folded, so vash- (Вашингтон) meets wash-
    return out


def _number(tok: str) -> str:
    """'1956', '01956' and '1956年' are one feature; unicode digits are folded to ASCII."""
    digits = "".join(str(int(d)) for d in _DIGITS.findall(tok))
    return "#" + (digits.lstrip("0")[:12] or "0")


def mono_features(text: str) -> Counter[str]:
    """Same-language features for comparing a machine translation with the other side.

    Words and word bigrams (as BLEU, which Bleualign uses), numbers and punctuation, plus the first
    four letters of longer words, so that an inflection the MT got wrong (premiers/premières) still
    counts.
    """
    out: Counter[str] = Counter()
    words = []
    for tok in _TOKEN.findall(text):
        if tok in _PUNCT:
            out["?" + _PUNCT[tok]] += 1
            continue
        lat = to_latin(tok)
        words.append(lat)
        if _DIGITS.search(tok):
            out[_number(tok)] += 1
        else:
            out["w" + lat] += 1
            if len(lat) >= STEM:
                out["p" + lat[:STEM]] += 1
    for x, y in zip(words, words[1:]):
        out["b" + x + " " + y] += 1  # word order, as BLEU's bigrams
    return out
