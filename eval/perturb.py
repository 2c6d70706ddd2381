"""Seeded, labelled edits of the TARGET side of a parallel pair: planted errors for ``eval.detect``.

Example::

    rng = random.Random("13:doc:number_value")
    out = perturb("number_value", src_segs, tgt_segs, "cs", "en", rng)
    if isinstance(out, Skip):
        print(out.reason)            # "no number in the target that the source also has"
    else:
        out.target, out.label        # new target segments, and what was changed where

A pair is two lists of segments, line *i* of the source translating line *i* of the target. Every
edit touches one target segment and records its index on each side, so a detector's finding can
be matched to it. Edits are *anchored*: a dropped hedge, attribution, quote, negation, number or
name is one that the source segment also has, so the faithful pair had no finding there and the
edit plants exactly one discrepancy. Where a pair offers no such site the result is a ``Skip``
with the reason, and the benchmark reports how often each edit applied.

Language knowledge comes from xlate's own concept lexicons (hedges, attribution, scale words;
``xlate.lexicons.load_lexicon``) plus the small tables below (negation by auxiliary verb or
particle, stand-in names); nothing here calls a checker.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from xlate.lexicons import WORD_RE, load_lexicon
from xlate.text import fold

# kind -> (expected finding type, expected change, other changes also accepted, needs MT)
EXPECTED: dict[str, tuple[str, str, tuple[str, ...], bool]] = {
    "number_value": ("number", "altered", (), False),
    "number_scale": ("number", "altered", (), False),
    "hedge_dropped": ("hedge", "dropped", (), False),
    "attribution_dropped": ("attribution", "dropped", (), False),
    "quote_unquoted": ("quote", "dropped", (), False),
    # Without MT a reworded quote is only visible when its numbers or its length change.
    "quote_reworded": ("quote", "altered", (), True),
    "negation_added": ("negation", "added", (), False),
    "negation_dropped": ("negation", "dropped", (), False),
    "entity_swapped": ("entity", "altered", ("dropped", "added"), False),
    "sentence_dropped": ("omission", "dropped", (), False),
    "sentence_added": ("addition", "added", (), False),
}
KINDS: tuple[str, ...] = tuple(EXPECTED)

HEDGE_CONCEPTS = frozenset({"ALLEGED", "REPORTEDLY", "HEARSAY", "SUSPECTED"})
ATTRIBUTION_CONCEPTS = frozenset({"ACCORDING_TO", "CITING"})
SCALE_SWAP = {"SCALE_3": "SCALE_6", "SCALE_6": "SCALE_9", "SCALE_9": "SCALE_6", "SCALE_12": "SCALE_9"}
# Languages whose HEARSAY entries are verb forms (French "aurait"): deleting one breaks the verb.
VERBAL_HEARSAY = frozenset({"fr", "pt", "es", "it", "de"})
# Languages where a postposition follows its source: "TASS szerint", "Berichten zufolge".
POSTPOSITIONS = {"hu": ("szerint",), "de": ("zufolge",)}
MIN_QUOTE_WORDS = 4  # shorter quoted stretches are names or scare quotes, not statements
MIN_SENTENCE_WORDS = 6  # dropped/added sentences: content, not headlines or datelines
MAX_PHRASE_WORDS = 6  # an attribution phrase must end at punctuation within this many words
MAX_REPORTING_WORDS = 5  # ", said the TASS agency": a reporting clause, not a sentence of its own

# Negation: "positive:negated" forms, "_" for a space. Both edits use this table (added: positive
# → negated; dropped: negated → positive); dropping also deletes a standalone particle.
_NEGATION_TABLE = {
    "en": "is:is_not are:are_not was:was_not were:were_not has:has_not have:have_not had:had_not "
          "will:will_not would:would_not can:cannot could:could_not should:should_not must:must_not "
          "does:does_not do:do_not did:did_not",
    "de": "ist:ist_nicht sind:sind_nicht war:war_nicht waren:waren_nicht hat:hat_nicht haben:haben_nicht "
          "wird:wird_nicht werden:werden_nicht wurde:wurde_nicht kann:kann_nicht können:können_nicht "
          "muss:muss_nicht soll:soll_nicht",
    "cs": "je:není jsou:nejsou byl:nebyl byla:nebyla bylo:nebylo byli:nebyli byly:nebyly bude:nebude "
          "budou:nebudou má:nemá mají:nemají může:nemůže mohou:nemohou chce:nechce lze:nelze",
    "sk": "je:nie_je sú:nie_sú bol:nebol bola:nebola bolo:nebolo boli:neboli bude:nebude budú:nebudú "
          "má:nemá majú:nemajú môže:nemôže môžu:nemôžu chce:nechce",
    "uk": "є:не_є був:не_був була:не_була було:не_було були:не_були буде:не_буде будуть:не_будуть "
          "може:не_може можуть:не_можуть має:не_має мають:не_мають",
    "ru": "был:не_был была:не_была было:не_было были:не_были будет:не_будет будут:не_будут "
          "может:не_может могут:не_могут",
    "pl": "jest:nie_jest są:nie_są był:nie_był była:nie_była było:nie_było będzie:nie_będzie "
          "może:nie_może mogą:nie_mogą ma:nie_ma mają:nie_mają",
    "fr": "est:n'est_pas sont:ne_sont_pas était:n'était_pas étaient:n'étaient_pas a:n'a_pas ont:n'ont_pas "
          "peut:ne_peut_pas peuvent:ne_peuvent_pas doit:ne_doit_pas va:ne_va_pas sera:ne_sera_pas",
    "is": "er:er_ekki eru:eru_ekki var:var_ekki voru:voru_ekki hefur:hefur_ekki hafa:hafa_ekki "
          "mun:mun_ekki getur:getur_ekki verður:verður_ekki",
    "hu": "volt:nem_volt voltak:nem_voltak lesz:nem_lesz lehet:nem_lehet kell:nem_kell van:nincs "
          "vannak:nincsenek",
    "pt": "é:não_é são:não_são foi:não_foi foram:não_foram tem:não_tem pode:não_pode podem:não_podem",
    "es": "es:no_es son:no_son fue:no_fue fueron:no_fueron tiene:no_tiene puede:no_puede ha:no_ha",
    "it": "è:non_è sono:non_sono era:non_era erano:non_erano ha:non_ha può:non_può",
    "nl": "is:is_niet zijn:zijn_niet was:was_niet waren:waren_niet heeft:heeft_niet kan:kan_niet",
}
NEGATION_PAIRS = {lang: [tuple(p.replace("_", " ") for p in pair.split(":")) for pair in table.split()]
                  for lang, table in _NEGATION_TABLE.items()}
NEGATION_PARTICLES = {"de": "nicht", "uk": "не", "ru": "не", "bg": "не", "sr": "не", "pl": "nie",
                      "hu": "nem", "is": "ekki", "pt": "não", "es": "no", "it": "non", "nl": "niet"}
_EN_CONTRACTIONS = {"isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "hasn't": "has",
                    "haven't": "have", "hadn't": "had", "won't": "will", "wouldn't": "would", "can't": "can",
                    "couldn't": "could", "shouldn't": "should", "mustn't": "must", "doesn't": "does",
                    "don't": "do", "didn't": "did"}
# "not only … but also" is not a negation of the clause.
_NOT_ONLY = frozenset({"only", "nur", "тільки", "лише", "только", "tylko", "csak", "aðeins", "bara",
                       "apenas", "solo", "seulement", "jen", "len", "iba", "alleen"})
_FR_NEGATION = re.compile(r"\bn(?:e\s+|['’])(\w+)\s+pas\b", re.IGNORECASE)
_NEGATED_AFTER = re.compile(r"\s+(?:not|nicht|ekki|niet|pas)\b|n['’]t\b", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(r"(?:^|\W)(?:не|nie|nem|não|non|no|ne|n['’])\s*$", re.IGNORECASE)

# Stand-in names when no other document offers one (by script).
DEFAULT_NAMES = {
    "latin": ("Bogotá", "Lavrov", "Lisbon", "Helsinki", "Novak", "Dublin", "Kowalski", "Ottawa", "Tallinn",
              "Hernández", "Nairobi", "Fischer", "Montevideo", "Svoboda", "Quito"),
    "cyrillic": ("Лавров", "Богота", "Лісабон", "Гельсінкі", "Новак", "Дублін", "Оттава", "Таллінн", "Найробі"),
}
_QUOTE_PAIRS = {"„": "“”\"", "“": "”", "«": "»", "‚": "‘’", "\"": "\"", "‹": "›", "「": "」"}
_QUOTE_MARKS = frozenset("".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values()))
_ANGLE_REVERSED = frozenset({"de", "da", "cs", "sk", "sl", "hr", "sv"})  # »…« is a quote there
_NUMBER = re.compile(r"(?<![\w\-/])\d+(?:[.,]\d+)*")
_NAME = re.compile(r"[^\W\d_][\w'’-]*")
_CLAUSE = re.compile(r"[,;:–—()]|\s-\s")
_INITIAL = re.compile(r"(?:^|[.!?…:;\"„“”«»‚‘(—–-])\s*$")


@dataclass(frozen=True)
class Label:
    """What an edit did: the finding it should cause, and where."""

    kind: str
    type: str  # expected finding type
    change: str  # expected finding change
    src_seg: int | None  # segment index in the source (None for an added sentence)
    tgt_seg: int | None  # segment index in the edited target (None for a dropped sentence)
    detail: dict[str, Any] = field(default_factory=dict)
    accept: tuple[str, ...] = ()  # other changes that also count as finding it
    needs_mt: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Perturbed:
    target: list[str]
    label: Label


@dataclass(frozen=True)
class Skip:
    """The edit does not apply to this pair, and why."""

    kind: str
    reason: str


@dataclass
class Pool:
    """Material from *other* documents in the target language: sentences to add, names and words."""

    sentences: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Site:
    start: int
    end: int
    new: str
    detail: dict[str, Any]


# --- text helpers --------------------------------------------------------------------------------


def _delete(text: str, a: int, b: int) -> str:
    """``text`` without ``text[a:b]``, with the spaces and the comma around it tidied."""
    left, right = text[:a].rstrip(), text[b:].lstrip()
    if right[:1] == "," and (not left or left[-1] in ",;:(—–"):
        right = right[1:].lstrip()
    elif left.endswith(",") and (not right or right[0] in ".,;:!?)"):
        left = left[:-1].rstrip()
    if not left:
        return right[:1].upper() + right[1:] if text[:1].isupper() else right
    if not right:
        return left
    return left + ("" if right[0] in ".,;:!?)" else " ") + right


def _same_case(old: str, new: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def _script(word: str) -> str:
    return "cyrillic" if any("\u0400" <= c <= "\u04ff" for c in word) else "latin"


def _phrase_re(phrase: str) -> re.Pattern[str]:
    parts = [re.escape(p).replace("'", "['’]") for p in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _negated_clause(text: str, a: int, b: int, lang: str) -> bool:
    """Does the clause around ``text[a:b]`` have a NEGATION lexicon match?"""
    cuts = [m.end() for m in _CLAUSE.finditer(text, 0, a)]
    lo = cuts[-1] if cuts else 0
    nxt = _CLAUSE.search(text, b)
    hi = nxt.start() if nxt else len(text)
    return bool(load_lexicon(lang).find(text[lo:hi], {"NEGATION"}))


def find_quotes(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of quoted stretches, marks included; independent of xlate's own finder."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        closers = "«" if ch == "»" and lang in _ANGLE_REVERSED else _QUOTE_PAIRS.get(ch)
        if closers is None or (ch == "\"" and i and text[i - 1].isalnum()):
            i += 1
            continue
        j = next((k for k in range(i + 1, len(text)) if text[k] in closers), -1)
        if j < 0:
            i += 1
            continue
        out.append((i, j + 1))
        i = j + 1
    return out


def name_candidates(text: str, lang: str) -> list[tuple[int, int]]:
    """Offsets of capitalised words in mid-sentence that are not function words or calendar words."""
    lex = load_lexicon(lang)
    stop = {w.lower() for w in lex.words("STOPWORDS")}
    calendar = {m.start for m in lex.find(text) if m.concept.startswith(("MONTH_", "WEEKDAY_"))}
    out = []
    for m in _NAME.finditer(text):
        w = m.group().rstrip("'’-")
        if (len(w) >= 3 and w[0].isupper() and any(c.islower() for c in w[1:]) and w.lower() not in stop
                and m.start() not in calendar and not _INITIAL.search(text[:m.start()])):
            out.append((m.start(), m.start() + len(w)))
    return out


def names_match(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return fa == fb or (min(len(fa), len(fb)) >= 4 and fa[:4] == fb[:4])


# --- sites, one function per kind ------------------------------------------------------------------


def _number_sites(src: str, tgt: str, rng: random.Random, **_: Any) -> list[_Site]:
    src_digits = {re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(src)}
    sites = []
    for m in _NUMBER.finditer(tgt):
        if re.sub(r"\D", "", m.group()) not in src_digits:
            continue  # not anchored: the faithful pair already disagrees here
        run = re.match(r"\d+", m.group()).group()
        new = _change_digits(run, rng)
        if new:
            sites.append(_Site(m.start(), m.start() + len(run), new[0],
                               {"old": run, "new": new[0], "mode": new[1], "token": m.group()}))
    return sites


def _change_digits(run: str, rng: random.Random) -> tuple[str, str] | None:
    """A different digit string: reversed (61 → 16), plus 1..9, or one digit replaced."""
    options = []
    rev = run[::-1]
    if len(run) >= 2 and rev != run and rev[0] != "0":
        options.append((rev, "reverse"))
    k = rng.randint(1, 9)
    options.append((str(int(run) + k).zfill(len(run)), f"plus_{k}"))
    pos = rng.randrange(len(run))
    digits = [d for d in "0123456789" if d != run[pos] and not (pos == 0 and d == "0" and len(run) > 1)]
    options.append((run[:pos] + rng.choice(digits) + run[pos + 1:], "digit"))
    return rng.choice(options)


def _scale_sites(src: str, tgt: str, src_lang: str, tgt_lang: str, **_: Any) -> list[_Site]:
    src_scales = {m.concept for m in load_lexicon(src_lang).find(src, set(SCALE_SWAP))}
    lex = load_lexicon(tgt_lang)
    sites = []
    for m in lex.find(tgt, set(SCALE_SWAP)):
        if m.concept not in src_scales or not re.search(r"\d[\d.,]*\s*\S{0,2}\s*$", tgt[:m.start]):
            continue  # only a scale word that follows a number and that the source also has
        new = _swap_scale_word(m.text, m.concept, SCALE_SWAP[m.concept], lex)
        if new:
            sites.append(_Site(m.start, m.end, new, {"old": m.text, "new": new, "from": m.concept,
                                                     "to": SCALE_SWAP[m.concept]}))
    return sites


def _swap_scale_word(word: str, concept: str, to: str, lex) -> str | None:
    """'millions' → 'billions', 'milionů' → 'miliardů': same position in the lexicon, same ending."""
    single = [p.tokens[0] for p in lex.patterns.get(concept, []) if len(p.tokens) == 1]
    other = [p.tokens[0] for p in lex.patterns.get(to, []) if len(p.tokens) == 1]
    if not other:
        return None
    low = word.lower()
    for i, tok in enumerate(single):
        if tok.prefix and low.startswith(tok.text):
            stem = next((t for t in other if t.prefix), other[0])
            return _same_case(word, stem.text + low[len(tok.text):])
        if not tok.prefix and not tok.suffix and low == tok.text:
            rep = other[i] if i < len(other) and not other[i].suffix else other[0]
            return _same_case(word, rep.text)
    return None


def _concept_deletions(src: str, tgt: str, src_lang: str, tgt_lang: str, concepts: frozenset[str],
                       family: str) -> list[_Site]:
    found = load_lexicon(tgt_lang).find(tgt, set(concepts))
    if len(load_lexicon(src_lang).find(src, set(concepts))) < max(1, len(found)):
        return []  # not anchored: the source segment has fewer of this family, so one is already extra
    sites = []
    for m in found:
        if len(_words(m.text)) > 3 or (m.concept == "HEARSAY" and (tgt_lang in VERBAL_HEARSAY
                                                                    or len(_words(m.text)) > 1)):
            continue  # a gapped pattern ("soll … sein") or a verb form: no clean deletion
        a, b = m.start, m.end
        if family == "attribution":
            span = _attribution_phrase(tgt, m.start, m.end, m.text, tgt_lang)
            if span is None:
                continue
            a, b = span
        new_text = _delete(tgt, a, b)
        if _words(new_text):
            sites.append(_Site(a, b, "", {"removed": tgt[a:b], "concept": m.concept, "_text": new_text}))
    return sites


def _attribution_phrase(text: str, start: int, end: int, match: str, lang: str) -> tuple[int, int] | None:
    """The attribution with its source: 'according to the agency TASS' up to the next punctuation."""
    if match.lower() in POSTPOSITIONS.get(lang, ()):
        before = re.search(r"[^,;:.!?“”\"«»„(—–]*$", text[:start])
        words = _words(before.group()) if before else []
        if not words or len(words) > MAX_PHRASE_WORDS:
            return None
        return start - len(before.group().lstrip()), end
    after = re.match(r"[^,;:.!?“”\"«»„)—–]*", text[end:]).group()
    words = _words(after)
    if not words or len(words) > MAX_PHRASE_WORDS:
        return None
    return start, end + len(after.rstrip())


def _hedge_sites(src: str, tgt: str, src_lang: str, tgt_lang: str, **_: Any) -> list[_Site]:
    return _concept_deletions(src, tgt, src_lang, tgt_lang, HEDGE_CONCEPTS, "hedge")


def _attribution_sites(src: str, tgt: str, src_lang: str, tgt_lang: str, **_: Any) -> list[_Site]:
    return (_concept_deletions(src, tgt, src_lang, tgt_lang, ATTRIBUTION_CONCEPTS, "attribution")
            + _reporting_clause_sites(src, tgt, src_lang, tgt_lang))


def _reporting_clause_sites(src: str, tgt: str, src_lang: str, tgt_lang: str) -> list[_Site]:
    """", TASS reported" / ", said Peskov": a reporting verb and its named source, a clause of their
    own after a comma; anchored: the source segment has as many reporting verbs and the name too."""
    found = load_lexicon(tgt_lang).find(tgt, {"SAY"})
    if not found or len(load_lexicon(src_lang).find(src, {"SAY"})) < len(found):
        return []
    stop = {w.lower() for w in load_lexicon(tgt_lang).words("STOPWORDS")}
    src_words = _words(src)
    sites = []
    for m in found:
        before = [c for c in _CLAUSE.finditer(tgt, 0, m.start) if c.group() == ","]
        after = re.compile(r"[,;.!?]|$").search(tgt, m.end)
        if not before or after is None:
            continue
        a, b = before[-1].start(), after.start()
        words = _words(tgt[a:b])
        names = [w for w in words if w[:1].isupper() and w.lower() not in stop]
        if (len(words) > MAX_REPORTING_WORDS or any(q in tgt[a:b] for q in _QUOTE_MARKS)
                or not any(names_match(n, w) for n in names for w in src_words)):
            continue  # a sentence of its own, a quote's closing mark, or a source the source lacks
        new_text = _delete(tgt, a, b)
        if len(_words(new_text)) >= MIN_SENTENCE_WORDS - 2 and not any(n in new_text for n in names):
            sites.append(_Site(a, b, "", {"removed": tgt[a:b], "concept": "SAY", "_text": new_text}))
    return sites


def _statement_quotes(text: str, lang: str) -> list[tuple[int, int]]:
    return [(a, b) for a, b in find_quotes(text, lang) if len(_words(text[a + 1:b - 1])) >= MIN_QUOTE_WORDS]


def _unquote_sites(src: str, tgt: str, src_lang: str, tgt_lang: str, **_: Any) -> list[_Site]:
    if len(_statement_quotes(src, src_lang)) < max(1, len(_statement_quotes(tgt, tgt_lang))):
        return []
    sites = []
    for a, b in _statement_quotes(tgt, tgt_lang):
        inner = tgt[a + 1:b - 1].strip()
        sites.append(_Site(a, b, inner, {"quote": tgt[a:b], "new": inner}))
    return sites


def _reword_sites(src: str, tgt: str, src_lang: str, tgt_lang: str, rng: random.Random,
                  words: list[str], **_: Any) -> list[_Site]:
    if len(_statement_quotes(src, src_lang)) < max(1, len(_statement_quotes(tgt, tgt_lang))):
        return []
    sites = []
    for a, b in _statement_quotes(tgt, tgt_lang) if words else []:
        inside = [m for m in re.finditer(r"[^\W\d_]{4,}", tgt[a:b]) if m.group()[0].islower()]
        if not inside:
            continue
        m = rng.choice(inside)
        quote_words = {w.lower() for w in _words(tgt[a:b])}
        new = next((w for w in (rng.choice(words) for _ in range(20)) if w.lower() not in quote_words), None)
        if new is None:
            continue
        sites.append(_Site(a + m.start(), a + m.end(), new, {"quote": tgt[a:b], "old": m.group(), "new": new}))
    return sites


def _negation_added_sites(src: str, tgt: str, tgt_lang: str, **_: Any) -> list[_Site]:
    sites = []
    for pos, neg in NEGATION_PAIRS.get(tgt_lang, []):
        for m in _phrase_re(pos).finditer(tgt):
            if (_NEGATED_AFTER.match(tgt, m.end()) or _NEGATED_BEFORE.search(tgt[:m.start()])
                    or _negated_clause(tgt, m.start(), m.end(), tgt_lang)):
                continue  # already negated: a second negation would not flip the clause
            new = _same_case(m.group(), neg)
            sites.append(_Site(m.start(), m.end(), new, {"old": m.group(), "new": new}))
    return sites


def _negation_dropped_sites(src: str, tgt: str, src_lang: str, tgt_lang: str, **_: Any) -> list[_Site]:
    n_tgt = len(load_lexicon(tgt_lang).find(tgt, {"NEGATION"}))
    if len(load_lexicon(src_lang).find(src, {"NEGATION"})) < max(1, n_tgt):
        return []  # not anchored: the source has fewer negations than the target
    sites: list[_Site] = []
    for pos, neg in NEGATION_PAIRS.get(tgt_lang, []):
        for m in _phrase_re(neg).finditer(tgt):
            sites.append(_Site(m.start(), m.end(), _same_case(m.group(), pos), {"old": m.group(), "new": pos}))
    if tgt_lang == "en":
        for contracted, pos in _EN_CONTRACTIONS.items():
            for m in _phrase_re(contracted).finditer(tgt):
                sites.append(_Site(m.start(), m.end(), _same_case(m.group(), pos), {"old": m.group(), "new": pos}))
    if tgt_lang == "fr":
        for m in _FR_NEGATION.finditer(tgt):
            sites.append(_Site(m.start(), m.end(), _same_case(m.group(), m.group(1)),
                               {"old": m.group(), "new": m.group(1)}))
    particle = NEGATION_PARTICLES.get(tgt_lang)
    if particle:
        for m in _phrase_re(particle).finditer(tgt):
            nxt = _words(tgt[m.end():m.end() + 20])
            if nxt and nxt[0].lower() in _NOT_ONLY:
                continue
            sites.append(_Site(m.start(), m.end(), "", {"old": m.group(), "new": "",
                                                        "_text": _delete(tgt, m.start(), m.end())}))
    # Keep one site per position (a table pair and the particle can both match "ist nicht"), and
    # only where the clause is left without negation ("Nebylo … ani" keeps "ani": still negative).
    seen: set[int] = set()
    unique = []
    for s in sorted(sites, key=lambda s: (s.start, -(s.end - s.start))):
        text = s.detail.get("_text") or tgt[:s.start] + s.new + tgt[s.end:]
        shift = len(text) - len(tgt)
        if _negated_clause(text, s.start, max(s.start, s.end + shift), tgt_lang):
            continue
        if not any(s.start <= p < s.end for p in seen):
            unique.append(s)
            seen.update(range(s.start, s.end))
    return unique


def _entity_sites(src: str, tgt: str, src_lang: str, tgt_lang: str, rng: random.Random, names: list[str],
                  **_: Any) -> list[_Site]:
    """``names``: stand-ins that the document does not mention (see :func:`candidates`)."""
    src_names = [src[a:b] for a, b in name_candidates(src, src_lang)]
    sites = []
    for a, b in name_candidates(tgt, tgt_lang):
        old = tgt[a:b]
        if not any(names_match(old, s) for s in src_names):
            continue  # not anchored: the source does not name it recognisably
        pool = [n for n in names if _script(n) == _script(old)]
        if pool:
            new = rng.choice(pool)
            sites.append(_Site(a, b, new, {"old": old, "new": new}))
    return sites


def _unused_names(names: list[str], doc: list[str]) -> list[str]:
    """Pool names (or the defaults) that match no capitalised word of the document."""
    words = {fold(w) for seg in doc for w in _words(seg) if w[:1].isupper()}
    prefixes = {w[:4] for w in words if len(w) >= 4}
    out = set()
    for n in (*names, *DEFAULT_NAMES["latin"], *DEFAULT_NAMES["cyrillic"]):
        key = fold(n)
        if key not in words and not (len(key) >= 4 and key[:4] in prefixes):
            out.add(n)
    # Pool names first: defaults only stand in for a script the pool lacks.
    pooled = sorted(n for n in out if n in set(names))
    scripts = {_script(n) for n in pooled}
    return pooled + sorted(n for n in out if n not in set(names) and _script(n) not in scripts)


_SITES = {
    "number_value": _number_sites, "number_scale": _scale_sites, "hedge_dropped": _hedge_sites,
    "attribution_dropped": _attribution_sites, "quote_unquoted": _unquote_sites,
    "quote_reworded": _reword_sites, "negation_added": _negation_added_sites,
    "negation_dropped": _negation_dropped_sites, "entity_swapped": _entity_sites,
}
_WHY = {
    "number_value": "no number in the target that the source segment also has",
    "number_scale": "no scale word (million, Milliarden…) after a number on both sides",
    "hedge_dropped": "no hedge (alleged, reportedly, hearsay, suspected) on both sides",
    "attribution_dropped": "no 'according to'/'citing' phrase or ', TASS said' clause with its source on both sides",
    "quote_unquoted": f"no quote of {MIN_QUOTE_WORDS}+ words on both sides",
    "quote_reworded": f"no quote of {MIN_QUOTE_WORDS}+ words on both sides with a word to replace",
    "negation_added": "no auxiliary verb to negate (or no negation table for the language)",
    "negation_dropped": "no negation on both sides that the tables can remove",
    "entity_swapped": "no capitalised name in mid-sentence that the source also has",
    "sentence_dropped": f"no segment of {MIN_SENTENCE_WORDS}+ words",
    "sentence_added": f"no sentence of {MIN_SENTENCE_WORDS}+ words from another document",
}


# --- the public entry points -----------------------------------------------------------------------


def _label(kind: str, src_seg: int | None, tgt_seg: int | None, detail: dict[str, Any]) -> Label:
    typ, change, accept, needs_mt = EXPECTED[kind]
    return Label(kind, typ, change, src_seg, tgt_seg, {k: v for k, v in detail.items() if not k.startswith("_")},
                 accept, needs_mt)


def candidates(kind: str, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str,
               rng: random.Random, pool: Pool | None = None) -> dict[int, list[_Site]]:
    """Target segment index -> the sites where ``kind`` applies (sentence kinds: an empty list)."""
    if kind not in EXPECTED:
        raise ValueError(f"unknown perturbation {kind!r}; valid: {', '.join(KINDS)}")
    pool = pool or Pool()
    n = min(len(src), len(tgt))
    if kind == "sentence_dropped":
        return {i: [] for i in range(n) if len(_words(tgt[i])) >= MIN_SENTENCE_WORDS and len(tgt) > 1}
    if kind == "sentence_added":
        ok = any(len(_words(s)) >= MIN_SENTENCE_WORDS and s not in tgt for s in pool.sentences)
        return {i: [] for i in range(len(tgt) + 1)} if ok else {}
    fn = _SITES[kind]
    own_words = [w for j, t in enumerate(tgt) for w in re.findall(r"[^\W\d_]{4,}", t) if w[0].islower()]
    names = _unused_names(pool.names, [*src, *tgt]) if kind == "entity_swapped" else []
    out = {}
    for i in range(n):
        words = pool.words or [w for j, t in enumerate(tgt) if j != i for w in re.findall(r"[^\W\d_]{4,}", t)
                               if w[0].islower()] or own_words
        sites = fn(src=src[i], tgt=tgt[i], src_lang=src_lang, tgt_lang=tgt_lang, rng=rng,
                   words=words, names=names)
        if sites:
            out[i] = sites
    return out


def perturb(kind: str, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str, rng: random.Random,
            *, segment: int | None = None, pool: Pool | None = None) -> Perturbed | Skip:
    """One labelled edit of ``kind`` in target segment ``segment`` (or one chosen with ``rng``)."""
    sites = candidates(kind, src, tgt, src_lang, tgt_lang, rng, pool)
    if segment is not None:
        sites = {segment: sites[segment]} if segment in sites else {}
    if not sites:
        where = f" in segment {segment}" if segment is not None else ""
        return Skip(kind, _WHY[kind] + where)
    i = rng.choice(sorted(sites))
    return _apply(kind, src, tgt, i, sites[i], rng, pool or Pool())


def perturb_copies(kind: str, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str,
                   rng: random.Random, n: int, pool: Pool | None = None) -> list[Perturbed] | Skip:
    """Up to ``n`` edits of ``kind``, each in a different target segment (one edit per copy)."""
    sites = candidates(kind, src, tgt, src_lang, tgt_lang, rng, pool)
    if not sites:
        return Skip(kind, _WHY[kind])
    chosen = rng.sample(sorted(sites), min(n, len(sites)))
    return [_apply(kind, src, tgt, i, sites[i], rng, pool or Pool()) for i in sorted(chosen)]


def _apply(kind: str, src: list[str], tgt: list[str], i: int, sites: list[_Site], rng: random.Random,
           pool: Pool) -> Perturbed:
    if kind == "sentence_dropped":
        return Perturbed(tgt[:i] + tgt[i + 1:], _label(kind, i, None, {"removed": tgt[i]}))
    if kind == "sentence_added":
        options = sorted({s for s in pool.sentences if len(_words(s)) >= MIN_SENTENCE_WORDS and s not in tgt})
        new = rng.choice(options)
        return Perturbed(tgt[:i] + [new] + tgt[i:], _label(kind, None, i, {"inserted": new}))
    site = rng.choice(sites)
    text = site.detail.get("_text") or tgt[i][:site.start] + site.new + tgt[i][site.end:]
    new_tgt = list(tgt)
    new_tgt[i] = text
    return Perturbed(new_tgt, _label(kind, i, i, {**site.detail, "before": tgt[i], "after": text}))


__all__ = ["EXPECTED", "KINDS", "Label", "Perturbed", "Pool", "Skip", "candidates", "find_quotes",
           "name_candidates", "names_match", "perturb", "perturb_copies"]
