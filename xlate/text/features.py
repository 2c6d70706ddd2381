"""Sentence features: what two sentences share, across languages or within one.

Without a dictionary, translations still share numbers, names, punctuation and cognates. Following
Simard, Foster & Isabelle (1992), a cognate is a word whose first four letters (after transliteration
to Latin) match; names are compared by their phonetic :func:`fold` key, so Песков meets Peskov.
The aligner weighs these features (IDF over both documents, numbers and names heaviest: ``weigh``);
the length check uses them to see whether a sentence shares anything at all with the other side,
and the omission check to see which one-sided sentences are the same sentence moved.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
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
    feats: list[str] = []
    first = True
    for tok in _TOKEN.findall(text):
        feats.extend(_token_features(tok, lang, first))
        if tok not in _PUNCT:
            first = False
    return Counter(feats)  # counted in order of first occurrence, as one increment at a time would


@lru_cache(maxsize=65536)
def _token_features(tok: str, lang: str, first: bool) -> tuple[str, ...]:
    """The cross-lingual features of one token (``first``: no word or number before it); computed
    once per distinct token, since a document repeats most of its words."""
    p = _PUNCT.get(tok)
    if p is not None:
        return ("?" + p,)
    if tok[-1].isdigit() or tok[0].isdigit() or _DIGITS.search(tok):
        return (_number(tok),)
    out = []
    lat = to_latin(tok)
    key = fold(tok)
    if tok[:1].isupper() and not first and len(lat) > 1:
        # The first five letters of the phonetic key: case endings (Вашингтона, Venezuely)
        # and spelling (Peskow) do not split a name.
        out.append("n" + key[:NAME_KEY])
    if not (lat in stopwords(lang) or len(lat) < 4 or not lat.isascii()):
        out.append("p" + key[:4])  # folded, so vash- (Вашингтон) meets wash-
    return tuple(out)


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


# Relative weight of each feature kind before IDF: numbers and names are the best evidence.
KIND_WEIGHT = {"#": 2.0, "n": 1.5, "p": 1.0, "w": 1.0, "b": 1.0, "?": 0.5}

Features = list[Counter[str]]


def weigh(src: Features, tgt: Features) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """TF-IDF weights, IDF taken over both documents: frequent features say little about a pair."""
    df: Counter[str] = Counter()
    for bag in (*src, *tgt):
        df.update(bag.keys())
    total = len(src) + len(tgt)
    idf = {f: math.log(1.0 + total / d) for f, d in df.items()}

    def one(bag: Counter[str]) -> dict[str, float]:
        return {f: (1.0 + math.log(c)) * idf[f] * KIND_WEIGHT[f[0]] for f, c in bag.items()}

    return [one(b) for b in src], [one(b) for b in tgt]


def featurize(sents: Sequence[str], lang: str, mono: bool = False) -> Features:
    """Feature bags for each sentence."""
    if mono:
        return [mono_features(s) for s in sents]
    return [cross_features(s, lang) for s in sents]
