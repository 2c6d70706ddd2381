"""Transliteration to Latin and folding, so that Песков, Peskov and Peskow compare equal.

The Cyrillic table follows the English news convention (ж→zh, х→kh, ц→ts, щ→shch), which is what
wire copy in Latin-script languages mostly uses; the phonetic folding in :func:`fold` then absorbs
the remaining per-language spellings (w/v, z/s, j/y, ch/kh/h).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian letters
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k", "ѕ": "dz",
}
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}
# Letters NFKD does not decompose.
_SPECIAL = {
    "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ł": "l",
    "ı": "i", "ħ": "h", "ŀ": "l",
}
_TABLE = {**_CYR, **_GREEK, **_SPECIAL}


@lru_cache(maxsize=65536)
def to_latin(text: str) -> str:
    """Lower-cased Latin rendering of ``text``: diacritics stripped, Cyrillic/Greek transliterated.

    Characters of other scripts (CJK, Arabic, …) pass through unchanged.
    """
    out: list[str] = []
    for ch in text.lower():
        rep = _TABLE.get(ch)
        if rep is not None:
            out.append(rep)
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        out.append(_TABLE.get(base, base))
    return "".join(out)


# Applied in order to a to_latin() string; each rule merges spellings that vary by language.
_FOLD_RULES = (
    ("shch", "sc"), ("sch", "s"), ("tsch", "c"), ("tch", "c"), ("ch", "c"), ("kh", "h"),
    ("sh", "s"), ("zh", "z"), ("ts", "c"), ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ph", "f"),
    ("th", "t"), ("w", "v"), ("z", "s"), ("x", "ks"), ("q", "k"), ("ck", "k"), ("c", "k"),
    ("j", "i"), ("y", "i"), ("ou", "u"), ("ie", "i"), ("ee", "i"), ("oo", "u"), ("ae", "e"),
    ("h", "g"),  # Ukrainian/Czech h = Russian g: Вугледар/Vuhledar, Гаага/Haag, Praha/Prague
)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Phonetic key for name matching across languages (Peskow, Peskov, Песков → 'peskov').

    Doubled letters collapse. The key is for comparison only, never shown to a user.
    """
    s = to_latin(word)
    s = "".join(c for c in s if c.isalnum() and c not in "ʼˮ")  # Марʼїнка: modifier apostrophe
    for a, b in _FOLD_RULES:
        s = s.replace(a, b)
    collapsed: list[str] = []
    for c in s:
        if not collapsed or collapsed[-1] != c:
            collapsed.append(c)
    return "".join(collapsed)
