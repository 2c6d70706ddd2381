"""Language conventions kept as data: ``xlate/lexicons/conventions.tsv``.

How a language writes decimals, which way its guillemets point, whether it capitalises nouns, the
currency symbols and byline/copyright words: facts a linguist can correct without touching code.
They live apart from the ``<lang>.txt`` concept lexicons because they also cover languages that
have no lexicon (zh writes 1.5 too); the report's signature records this file's hash beside the
lexicons' (``lex:…,conv=…``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from xlate.errors import ConfigError

SECTIONS = ("OTHER_LANGUAGES", "DOT_DECIMAL", "QUOTES_INWARD", "NEGATION_PER_WORD", "NOUN_CAPITALISING",
            "CURRENCY_SYMBOLS", "BYLINE", "COPYRIGHT", "NUMBER_SUFFIXES")
FIELDS = {"CURRENCY_SYMBOLS": 3, "NUMBER_SUFFIXES": 2}  # tab-separated fields per entry; every other section has one


@dataclass(frozen=True)
class CurrencySymbol:
    symbol: str  # as written, matched case-sensitively: "$", "Kč", "USD"
    code: str  # ISO 4217: "USD"
    before: bool  # may stand before the number ("$5")
    after: bool  # may stand after it ("5 Kč")


def parse_conventions(text: str) -> dict[str, list[tuple[str, ...]]]:
    """Section name -> entries (tab-separated fields); a ConfigError names a malformed line."""
    out: dict[str, list[tuple[str, ...]]] = {}
    section: str | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = "" if raw.lstrip().startswith("#") else raw.split(" #", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in SECTIONS:
                raise ConfigError(f"conventions.tsv:{lineno}: unknown section {line!r}")
            out.setdefault(section, [])
            continue
        if section is None:
            raise ConfigError(f"conventions.tsv:{lineno}: entry before any [SECTION] header")
        fields = tuple(f.strip() for f in line.split("\t"))
        want = FIELDS.get(section, 1)
        if len(fields) != want or not all(fields):
            raise ConfigError(f"conventions.tsv:{lineno}: [{section}] entries have {want} tab-separated "
                              f"field(s), this one has {len(fields)}: {line!r}")
        out[section].append(fields)
    return out


@lru_cache(maxsize=1)
def _text() -> str:
    return (resources.files("xlate.lexicons") / "conventions.tsv").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _sections() -> dict[str, list[tuple[str, ...]]]:
    return parse_conventions(_text())


def conventions_sha() -> str:
    """A short hash of the conventions file: the report's signature records it like a lexicon's."""
    return hashlib.sha256(_text().encode("utf-8")).hexdigest()[:8]


@cache
def _first_fields(section: str) -> tuple[str, ...]:
    return tuple(entry[0] for entry in _sections().get(section, []))


def other_languages() -> frozenset[str]:
    """Codes accepted without a concept lexicon (those with a ``<lang>.txt`` are accepted anyway)."""
    return frozenset(_first_fields("OTHER_LANGUAGES"))


def dot_decimal(lang: str) -> bool:
    """Does ``lang`` write 1.5 and 1,500 (not 1,5 and 1.500)?"""
    return lang in _first_fields("DOT_DECIMAL")


def quotes_inward(lang: str) -> bool:
    """Does ``lang`` also quote »like this«, so that » may open a quote?"""
    return lang in _first_fields("QUOTES_INWARD")


def negation_per_word(lang: str) -> bool:
    """Does every negation word of ``lang`` negate on its own (no negative concord: English)?"""
    return lang.split("-")[0] in _first_fields("NEGATION_PER_WORD")


def capitalises_nouns(lang: str) -> bool:
    """Does ``lang`` capitalise every noun (German), so that a capital says nothing about a name?"""
    return lang in _first_fields("NOUN_CAPITALISING")


@lru_cache(maxsize=1)
def currency_symbols() -> tuple[CurrencySymbol, ...]:
    """Currency symbols in file order, with where each may stand."""
    out = []
    for symbol, code, where in _sections().get("CURRENCY_SYMBOLS", []):
        places = set(where.split())
        out.append(CurrencySymbol(symbol, code, "before" in places, "after" in places))
    return tuple(out)


def byline_words() -> tuple[str, ...]:
    """Words that open a byline line ("By …", "Von …", "Автор: …")."""
    return _first_fields("BYLINE")


def copyright_phrases() -> tuple[str, ...]:
    """Phrases that mark a copyright line ("all rights reserved", "práva vyhraden…")."""
    return _first_fields("COPYRIGHT")


@lru_cache(maxsize=1)
def number_suffixes() -> dict[str, int | str]:
    """Character written right after digits -> its power of ten, or ``"month"`` (12月)."""
    return {char: (what if what == "month" else int(what)) for char, what in _sections().get("NUMBER_SUFFIXES", [])}
