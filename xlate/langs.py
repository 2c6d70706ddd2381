"""Language codes: validation, and detection from script, letters and function words.

Detection is deliberately simple (no model): the script decides most cases (Cyrillic letters
separate ru/uk/bg/sr; CJK is zh/ja/ko), and Latin-script languages are told apart by their
STOPWORDS lexicon plus a few letters unique to one language.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from xlate.errors import ConfigError
from xlate.lexicons import WORD_RE, available_languages, base_language, load_lexicon
from xlate.lexicons.conventions import other_languages
from xlate.text.script import is_cyrillic, is_han, is_hangul, is_kana

# Letters and letter groups that favour one language over its neighbours (sk/cs, hr/sl, es/pt):
# they only break near-ties between stopword scores.
_SIGNATURES: dict[str, tuple[str, ...]] = {
    "sk": ("ľ", "ĺ", "ŕ", "ô", "ä", "ia", "ie", "iu", "dz"), "cs": ("ř", "ů", "ě", "ou"),
    "pl": ("ł", "ń", "ś", "ź", "ż", "ą", "ę", "rz", "sz"), "hu": ("ő", "ű", "gy", "sz"),
    "de": ("ß", "ä", "ö", "ü", "sch"), "fr": ("è", "ê", "à", "ç", "œ", "ù", "eau"),
    "es": ("ñ", "¿", "¡", "ción"), "pt": ("ã", "õ", "ç", "ção", "lh", "nh"), "is": ("þ", "ð", "æ"),
    "ro": ("ă", "ș", "ț", "â"), "hr": ("đ", "ije"), "sl": ("šč",), "it": ("zione", "gli"),
    "nl": ("ij", "oe", "aa"),
}


def known_languages() -> list[str]:
    """Codes with a lexicon file, and those accepted without one (``lexicons/conventions.tsv``)."""
    return sorted(set(available_languages()) | other_languages())


def normalize_lang(code: str) -> str:
    """Validate a user's language code; 'pt-BR' → 'pt'. Unknown codes are a ConfigError."""
    base = base_language(code)
    if base in known_languages():
        return base
    raise ConfigError(
        f"unknown language code {code!r}; known: {', '.join(known_languages())}"
    )


@lru_cache(maxsize=64)
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_lexicon(lang).words("STOPWORDS"))


def detect_language(text: str) -> str:
    """Best guess of ``text``'s language code; raises ConfigError when there is nothing to go on."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        raise ConfigError("cannot detect the language of a text with no letters; pass --src-lang/--tgt-lang")
    cyr = sum(1 for ch in letters if is_cyrillic(ch))
    cjk = sum(1 for ch in letters if is_han(ch) or is_kana(ch))
    hangul = sum(1 for ch in letters if is_hangul(ch))
    n = len(letters)
    if hangul > n * 0.3:
        return "ko"
    if cjk > n * 0.3:
        return "ja" if any(is_kana(ch) for ch in sample) else "zh"
    if cyr > n * 0.5:
        low = sample.lower()
        if re.search("[іїєґ]", low):
            return "uk"
        if re.search("[ђћџљњј]", low):
            return "sr"
        if "ы" not in low and "э" not in low and low.count("ъ") > 2:
            return "bg"
        return "ru"
    words = [w.lower() for w in WORD_RE.findall(sample)]
    counts = Counter(words)
    low = sample.lower()
    scores: dict[str, float] = {}
    for lang in available_languages():
        sw = _stopwords(lang)
        if not sw:
            continue
        hits = sum(c for w, c in counts.items() if w in sw)
        bonus = sum(low.count(sig) for sig in _SIGNATURES.get(lang, ()))
        scores[lang] = hits / max(1, len(words)) + 0.5 * bonus / max(1, n)
    if not scores or max(scores.values()) == 0:
        raise ConfigError("cannot detect the language; pass --src-lang/--tgt-lang")
    return max(scores, key=lambda k: scores[k])
