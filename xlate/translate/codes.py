"""Language codes per MT model family: ISO 639-1 in, NLLB-200 / M2M100 / Marian names out.

Marian: only single-pair models ``Helsinki-NLP/opus-mt-{src}-{tgt}`` are used; pairs without one
pivot through English. Multi-target opus-mt models (e.g. ``opus-mt-en-zls``) need a ``>>xxx<<``
target token whose spelling varies by model; they are deliberately not guessed here.
NLLB-200 has only ``srp_Cyrl`` for Serbian: Latin-script Serbian input still works, output is
Cyrillic (xlate.text.translit can transliterate).
"""

from __future__ import annotations

from xlate.errors import ConfigError

# ISO 639-1 -> NLLB-200 (FLORES-200) codes, for every language xlate accepts (xlate.langs).
# Where FLORES-200 splits a macrolanguage, the standard variety: arb (Modern Standard Arabic),
# pes (Western Persian), zsm (Standard Malay), swh (Swahili), lvs (Standard Latvian),
# als (Tosk Albanian), nob (Bokmål). Checked against transformers' NllbTokenizer code list.
NLLB = {
    "af": "afr_Latn", "ar": "arb_Arab", "be": "bel_Cyrl", "bg": "bul_Cyrl", "bs": "bos_Latn",
    "ca": "cat_Latn", "cs": "ces_Latn", "cy": "cym_Latn", "da": "dan_Latn", "de": "deu_Latn",
    "el": "ell_Grek", "en": "eng_Latn", "es": "spa_Latn", "et": "est_Latn", "eu": "eus_Latn",
    "fa": "pes_Arab", "fi": "fin_Latn", "fr": "fra_Latn", "ga": "gle_Latn", "gl": "glg_Latn",
    "he": "heb_Hebr", "hi": "hin_Deva", "hr": "hrv_Latn", "hu": "hun_Latn", "id": "ind_Latn",
    "is": "isl_Latn", "it": "ita_Latn", "ja": "jpn_Jpan", "ka": "kat_Geor", "ko": "kor_Hang",
    "lb": "ltz_Latn", "lt": "lit_Latn", "lv": "lvs_Latn", "mk": "mkd_Cyrl", "ms": "zsm_Latn",
    "mt": "mlt_Latn", "nl": "nld_Latn", "no": "nob_Latn", "pl": "pol_Latn", "pt": "por_Latn",
    "ro": "ron_Latn", "ru": "rus_Cyrl", "sk": "slk_Latn", "sl": "slv_Latn", "sq": "als_Latn",
    "sr": "srp_Cyrl", "sv": "swe_Latn", "sw": "swh_Latn", "th": "tha_Thai", "tr": "tur_Latn",
    "uk": "ukr_Cyrl", "vi": "vie_Latn", "zh": "zho_Hans",
}

# M2M100 uses ISO 639-1 codes; its tokenizer wraps them as ``__xx__`` tokens. Of the languages
# xlate accepts, Basque (eu) and Maltese (mt) are not among M2M100's 100.
M2M100 = frozenset(
    "af ar be bg bs ca cs cy da de el en es et fa fi fr ga gl he hi hr hu id is it ja ka ko lb lt "
    "lv mk ms nl no pl pt ro ru sk sl sq sr sv sw th tr uk vi zh".split()
)

_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id"}

MARIAN_ORG = "Helsinki-NLP"
PIVOT = "en"


def normalize(code: str) -> str:
    """``pt-BR`` → ``pt``, ``zh_Hans`` → ``zh``, ``NB`` → ``no``; rejects malformed codes."""
    base = code.strip().replace("_", "-").split("-")[0].lower()
    if not base.isalpha() or len(base) not in (2, 3):
        raise ConfigError(f"bad language code {code!r}; use ISO 639-1 like 'sk' or 'en'")
    return _ALIASES.get(base, base)


def nllb_code(code: str) -> str:
    """ISO 639-1 → NLLB-200 code (``sk`` → ``slk_Latn``); NLLB codes pass through unchanged."""
    if code in NLLB.values():
        return code
    iso = normalize(code)
    try:
        return NLLB[iso]
    except KeyError:
        raise ConfigError(
            f"no NLLB-200 code for {code!r}; known: {', '.join(sorted(NLLB))}"
        ) from None


def m2m100_code(code: str) -> str:
    """ISO 639-1 code as M2M100 expects it (``sr-Latn`` → ``sr``); ConfigError if unsupported."""
    iso = normalize(code)
    if iso not in M2M100:
        raise ConfigError(f"no M2M100 code for {code!r}; known: {', '.join(sorted(M2M100))}")
    return iso


def marian_model_id(src: str, tgt: str, org: str = MARIAN_ORG) -> str:
    """``('sk', 'en')`` → ``Helsinki-NLP/opus-mt-sk-en``."""
    return f"{org}/opus-mt-{normalize(src)}-{normalize(tgt)}"


def marian_routes(src: str, tgt: str, org: str = MARIAN_ORG) -> list[list[str]]:
    """Candidate model chains for a pair: the direct model, then a pivot through English."""
    s, t = normalize(src), normalize(tgt)
    routes = [[marian_model_id(s, t, org)]]
    if PIVOT not in (s, t):
        routes.append([marian_model_id(s, PIVOT, org), marian_model_id(PIVOT, t, org)])
    return routes
