"""Concept lexicons: one data file per language, ``xlate/lexicons/<lang>.txt``.

The file format is documented in ``xlate/lexicons/README.md`` so that a linguist can add a language
without touching code. Checks compare *concepts* (ALLEGED, ACCORDING_TO, NEGATION, …), never words,
which is what lets "údajný" on one side answer "alleged" on the other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from xlate.errors import ConfigError

# Words: letters/digits joined by inner apostrophes (don't, l'homme) — hyphens split words.
WORD_RE = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
MAX_GAP = 6  # how many words "..." may skip inside a pattern

FAMILIES = {
    "hedge": ("ALLEGED", "REPORTEDLY", "SUSPECTED", "SO_CALLED", "APPARENTLY", "HEARSAY", "UNCERTAIN"),
    # NON_ATTRIBUTING holds an attribution word that attributes nothing ("podle mě" = in my
    # opinion): in the family so that it wins the overlap, and never a finding.
    "attribution": ("ACCORDING_TO", "CITING", "SAY", "NON_ATTRIBUTING"),
}
_FAMILY_OF = {c: fam for fam, cs in FAMILIES.items() for c in cs}
_NUMBER_PREFIXES = ("NUM_", "SCALE_", "PERCENT", "CUR_", "MONTH_", "WEEKDAY_")


def family(concept: str) -> str:
    """Concepts that compete for the same words: hedge, attribution, number, or the concept itself."""
    if concept in _FAMILY_OF:
        return _FAMILY_OF[concept]
    return "number" if concept.startswith(_NUMBER_PREFIXES) else concept


# Word lists, not meanings: searched only when asked for by name.
LIST_CONCEPTS = frozenset({"STOPWORDS", "FURNITURE", "DESIGNATION", "COORDINATOR"})

# Concepts whose entries are kept verbatim (not tokenised): segmentation abbreviations.
RAW_CONCEPTS = frozenset({"ABBREV"})


@dataclass(frozen=True)
class TokenPattern:
    text: str
    prefix: bool = False  # "mutmaßlich*" matches mutmaßliche, mutmaßlichen …
    suffix: bool = False  # "*n't" matches don't, isn't …

    def matches(self, word: str) -> bool:
        if self.prefix:
            return word.startswith(self.text)
        if self.suffix:
            return word.endswith(self.text)
        return word == self.text


@dataclass(frozen=True)
class Pattern:
    concept: str
    tokens: tuple[TokenPattern, ...]


@dataclass(frozen=True)
class Match:
    concept: str
    start: int  # character offsets into the searched text
    end: int
    text: str


@dataclass
class Lexicon:
    lang: str
    name: str
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)
    exclusions: dict[str, list[TokenPattern]] = field(default_factory=dict)
    raw: dict[str, list[str]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # concept -> why it has no entries
    sha: str = ""
    _idx: tuple | None = field(default=None, repr=False, compare=False)

    def concepts(self) -> set[str]:
        return set(self.patterns) | set(self.raw)

    def words(self, concept: str) -> list[str]:
        """Verbatim entries of a raw concept (e.g. ABBREV), or single-word entries of another."""
        if concept in self.raw:
            return list(self.raw[concept])
        return [p.tokens[0].text for p in self.patterns.get(concept, []) if len(p.tokens) == 1]

    def _index(self) -> tuple[dict[str, list[Pattern]], dict[str, list[Pattern]], list[Pattern]]:
        """Patterns by first word: exact words, prefix patterns by their first two letters, and
        the (few) suffix patterns — so a text is scanned once, not once per pattern."""
        if self._idx is None:
            exact: dict[str, list[Pattern]] = {}
            prefix: dict[str, list[Pattern]] = {}
            suffix: list[Pattern] = []
            for pats in self.patterns.values():
                for pat in pats:
                    first = pat.tokens[0]
                    if first.prefix:
                        prefix.setdefault(first.text[:2], []).append(pat)
                    elif first.suffix:
                        suffix.append(pat)
                    else:
                        exact.setdefault(first.text, []).append(pat)
            self._idx = (exact, prefix, suffix)
        return self._idx

    def find(self, text: str, concepts: set[str] | frozenset[str] | None = None) -> list[Match]:
        """Non-overlapping concept matches in ``text`` in text order; the longest wins an overlap.

        By default word lists (STOPWORDS, FURNITURE) are left out: a function word must not
        shadow the concept it is part of ("not" is NEGATION, not a stopword).
        """
        words = [(_norm(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text)]
        found: list[tuple[int, int, str]] = []
        exact, prefix, suffix = self._index()
        for i, (word, _, _) in enumerate(words):
            for pat in (*exact.get(word, ()), *prefix.get(word[:2], ()), *suffix):
                concept = pat.concept
                if (concept not in concepts) if concepts is not None else (concept in LIST_CONCEPTS):
                    continue
                end = _match_at(pat.tokens, words, i)
                if end is None:
                    continue
                if len(pat.tokens) == 1 and any(x.matches(word) for x in self.exclusions.get(concept, ())):
                    continue
                found.append((words[i][1], words[end][2], concept))
        # Keep the longest match where matches of one family overlap; families may overlap
        # ("soll nach Darstellung der Justiz … sein" is hearsay with an attribution inside).
        found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        out: list[Match] = []
        last_end: dict[str, int] = {}
        # Words inside a date are the date's ("in May" is not the hedge "may").
        dates = [(a, b) for a, b, c in found if family(c) == "number" and b - a > 0]
        found = [(a, b, c) for a, b, c in found
                 if family(c) == "number" or not any(x <= a and b <= y and (x, y) != (a, b) for x, y in dates)]
        starts: set[int] = set()
        for start, end, concept in found:
            fam = family(concept)
            # Across families only a match at the same word competes: "May 14th" is a date, so
            # its "may" is not also UNCERTAIN.
            if start >= last_end.get(fam, -1) and start not in starts:
                out.append(Match(concept, start, end, text[start:end]))
                last_end[fam] = end
                starts.add(start)
        return out


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def _norm(word: str) -> str:
    """Lower case with one apostrophe: lexicon entries need not list ’ and ʼ variants."""
    return word.lower().translate(_APOSTROPHES)


def _match_at(tokens: tuple[TokenPattern, ...], words: list[tuple[str, int, int]], i: int) -> int | None:
    """Index of the last word matched when ``tokens`` match from word ``i``, else None."""
    if not tokens:
        return i - 1
    tok = tokens[0]
    if tok.text.startswith("..."):
        for skip in range(0, (int(tok.text[3:]) if tok.text[3:] else MAX_GAP) + 1):
            end = _match_at(tokens[1:], words, i + skip)
            if end is not None:
                return end
        return None
    if i >= len(words) or not tok.matches(words[i][0]):
        return None
    return _match_at(tokens[1:], words, i + 1)


def _parse_token(raw: str) -> TokenPattern:
    if raw.endswith("*") and len(raw) > 1:
        return TokenPattern(raw[:-1], prefix=True)
    if raw.startswith("*") and len(raw) > 1:
        return TokenPattern(raw[1:], suffix=True)
    return TokenPattern(raw)


def parse_lexicon(text: str, lang: str) -> Lexicon:
    """Parse the lexicon format; raises ConfigError naming the line on malformed input."""
    lex = Lexicon(lang=lang, name=lang)
    concept: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("@name "):
            lex.name = line[6:].strip()
            continue
        if line.startswith("@missing "):
            _, miss, *why = line.split(maxsplit=2)
            lex.missing[miss] = why[0] if why else ""
            continue
        if line.startswith("["):
            if not re.fullmatch(r"\[[A-Z][A-Z0-9_]*\]", line):
                raise ConfigError(f"lexicon {lang}:{lineno}: bad concept header {line!r}")
            concept = line[1:-1]
            continue
        if concept is None:
            raise ConfigError(f"lexicon {lang}:{lineno}: entry before any [CONCEPT] header")
        if concept in RAW_CONCEPTS:
            lex.raw.setdefault(concept, []).append(line)
            continue
        if line.startswith("!"):
            lex.exclusions.setdefault(concept, []).append(_parse_token(_norm(line[1:].strip())))
            continue
        parts: list[TokenPattern] = []
        for chunk in _norm(line).split():
            if re.fullmatch(r"\.\.\.\d*", chunk):
                parts.append(TokenPattern(chunk))  # "..." or "...12": a gap of up to N words
                continue
            star_l, star_r = chunk.startswith("*"), chunk.endswith("*")
            words = WORD_RE.findall(chunk)
            joined, core = "".join(words), chunk.strip("*")
            if not words or joined.count("'") != core.count("'") or (
                    sum(c.isalnum() for c in joined) != sum(c.isalnum() for c in core)):
                raise ConfigError(f"lexicon {lang}:{lineno}: {chunk!r} is not a word pattern "
                                  "(letters, inner apostrophes, hyphens, and * at either end)")
            for k, w in enumerate(words):
                tok = ("*" if star_l and k == 0 else "") + w + (
                    "*" if star_r and k == len(words) - 1 else "")
                parts.append(_parse_token(tok))
        if parts[0].text.startswith("...") or parts[-1].text.startswith("..."):
            raise ConfigError(f"lexicon {lang}:{lineno}: '...' must stand between words")
        lex.patterns.setdefault(concept, []).append(Pattern(concept, tuple(parts)))
    lex.sha = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return lex


def available_languages() -> list[str]:
    """Language codes that have a lexicon file."""
    root = resources.files("xlate.lexicons")
    return sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".txt"))


def base_language(lang: str) -> str:
    """'pt-BR' → 'pt', 'sr_Latn' → 'sr', 'EN' → 'en'."""
    return re.split(r"[-_]", lang.strip())[0].lower()


@lru_cache(maxsize=64)
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon for ``lang``, falling back from a regional variant to its base language.

    A language with no file gets an empty lexicon: the lexical checks then find nothing for it,
    which the report's config says (``lexicons`` lists each side's file hash or 'none').
    """
    code = base_language(lang)
    root = resources.files("xlate.lexicons")
    path = root / f"{code}.txt"
    if not path.is_file():
        return Lexicon(lang=code, name=code, sha="none")
    return parse_lexicon(path.read_text(encoding="utf-8"), code)
