"""Named entities: names on one side missing or different on the other, across scripts and cases.

Names are compared by :mod:`xlate.text.names` (phonetic keys with inflection, and the exonyms of
``lexicons/names.tsv``). Candidates are capitalised words that are not sentence-initial function
words; in languages that capitalise every noun (German; ``lexicons/conventions.tsv``) only
acronyms, gazetteer names and words the other side uses as names count.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from xlate.compare.base import SIDES, Bead, Context, Side, SideView, bead_finding, one_sided, other
from xlate.lexicons.conventions import capitalises_nouns
from xlate.report.model import Finding, Sentence, Severity
from xlate.text import fold
from xlate.text.names import Key, KeyIndex, Keys, gazetteer_groups, is_acronym, names_present, word_keys
from xlate.text.script import Script, dominant_script, is_cjk_text

_TOKEN = re.compile(r"\w+(?:[.'’ʼ-]\w+)*\.?", re.UNICODE)
_ROMAN = re.compile(r"[IVXLC]{2,}")  # II, XIV: ordinals, not names
_POSSESSIVE = ("'s", "’s")
_SENTENCE_ENDERS = frozenset(".!?…:;\"„“”«»‚‘’(—–-")  # before a word (and spaces): it starts a sentence
SYSTEMATIC = 2  # a name unmatched in this many beads is a translation convention

Token = tuple[str, int, int]  # word, absolute start and end


@dataclass(frozen=True)
class Name:
    words: tuple[str, ...]
    keys: tuple[str, ...]
    start: int  # absolute offsets
    end: int

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _tokens(s: Sentence) -> list[Token]:
    """Words with absolute offsets; a trailing dot and an English possessive are not part of a name."""
    out = []
    for m in _TOKEN.finditer(s.text):
        w = m.group().rstrip(".")
        if w.endswith(_POSSESSIVE):
            w = w[:-2]
        out.append((w, s.start + m.start(), s.start + m.start() + len(w)))
    return out


class EntityChecker:
    name = "entities"

    def check(self, ctx: Context) -> list[Finding]:
        # Each sentence is tokenised once: names, keys and borrowed names all read the tokens.
        toks = {side: {s.id: _tokens(s) for s in ctx.side(side).sents} for side in SIDES}
        names = {side: _doc_names(ctx, side, toks[side]) for side in SIDES}
        # Words one side uses as names and the other writes too make the other side's names in
        # languages where capitals say nothing (German nouns).
        for side in SIDES:
            if capitalises_nouns(ctx.side(side).lang):
                names[side] = _borrowed_names(ctx.side(side), names[side], names[other(side)], toks[side])
        keys = {side: {s.id: word_keys([w for w, _, _ in toks[side][s.id]]) for s in ctx.side(side).sents}
                for side in SIDES}
        doc_keys = {side: Keys(k for ks in keys[side].values() for k in ks) for side in keys}
        scripts = {side: dominant_script(ctx.side(side).text) for side in SIDES}
        pending = [(bead, *_unmatched(ctx, bead, names, keys, scripts))
                   for bead in ctx.beads if bead.src and bead.tgt]
        # A name left unmatched in several beads and matched nowhere is a translation convention
        # (Supreme Court = Nejvyšší soud, Scouts = skauti): consistent, so not an edit.
        unmatched = Counter(n.keys for _, ls, lt in pending for n in ls + lt)
        # Han and kana carry no sound key to match a Latin or Cyrillic name against (北京 = Beijing).
        unmatchable = is_cjk_text(ctx.src_text) != is_cjk_text(ctx.tgt_text)
        findings: list[Finding] = []
        for bead, ls, lt in pending:
            ls = [n for n in ls if unmatched[n.keys] < SYSTEMATIC or _strong(n)]
            lt = [n for n in lt if unmatched[n.keys] < SYSTEMATIC or _strong(n)]
            findings.extend(self._report(ctx, bead, ls, lt, doc_keys, unmatchable))
        return findings

    def _report(self, ctx: Context, bead: Bead, left_s: list[Name], left_t: list[Name],
                doc_keys: dict[Side, Keys], unmatchable: bool) -> list[Finding]:
        out = []
        while left_s and left_t:
            a, b = left_s.pop(0), left_t.pop(0)
            out.append(bead_finding(
                bead, type="entity", severity=Severity.HIGH if _strong(a) and _strong(b) else Severity.MEDIUM,
                explanation=f"name “{a.text}” in the source appears as “{b.text}” in the target",
                confidence=bead.confidence(0.6), src_span=ctx.side("src").span(a.start, a.end),
                tgt_span=ctx.side("tgt").span(b.start, b.end)))
        for side, rest in zip(SIDES, (left_s, left_t)):
            view, there = ctx.side(side), ctx.other(side)
            for n in rest:
                # A name the other side never mentions is news; one it mentions elsewhere is
                # usually a pronoun or a restructured sentence. A capitalised word that is neither
                # an acronym nor a known name is as often a word the other language capitalises
                # differently (Národní, Slavs, Presidency): on faithful news 1–2% of those were real.
                elsewhere = _present(n, doc_keys[there.name])
                loud = _strong(n) and not (elsewhere or unmatchable)
                out.append(one_sided(
                    side, type="entity", severity=Severity.MEDIUM if loud else Severity.LOW,
                    bead=bead,
                    span=view.span(n.start, n.end),
                    explanation=f"name “{n.text}” in the {view.label} is not in the matching {there.label} sentence",
                    confidence=bead.confidence(0.5)))
        return out


def _unmatched(ctx: Context, bead: Bead, names: dict[Side, dict[int, list[Name]]],
               keys: dict[Side, dict[int, Keys]], scripts: dict[Side, Script]) -> tuple[list[Name], list[Name]]:
    """The names of each side of ``bead`` that the other side lacks, and has not nearby either."""
    left: dict[Side, list[Name]] = {}
    moved: dict[Side, list[Name]] = {}
    for side in SIDES:
        there = other(side)
        mine = [n for s in bead.sents(side) for n in names[side].get(s.id, [])]
        theirs = Keys(k for s in bead.sents(there) for k in keys[there][s.id])
        near = Keys(k for s in ctx.neighbours(bead, there) for k in keys[there][s.id])
        # A spelling variant (Шольц/Scholz) counts only within the bead and its neighbours:
        # scanning a whole document's keys for one would be slow and find too much.
        missing = [n for n in mine if not _present(n, theirs, spelling=True) and _comparable(n, scripts[there])]
        left[side] = [n for n in missing if not _present(n, near, spelling=True)]
        moved[side] = [n for n in missing if n not in left[side]]
    # A name missing on each side of one bead is a swap (Caracas → Bogotá), even when the
    # first name also occurs nearby; a one-sided name found nearby has only moved.
    if left["src"] and not left["tgt"] and moved["tgt"]:
        left["tgt"] = moved["tgt"]
    elif left["tgt"] and not left["src"] and moved["src"]:
        left["src"] = moved["src"]
    return left["src"], left["tgt"]


@dataclass(frozen=True)
class _Candidates:
    """What decides, on one side, whether a capitalised word may be a name."""

    stop: set[str]  # function words, lower case
    calendar: set[int]  # starts of month, weekday and currency words
    designations: set[str]  # translated parts of names ("Court"), lower case
    mid_caps: set[str]  # folded words capitalised mid-sentence somewhere in the text
    noun_caps: bool  # the language capitalises every noun

    def ok(self, s: Sentence, w: str, a: int, title: bool) -> bool:
        if not (w[:1].isupper() and not w.isdigit() and a not in self.calendar and not _ROMAN.fullmatch(w)):
            return False
        low = w.lower()
        base = low.split("'")[0].split("’")[0]  # I've, We're: a pronoun, not a name
        ok = low not in self.stop and base not in self.stop and (
            is_acronym(w) or bool(gazetteer_groups(w))
            or ((not _initial(s, a) and not title) or fold(w) in self.mid_caps)
        )
        if self.noun_caps and ok:
            ok = is_acronym(w) or bool(gazetteer_groups(w))
        return ok

    def designation(self, n: Name) -> bool:
        """"Supreme Court", "Embassy": designations are translated, not transliterated."""
        return all(w.lower() in self.designations or w.lower() in self.stop for w in n.words)


def _doc_names(ctx: Context, side: Side, toks: dict[int, list[Token]]) -> dict[int, list[Name]]:
    """The candidate names of each (non-furniture) sentence of one side; ``toks``: its tokens by sentence."""
    view = ctx.side(side)
    lex = view.lex
    stop = {w.lower() for w in lex.words("STOPWORDS")}
    # Months and weekdays are capitalised in some languages only (English "Tuesday", Slovak
    # "utorok"): dates are the number check's business, not names.
    calendar = {m.start for s in view.sents for m in ctx.concept_matches(side, s)
                if m.concept.startswith(("MONTH_", "WEEKDAY_", "CUR_"))}
    # Words capitalised in mid-sentence anywhere in the text are names everywhere in it.
    title = {s.id: _title_case(toks[s.id]) for s in view.sents}
    mid_caps = {fold(w) for s in view.sents if not title[s.id] for w, a, _ in toks[s.id]
                if w[:1].isupper() and not _initial(s, a) and w.lower() not in stop}
    cand = _Candidates(stop, calendar, {w.lower() for w in lex.words("DESIGNATION")}, mid_caps,
                       capitalises_nouns(view.lang))
    return {s.id: [n for n in _sentence_names(s, toks[s.id], cand, title[s.id]) if not cand.designation(n)]
            for s in view.sents if s.id not in view.furniture}


def _sentence_names(s: Sentence, t: list[Token], cand: _Candidates, title: bool) -> list[Name]:
    """Runs of adjacent candidate words; punctuation between two ends a run. ``title``: the
    sentence is in title case (:func:`_title_case`)."""
    run: list[Token] = []
    found: list[Name] = []
    for w, a, b in t:
        if cand.ok(s, w, a, title):
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
    return found


def _borrowed_names(view: SideView, base: dict[int, list[Name]], other_names: dict[int, list[Name]],
                    toks: dict[int, list[Token]]) -> dict[int, list[Name]]:
    """For a noun-capitalising side: its acronyms/gazetteer names plus words the other side names."""
    other_keys = KeyIndex(k for ns in other_names.values() for n in ns for k in n.keys)
    for s in view.sents:
        have = {k for n in base.get(s.id, []) for k in n.keys}
        for w, a, b in toks[s.id]:
            key = fold(w)
            if w[:1].isupper() and key not in have and other_keys.match(key):
                base.setdefault(s.id, []).append(Name((w,), (key,), a, b))
    return base


def _initial(s: Sentence, start: int) -> bool:
    """Does the word at ``start`` begin a sentence (also inside a multi-sentence line)?

    It does when only spaces stand before it, or spaces after sentence punctuation. Read backwards
    from the word: scanning the whole prefix for every word made one long sentence quadratic.
    """
    k = start - s.start
    while k > 0 and s.text[k - 1].isspace():
        k -= 1
    return k == 0 or s.text[k - 1] in _SENTENCE_ENDERS


def _name(run: list[Token]) -> Name:
    return Name(tuple(w for w, _, _ in run), tuple(fold(w) for w, _, _ in run), run[0][1], run[-1][2])


def _title_case(tokens: list[Token]) -> bool:
    words = [w for w, _, _ in tokens if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) / len(words) > 0.6


def _comparable(n: Name, other_script: Script) -> bool:
    """Can the other side be expected to spell this name recognisably?

    Acronyms do not survive a change of script (ЗСУ is UAF, РФ is Russia) unless the gazetteer
    knows them; names in a script without transliteration (CJK) cannot be compared lexically.
    """
    own = dominant_script(n.text)
    if own == other_script:
        return True
    if any(gazetteer_groups(w) for w in n.words):
        return True
    if own == "other" or other_script == "other":
        return False
    return not all(is_acronym(w) for w in n.words)


def _strong(n: Name) -> bool:
    return any(is_acronym(w) or gazetteer_groups(w) for w in n.words)


def _present(n: Name, keys: Sequence[Key], spelling: bool = False) -> bool:
    return names_present(n.words, keys, spelling)
