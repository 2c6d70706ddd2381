"""Named entities: names on one side missing or different on the other, across scripts and cases.

A name matches when its phonetic key (``xlate.text.fold``: Песков = Peskov = Peskow) shares a long
enough prefix with a word on the other side (inflection: Venezuela/Venezuely/Венесуэлой), or when
both belong to one group of ``lexicons/names.tsv`` (exonyms: Moscow/Moskva/Москва). Candidates are
capitalised words that are not sentence-initial function words; in languages that capitalise every
noun (German) only acronyms, gazetteer names and words the other side uses as names count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from xlate.compare.base import Bead, Context, bead_confidence, span_of
from xlate.lexicons import load_lexicon
from xlate.report.model import Finding, Sentence
from xlate.text import fold, to_latin

NOUN_CAPITALISING = frozenset({"de", "lb"})
_TOKEN = re.compile(r"\w+(?:[.'’ʼ-]\w+)*\.?", re.UNICODE)
_ROMAN = re.compile(r"[IVXLC]{2,}")  # II, XIV: ordinals, not names
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;\"„“”«»‚‘’(—–-])\s*$")
MIN_PREFIX = 4  # folded letters two words must share to count as one name
MAX_INFLECTION = 3  # letters after the shared prefix that inflection may change
LOWERCASE_PREFIX = 6  # a lowercase word (an adjective: venezuelský) must share more to count
SYSTEMATIC = 2  # a name unmatched in this many beads is a translation convention


Key = tuple[str, frozenset[str], bool]  # folded word, gazetteer groups, capitalised


@dataclass(frozen=True)
class Name:
    words: tuple[str, ...]
    keys: tuple[str, ...]
    start: int  # absolute offsets
    end: int

    @property
    def text(self) -> str:
        return " ".join(self.words)


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


def _is_acronym(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _tokens(s: Sentence) -> list[tuple[str, int, int]]:
    """Words with absolute offsets; a trailing dot and an English possessive are not part of a name."""
    out = []
    for m in _TOKEN.finditer(s.text):
        w = _POSSESSIVE.sub("", m.group().rstrip("."))
        out.append((w, s.start + m.start(), s.start + m.start() + len(w)))
    return out


class EntityChecker:
    name = "entities"

    def check(self, ctx: Context) -> list[Finding]:
        names = {side: self._doc_names(ctx, side) for side in ("src", "tgt")}
        # Words one side uses as names and the other writes too make the other side's names in
        # languages where capitals say nothing (German nouns).
        for side, other_side in (("src", "tgt"), ("tgt", "src")):
            if ctx.lang(side) in NOUN_CAPITALISING:
                names[side] = self._borrowed_names(ctx, side, names[side], names[other_side])
        keys = {side: self._all_keys(ctx, side) for side in ("src", "tgt")}
        doc_keys = {side: [k for ks in keys[side].values() for k in ks] for side in keys}
        findings: list[Finding] = []
        scripts = {"src": _script(ctx.src_text), "tgt": _script(ctx.tgt_text)}
        pending: list[tuple[Bead, list[Name], list[Name]]] = []
        for bead in ctx.beads:
            if not bead.src or not bead.tgt:
                continue
            left, moved = {}, {}
            for side, other_side in (("src", "tgt"), ("tgt", "src")):
                other_script = scripts[other_side]
                mine = [n for s in (bead.src if side == "src" else bead.tgt) for n in names[side].get(s.id, [])]
                theirs = [k for s in (bead.tgt if side == "src" else bead.src) for k in keys[other_side][s.id]]
                near = [k for s in ctx.neighbours(bead, other_side) for k in keys[other_side][s.id]]
                missing = [n for n in mine if not _present(n, theirs) and _comparable(n, other_script)]
                left[side] = [n for n in missing if not _present(n, near)]
                moved[side] = [n for n in missing if n not in left[side]]
            # A name missing on each side of one bead is a swap (Caracas → Bogotá), even when the
            # first name also occurs nearby; a one-sided name found nearby has only moved.
            if left["src"] and not left["tgt"] and moved["tgt"]:
                left["tgt"] = moved["tgt"]
            elif left["tgt"] and not left["src"] and moved["src"]:
                left["src"] = moved["src"]
            pending.append((bead, left["src"], left["tgt"]))
        # A name left unmatched in several beads and matched nowhere is a translation convention
        # (Supreme Court = Nejvyšší soud, Scouts = skauti): consistent, so not an edit.
        unmatched = Counter(n.keys for _, ls, lt in pending for n in ls + lt)
        for bead, ls, lt in pending:
            ls = [n for n in ls if unmatched[n.keys] < SYSTEMATIC or _strong(n)]
            lt = [n for n in lt if unmatched[n.keys] < SYSTEMATIC or _strong(n)]
            findings.extend(self._report(ctx, bead, ls, lt, doc_keys))
        return findings

    def _doc_names(self, ctx: Context, side: str) -> dict[int, list[Name]]:
        sents = ctx.src_sents if side == "src" else ctx.tgt_sents
        lang = ctx.lang(side)
        stop = {w.lower() for w in load_lexicon(lang).words("STOPWORDS")}
        furniture = {sid for sd, sid in ctx.furniture if sd == side}
        toks = {s.id: _tokens(s) for s in sents}
        # Months and weekdays are capitalised in some languages only (English "Tuesday", Slovak
        # "utorok"): dates are the number check's business, not names.
        lex = load_lexicon(lang)
        calendar = {s.start + m.start for s in sents for m in lex.find(s.text)
                    if m.concept.startswith(("MONTH_", "WEEKDAY_", "CUR_"))}
        designations = {w.lower() for w in lex.words("DESIGNATION")}
        # Words capitalised in mid-sentence anywhere in the text are names everywhere in it.
        mid_caps: set[str] = set()
        for s in sents:
            t = toks[s.id]
            if _title_case(t):
                continue
            for w, a, _ in t:
                if not _initial(s, a) and w[:1].isupper() and w.lower() not in stop:
                    mid_caps.add(fold(w))
        out: dict[int, list[Name]] = {}
        for s in sents:
            if s.id in furniture:
                continue
            t = toks[s.id]
            title = _title_case(t)
            run: list[tuple[str, int, int]] = []
            found: list[Name] = []
            for w, a, b in t:
                cap = (w[:1].isupper() and not w.isdigit() and a not in calendar
                       and not _ROMAN.fullmatch(w))
                base = re.split(r"['’]", w.lower())[0]  # I've, We're: a pronoun, not a name
                ok = cap and w.lower() not in stop and base not in stop and (
                    _is_acronym(w) or bool(gazetteer_groups(w))
                    or ((not _initial(s, a) and not title) or fold(w) in mid_caps)
                )
                if lang in NOUN_CAPITALISING and ok:
                    ok = _is_acronym(w) or bool(gazetteer_groups(w))
                if ok:
                    if run and s.text[run[-1][2] - s.start:a - s.start].strip():
                        found.append(_name(run))  # "Bogotá, Peskov" are two names
                        run = []
                    run.append((w, a, b))
                    continue
                if run:
                    found.append(_name(run))
                    run = []
            if run:
                found.append(_name(run))
            # "Supreme Court", "Embassy": designations are translated, not transliterated.
            out[s.id] = [n for n in found if not all(w.lower() in designations or w.lower() in stop
                                                     for w in n.words)]
        return out

    def _borrowed_names(self, ctx: Context, side: str, base: dict[int, list[Name]],
                        other_names: dict[int, list[Name]]) -> dict[int, list[Name]]:
        """For a noun-capitalising side: its acronyms/gazetteer names plus words the other side names."""
        other_keys = {k for ns in other_names.values() for n in ns for k in n.keys}
        sents = ctx.src_sents if side == "src" else ctx.tgt_sents
        for s in sents:
            have = {k for n in base.get(s.id, []) for k in n.keys}
            for w, a, b in _tokens(s):
                key = fold(w)
                if w[:1].isupper() and key not in have and any(keys_match(key, o) for o in other_keys):
                    base.setdefault(s.id, []).append(Name((w,), (key,), a, b))
        return base

    def _all_keys(self, ctx: Context, side: str) -> dict[int, list[Key]]:
        sents = ctx.src_sents if side == "src" else ctx.tgt_sents
        return {s.id: word_keys([w for w, _, _ in _tokens(s)]) for s in sents}

    def _report(self, ctx: Context, bead: Bead, left_s: list[Name], left_t: list[Name],
                doc_keys: dict[str, list[Key]]) -> list[Finding]:
        out = []
        while left_s and left_t:
            a, b = left_s.pop(0), left_t.pop(0)
            out.append(Finding(
                "entity", "altered", "high" if _strong(a) and _strong(b) else "medium",
                bead.src_ids, bead.tgt_ids, span_of(ctx.src_text, a.start, a.end),
                span_of(ctx.tgt_text, b.start, b.end),
                f"name “{a.text}” in the source appears as “{b.text}” in the target",
                bead_confidence(0.6, bead)))
        for side, rest in (("src", left_s), ("tgt", left_t)):
            for n in rest:
                text = ctx.src_text if side == "src" else ctx.tgt_text
                span = span_of(text, n.start, n.end)
                where, there = ("source", "target") if side == "src" else ("target", "source")
                # A name the other side never mentions is news; one it mentions elsewhere is
                # usually a pronoun or a restructured sentence.
                elsewhere = _present(n, doc_keys["tgt" if side == "src" else "src"])
                out.append(Finding(
                    "entity", "dropped" if side == "src" else "added",
                    "low" if elsewhere else "medium", bead.src_ids, bead.tgt_ids,
                    span if side == "src" else None, span if side == "tgt" else None,
                    f"name “{n.text}” in the {where} is not in the matching {there} sentence",
                    bead_confidence(0.5, bead)))
        return out


def _initial(s: Sentence, start: int) -> bool:
    """Does the word at ``start`` begin a sentence (also inside a multi-sentence line)?"""
    return bool(_SENTENCE_START.search(s.text[: start - s.start]))


def _name(run: list[tuple[str, int, int]]) -> Name:
    return Name(tuple(w for w, _, _ in run), tuple(fold(w) for w, _, _ in run), run[0][1], run[-1][2])


def _title_case(tokens: list[tuple[str, int, int]]) -> bool:
    words = [w for w, _, _ in tokens if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) / len(words) > 0.6


def _script(text: str) -> str:
    """'latin', 'cyrillic' or 'other': the script most letters of ``text`` are in."""
    letters = [c for c in text[:5000] if c.isalpha()]
    cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    if cyr > len(letters) / 2:
        return "cyrillic"
    return "latin" if latin > len(letters) / 2 else "other"


def _comparable(n: Name, other_script: str) -> bool:
    """Can the other side be expected to spell this name recognisably?

    Acronyms do not survive a change of script (ЗСУ is UAF, РФ is Russia) unless the gazetteer
    knows them; names in a script without transliteration (CJK) cannot be compared lexically.
    """
    own = _script(n.text)
    if own == other_script:
        return True
    if any(gazetteer_groups(w) for w in n.words):
        return True
    if own == "other" or other_script == "other":
        return False
    return not all(_is_acronym(w) for w in n.words)


def _strong(n: Name) -> bool:
    return any(_is_acronym(w) or gazetteer_groups(w) for w in n.words)


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


def names_present(words: list[str], keys: list[Key]) -> bool:
    """Is any word of a name among ``keys``?"""
    return any(word_present(w, keys) for w in words)


def _present(n: Name, keys: list[Key]) -> bool:
    return names_present(n.words, keys)
