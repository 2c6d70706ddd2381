"""Name matching across scripts, inflection and exonyms.

A word names what another word names when their phonetic keys (:func:`fold`: Песков = Peskov =
Peskow) share a long enough prefix (inflection: Venezuela/Venezuely/Венесуэлой), or when both
belong to one group of ``lexicons/names.tsv`` (exonyms: Moscow/Moskva/Москва).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from xlate.text.translit import fold, to_latin

MIN_PREFIX = 4  # folded letters two words must share to count as one name
MAX_INFLECTION = 3  # letters after the shared prefix that inflection may change
LOWERCASE_PREFIX = 6  # a lowercase word (an adjective: venezuelský) must share more to count

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
        return False
    k = 0
    for x, y in zip(a, b):
        if x != y:
            break
        k += 1
    return k >= min_prefix and k >= min(len(a), len(b)) - MAX_INFLECTION


def is_acronym(w: str) -> bool:
    """Two or more letters, all capitals: NATO, ЗСУ, OSN."""
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def word_keys(words: list[str]) -> list[Key]:
    """Comparison keys of the words of a text; a hyphenated word also gives its parts (VIP-vendégek)."""
    keys = []
    for w in words:
        parts = [w, *w.split("-")] if "-" in w else [w]
        keys.extend((fold(p), gazetteer_groups(p), p[:1].isupper()) for p in parts if p)
    return keys


def word_present(word: str, keys: list[Key]) -> bool:
    """Is the name ``word`` among ``keys``? Capitalised words match on a shared prefix; lowercase
    ones (adjectives from names) only on a longer one, so Czech "cílem" is not Chile."""
    key, groups = fold(word), gazetteer_groups(word)
    return any(keys_match(key, k, MIN_PREFIX if cap else LOWERCASE_PREFIX) or (groups and groups & g)
               for k, g, cap in keys)


def names_present(words: list[str] | tuple[str, ...], keys: list[Key]) -> bool:
    """Is any word of a name among ``keys``?"""
    return any(word_present(w, keys) for w in words)
