"""Name matching across scripts, inflection and exonyms.

A word names what another word names when their phonetic keys (:func:`fold`: Песков = Peskov =
Peskow) share a long enough prefix (inflection: Venezuela/Venezuely/Венесуэлой), or when both
belong to one group of ``lexicons/names.tsv`` (exonyms: Moscow/Moskva/Москва).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import chain

from xlate.text.translit import fold, to_latin

MIN_PREFIX = 4  # folded letters two words must share to count as one name
MAX_INFLECTION = 3  # letters after the shared prefix that inflection may change
LOWERCASE_PREFIX = 6  # a lowercase word (an adjective: venezuelský) must share more to count
SPELLING_STEM = 5  # letters a stem needs before one spelling difference may be forgiven
SHORT_NAME, SHORT_ENDING = 3, 2  # a name shorter than MIN_PREFIX matches itself plus an ending this long

Key = tuple[str, frozenset[str], bool]  # folded word, gazetteer groups, capitalised


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, set[str]], dict[str, list[tuple[str, str]]]]:
    """names.tsv as two indexes: exact Latin form -> canonical names, and prefix forms by their
    first three letters -> [(form, canonical)]."""
    path = resources.files("xlate.lexicons") / "names.tsv"
    exact: dict[str, set[str]] = {}
    prefix: dict[str, list[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, forms = line.partition("\t")
        for f in forms.split():
            form = to_latin(f.rstrip("*")).replace(".", "")
            if f.endswith("*") and len(form) >= 3:
                prefix.setdefault(form[:3], []).append((form, canonical))
            else:
                exact.setdefault(form, set()).add(canonical)
    return exact, prefix


@lru_cache(maxsize=65536)
def gazetteer_groups(word: str) -> frozenset[str]:
    """Canonical names whose forms match ``word`` (any case or script)."""
    w = to_latin(word).replace(".", "")
    exact, prefix = _gazetteer()
    out = set(exact.get(w, ()))
    out.update(c for form, c in prefix.get(w[:3], ()) if w.startswith(form))
    return frozenset(out)


def keys_match(a: str, b: str, min_prefix: int = MIN_PREFIX) -> bool:
    """Two folded words name the same thing (allowing inflection and spelling variants)."""
    if a == b:
        return True
    if len(a) < min_prefix or len(b) < min_prefix:
        return min_prefix <= MIN_PREFIX and _short_match(a, b)
    k = 0
    for x, y in zip(a, b):
        if x != y:
            break
        k += 1
    return k >= min_prefix and k >= min(len(a), len(b)) - MAX_INFLECTION


def _short_match(a: str, b: str) -> bool:
    """A (capitalised) name shorter than MIN_PREFIX takes its case ending whole: Cheb/Chebu."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= SHORT_NAME and len(long_) - len(short) <= SHORT_ENDING and long_.startswith(short)


def keys_resemble(a: str, b: str, min_stem: int = SPELLING_STEM) -> bool:
    """Two folded words whose stems differ by one letter: a transliteration or exonym variant.

    Romanisations and exonyms differ in a vowel or a consonant (Шольц ``solk`` = Scholz ``sols``,
    Libanon = Lebanon, Shotwell = Шотуелл) where a shared prefix stops too early. The stems are the
    words less at most ``MAX_INFLECTION`` final letters, and must be ``min_stem`` letters long
    (or the shorter word whole: Duda = Дуди), so a single edit is a small part of them.
    The first letters must agree: they survive transliteration, and chance pairs (Berlin, Merlin)
    mostly differ there.
    """
    if a == b:
        return True
    if a[:1] != b[:1] or abs(len(a) - len(b)) > MAX_INFLECTION + 1 or min(len(a), len(b)) < MIN_PREFIX:
        return False
    stem = min(min_stem, len(a), len(b))  # Шольца = Scholz: a short word's stem is all of it
    need_a, need_b = max(stem, len(a) - MAX_INFLECTION), max(stem, len(b) - MAX_INFLECTION)
    prev = list(range(len(b) + 1))  # Levenshtein rows: prev[j] = distance(a[:i], b[:j])
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])))
        if i >= need_a and any(row[j] <= 1 for j in range(need_b, len(b) + 1)):
            return True
        prev = row
    return False


def is_acronym(w: str) -> bool:
    """Two or more letters, all capitals: NATO, ЗСУ, OSN."""
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class KeyIndex:
    """Distinct folded keys bucketed by their first ``min_prefix`` letters.

    :func:`keys_match` needs equal keys or a shared ``min_prefix``-letter prefix, so only one
    bucket can hold a match: asking a whole document whether a name occurs costs that bucket, not
    a scan of every word (which made long documents quadratic).
    """

    def __init__(self, keys: Iterable[str], min_prefix: int = MIN_PREFIX) -> None:
        self.min_prefix = min_prefix
        self.exact: set[str] = set()
        self.by_prefix: dict[str, list[str]] = {}
        self.by_short: dict[str, list[str]] = {}  # keys by their first SHORT_NAME letters, for short names
        self.short = min_prefix <= MIN_PREFIX
        for k in keys:
            if k not in self.exact:
                self.exact.add(k)
                if len(k) >= min_prefix:
                    self.by_prefix.setdefault(k[:min_prefix], []).append(k)
                if self.short and len(k) >= SHORT_NAME:
                    self.by_short.setdefault(k[:SHORT_NAME], []).append(k)

    def match(self, key: str) -> bool:
        """Does ``keys_match(key, k, min_prefix)`` hold for some indexed ``k``?"""
        if key in self.exact:
            return True
        if len(key) < self.min_prefix:
            return self.short and any(_short_match(key, k) for k in self.by_short.get(key[:SHORT_NAME], ()))
        if self.short and any(key[:n] in self.exact for n in range(max(SHORT_NAME, len(key) - SHORT_ENDING),
                                                                    self.min_prefix)):
            return True  # Chebu against a short Cheb
        return any(keys_match(key, k, self.min_prefix) for k in self.by_prefix.get(key[: self.min_prefix], ()))


class Keys(tuple):  # tuple[Key, ...]; immutable, so the index built on first use stays valid
    """The keys of a text, as :func:`word_keys` returns them, answering :func:`word_present` by index."""

    _index: tuple[KeyIndex, KeyIndex, frozenset[str]] | None = None

    def indexes(self) -> tuple[KeyIndex, KeyIndex, frozenset[str]]:
        """Capitalised keys (shorter prefix), lowercase keys (longer prefix), every gazetteer group."""
        if self._index is None:
            self._index = (KeyIndex((k for k, _, cap in self if cap), MIN_PREFIX),
                           KeyIndex((k for k, _, cap in self if not cap), LOWERCASE_PREFIX),
                           frozenset().union(*(g for _, g, _ in self)))
        return self._index


def word_keys(words: Iterable[str]) -> Keys:
    """Comparison keys of the words of a text; a hyphenated word also gives its parts (VIP-vendégek)."""
    return Keys(chain.from_iterable(map(_keys_of, words)))


@lru_cache(maxsize=65536)
def _keys_of(w: str) -> tuple[Key, ...]:
    """The keys of one word, computed once per distinct word (a document repeats most of its words)."""
    parts = [w, *w.split("-")] if "-" in w else [w]
    return tuple((fold(p), gazetteer_groups(p), p[:1].isupper()) for p in parts if p)


def word_present(word: str, keys: Sequence[Key]) -> bool:
    """Is the name ``word`` among ``keys``? Capitalised words match on a shared prefix; lowercase
    ones (adjectives from names) only on a longer one, so Czech "cílem" is not Chile."""
    key, groups = fold(word), gazetteer_groups(word)
    if isinstance(keys, Keys):
        caps, lower, all_groups = keys.indexes()
        return caps.match(key) or lower.match(key) or bool(groups and groups & all_groups)
    return any(keys_match(key, k, MIN_PREFIX if cap else LOWERCASE_PREFIX) or (groups and groups & g)
               for k, g, cap in keys)


def names_present(words: Sequence[str], keys: Sequence[Key], spelling: bool = False) -> bool:
    """Is any word of a name among ``keys``? ``spelling``: also forgive one spelling difference
    (:func:`keys_resemble`); it scans every key, so callers keep it to a sentence's keys."""
    if any(word_present(w, keys) for w in words):
        return True
    return spelling and any(_spelled_like(w, keys) for w in words)


def _spelled_like(word: str, keys: Sequence[Key]) -> bool:
    """Does a key spell ``word`` with one difference? Two words the gazetteer knows as different
    places (Iran, Iraq) never do."""
    key, groups = fold(word), gazetteer_groups(word)
    return any(keys_resemble(key, k, SPELLING_STEM if cap else LOWERCASE_PREFIX)
               and not (groups and g and not groups & g) for k, g, cap in keys)
