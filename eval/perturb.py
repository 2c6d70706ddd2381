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

Clause edits cut a stretch between clause punctuation out of a target sentence (anchored: the
source sentence splits into as many such chunks, the one at the same index about as long) or add
one from another document; their label names the words left without a counterpart, as character
offsets in the segment (``src_start``/``src_end`` for a cut, ``tgt_start``/``tgt_end`` for an
addition), and ``eval.detect`` wants a finding on those words.

Language knowledge comes from xlate's own concept lexicons (hedges, attribution, scale words;
``xlate.lexicons.load_lexicon``) plus the small tables below (negation by auxiliary verb or
particle, stand-in names); nothing here calls a checker.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from xlate.lexicons import WORD_RE, load_lexicon
from xlate.text import fold
from xlate.text.script import visible_length, word_count

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
    # A clause cut out of / slipped into one sentence; the label carries the gold span of the words
    # with no counterpart (src_start/src_end or tgt_start/tgt_end), which eval.detect checks.
    "clause_dropped": ("omission", "dropped", (), False),
    "clause_added": ("addition", "added", (), False),
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
MIN_CLAUSE_WORDS = 5  # a cut or added clause says something: not ", he said" or ", on Monday"
MIN_LEFT_WORDS = 4  # what a cut leaves is still a sentence
CLAUSE_SHARE = (0.5, 2.0)  # target chunk's share of its sentence / source chunk's share: same clause
POOL_DRAWS = 30  # other documents' sentences tried per insertion point for a clause to add

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
# Clause boundaries (a comma or colon between digits belongs to a number: 1,500, 10:30).
_CHUNK_DELIM = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;–—()、，；：（）]|\s-\s")
_OPENERS, _CLOSERS, _DASHES = frozenset("(（"), frozenset(")）"), frozenset("–—-")
_COMMAS = frozenset(",，、")
_LEAD_STRIP = " \t" + "".join(_QUOTE_MARKS) + "'"
_END_STRIP = _LEAD_STRIP + ".!?…。！？"
_SENT_BREAK = re.compile(r"[.!?…]+[\"'”’»“)]*\s+|[。！？]+[」』）]*\s*")
_FINAL = re.compile(r"[.!?…。！？]+[\"'”’»“」』)）]*\s*$")
_BAD_PUNCT = re.compile(r"[,;:、，；：]\s*[.,;:!?。、，；：)）]|[(（]\s*[)）]")
_CJK_COMMA = {"ja": "、", "zh": "，"}
# First words of a subordinate or relative clause after a comma ("…, who has led the party since 2019").
_SUBORDINATORS = {lang: frozenset(words.split()) for lang, words in {
    "en": "which who whom whose that because although though while whereas when whenever where after before "
          "since until unless if as once",
    "de": "der die das dem den deren dessen welche welcher welches weil obwohl obgleich während nachdem bevor "
          "als wenn wo wie dass da damit sodass ob",
    "cs": "který která které kterého kterou kterém kterým kteří jenž jež jehož jejíž protože neboť ačkoli "
          "ačkoliv přestože zatímco když kde kam aby že pokud jestliže poté než jak",
    "sk": "ktorý ktorá ktoré ktorého ktorú ktorom ktorým ktorí pretože hoci zatiaľ keď kde aby že pokiaľ ak "
          "potom než ako",
    "uk": "який яка яке які якого якій яким яких котрий що бо тому оскільки хоча хоч поки коли де щоб якщо "
          "після ніж як",
    "ru": "который которая которое которые которого которой которым которых что потому поскольку хотя пока "
          "когда где чтобы если после чем как",
    "pl": "który która które którego której którym którzy co ponieważ bo chociaż choć podczas gdy kiedy gdzie "
          "aby żeby że jeśli jeżeli po zanim niż jak",
    "fr": "qui que qu dont lequel laquelle lesquels lesquelles où parce puisque bien quoique alors tandis "
          "lorsque quand après avant si comme",
    "is": "sem því þótt þó meðan þegar þar eftir áður ef hvort",
    "hu": "aki amely ami amelyet akit ahol amikor mert bár habár míg miközben miután mielőtt hogy ha mint",
}.items()}


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


@dataclass(frozen=True)
class _Chunk:
    """A stretch of a sentence between clause punctuation: its words, and the delimiters around it."""

    start: int  # without the spaces, quote marks and sentence-final punctuation around the words
    end: int
    left: tuple[int, int] | None  # the delimiter before it; None at the sentence's start
    right: tuple[int, int] | None  # the delimiter after it; None at the sentence's end
    sentence: tuple[int, int]  # the sentence it is in (a segment may hold several)


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


def _wc(text: str) -> int:
    """Words, with unspaced CJK counted by characters: chunk sizes compare across scripts."""
    return word_count(text, len(_words(text)))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a segment, without the spaces between them (most segments are one sentence;
    a seed's paragraph is several): a break is . ! ? before a capital (not after 'Mr' or 'U.S'), or 。！？."""
    out, start = [], 0
    for m in _SENT_BREAK.finditer(text):
        nxt = text[m.end():].lstrip(_LEAD_STRIP + "(")[:1]
        prev = re.search(r"(\w+)\W*$", text[max(start, m.start() - 12):m.start()])
        latin = m.group()[0] not in "。！？"
        if not nxt or (latin and (not nxt.isupper() or prev is None or len(prev.group(1)) == 1
                                  or (m.group()[0] == "." and len(prev.group(1)) <= 3 and prev.group(1).istitle()))):
            continue
        out.append((start, m.start() + len(m.group().rstrip())))
        start = m.end()
    out.append((start, len(text.rstrip())))
    return [(a, b) for a, b in out if a < b]


def clause_chunks(text: str) -> list[_Chunk]:
    """The stretches of each sentence between , ; : dashes and brackets (and 、，；： in CJK) that
    have a letter or digit; a sentence's start and end bound its first and last chunk."""
    out = []
    for s0, s1 in sentence_spans(text):
        delims = [(m.start(), m.end()) for m in _CHUNK_DELIM.finditer(text, s0, s1)]
        for k in range(len(delims) + 1):
            a = delims[k - 1][1] if k else s0
            b = delims[k][0] if k < len(delims) else s1
            piece = text[a:b]
            start = a + len(piece) - len(piece.lstrip(_LEAD_STRIP))
            end = a + len(piece.rstrip(_END_STRIP))
            if start < end and any(c.isalnum() for c in text[start:end]):
                out.append(_Chunk(start, end, delims[k - 1] if k else None, delims[k] if k < len(delims) else None,
                                  (s0, s1)))
    return out


def _delim(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]:span[1]].strip() if span else None


def _quote_marks(text: str) -> list[int]:
    """Positions of quote marks, not counting an apostrophe (’ after a letter: Maduro’s)."""
    return [i for i, ch in enumerate(text) if ch in _QUOTE_MARKS and not (ch == "’" and i and text[i - 1].isalpha())]


def _unpaired_quote(text: str, lang: str) -> bool:
    """A quote mark that pairs with none in the segment: a quote runs on from or into a neighbour."""
    spans = find_quotes(text, lang)
    return any(not any(a <= i < b for a, b in spans) for i in _quote_marks(text))


def _quoted(text: str, c: _Chunk, lang: str) -> bool:
    """Has the chunk (with what lies up to its delimiters) a quote mark, or may it stand in a quote?"""
    lo, hi = c.left[1] if c.left else c.sentence[0], c.right[0] if c.right else c.sentence[1]
    return (any(lo <= i < hi for i in _quote_marks(text)) or _unpaired_quote(text, lang)
            or any(a < c.start and c.end < b for a, b in find_quotes(text, lang)))


def _cut_range(text: str, c: _Chunk, aside: bool = False) -> tuple[int, int]:
    """What to delete with a chunk, one delimiter included: 'A, B, C.' → 'A, C.'; both delimiters
    of an aside: 'A (B) C.' → 'A C.', and 'Putin, who has led …, visited' with ``aside``."""
    left, right = _delim(text, c.left), _delim(text, c.right)
    if c.left and c.right and ((left in _OPENERS and right in _CLOSERS) or (left in _DASHES and right in _DASHES)
                               or (aside and left in _COMMAS and right in _COMMAS)):
        return c.left[0], c.right[1]
    if c.left is None or left in _OPENERS:
        return c.start, c.right[1] if c.right else c.end
    return c.left[0], c.end


def _tidy(old: str, new: str) -> bool:
    """Did a cut leave the brackets balanced and no stray punctuation (', .', '()') that was not there?"""
    def balance(t: str) -> tuple[int, int]:
        return t.count("(") - t.count(")"), t.count("（") - t.count("）")
    return (balance(old) == balance(new) and new[:1].isalnum() == old[:1].isalnum()
            and len(_BAD_PUNCT.findall(new)) <= len(_BAD_PUNCT.findall(old)))


def _clause_form(clause: str, after_comma: bool, lang: str) -> str:
    """subordinate ('…, who has led the party'), attribution (', TASS reported'), or clause."""
    words = _words(clause)
    if after_comma and words and words[0].lower() in _SUBORDINATORS.get(lang, ()):
        return "subordinate"
    if load_lexicon(lang).find(clause, ATTRIBUTION_CONCEPTS | {"SAY"}):
        return "attribution"
    return "clause"


def _clause_cut_sites(src: str, tgt: str, src_lang: str, tgt_lang: str, **_: Any) -> list[_Site]:
    """A chunk of MIN_CLAUSE_WORDS+ words cut from the target. Anchored: the source splits into as
    many chunks and the one at the same index has a similar share of its sentence; it is the gold
    source span (the words that lose their counterpart)."""
    s_chunks, t_chunks = clause_chunks(src), clause_chunks(tgt)
    if len(t_chunks) < 2 or len(s_chunks) != len(t_chunks):
        return []
    s_len, t_len = max(1, visible_length(src)), max(1, visible_length(tgt))
    per_sentence = Counter(c.sentence for c in t_chunks)
    sites = []
    for sc, tc in zip(s_chunks, t_chunks):
        words = tgt[tc.start:tc.end]
        share = (visible_length(words) / t_len) / max(1e-9, visible_length(src[sc.start:sc.end]) / s_len)
        if (per_sentence[tc.sentence] < 2 or _wc(words) < MIN_CLAUSE_WORDS
                or not CLAUSE_SHARE[0] <= share <= CLAUSE_SHARE[1] or _quoted(tgt, tc, tgt_lang)):
            continue  # a whole sentence, a short phrase, not the same clause as the source's, or quoted
        form = _clause_form(words, _delim(tgt, tc.left) in _COMMAS, tgt_lang)
        a, b = _cut_range(tgt, tc, aside=form == "subordinate")
        s0, s1 = tc.sentence  # cut inside the sentence, so that its start is capitalised again
        new_text = tgt[:s0] + _delete(tgt[s0:s1], a - s0, b - s0) + tgt[s1:]
        if _wc(new_text) < MIN_LEFT_WORDS or not _tidy(tgt, new_text):
            continue
        sites.append(_Site(a, b, "", {"removed": words, "form": form, "src_start": sc.start, "src_end": sc.end,
                                      "_text": new_text}))
    return sites


def _clause_add_sites(src: str, tgt: str, tgt_lang: str, rng: random.Random, pool_sentences: list[str],
                      plain_words: set[str], pool_names: set[str], **_: Any) -> list[_Site]:
    """', ' + a clause of another document's sentence, before a comma or the final punctuation
    (outside quotes); the gold target span is the inserted clause."""
    if not pool_sentences or _wc(tgt) < MIN_LEFT_WORDS or _unpaired_quote(tgt, tgt_lang):
        return []
    quotes = find_quotes(tgt, tgt_lang)
    points = {m.start() for m in _CHUNK_DELIM.finditer(tgt) if m.group() in _COMMAS}
    for s0, s1 in sentence_spans(tgt):
        final = _FINAL.search(tgt, s0, s1)
        points |= {final.start()} if final else set()
    sep = _CJK_COMMA.get(tgt_lang, ", ")
    sites = []
    for p in sorted({len(tgt[:p].rstrip()) for p in points}):
        if p == 0 or any(a < p < b for a, b in quotes):
            continue
        clause = _pool_clause(tgt, tgt_lang, rng, pool_sentences, plain_words, pool_names)
        if clause is None:
            continue
        a = p + len(sep)
        sites.append(_Site(p, p, sep + clause, {"inserted": clause, "form": _clause_form(clause, True, tgt_lang),
                                                "tgt_start": a, "tgt_end": a + len(clause)}))
    return sites


def _pool_clause(seg: str, lang: str, rng: random.Random, sentences: list[str], plain: set[str],
                 names: set[str]) -> str | None:
    """A chunk (not a whole sentence) of another document's sentence, naming no name or number of ``seg``."""
    seg_caps = [w for w in _words(seg) if w[:1].isupper()]
    seg_nums = {re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(seg)}
    for _ in range(POOL_DRAWS):
        s = rng.choice(sentences)
        chunks = clause_chunks(s)
        per_sentence = Counter(c.sentence for c in chunks)
        ok = [c for c in chunks if per_sentence[c.sentence] > 1 and _wc(s[c.start:c.end]) >= MIN_CLAUSE_WORDS
              and not _quoted(s, c, lang)]
        if not ok:
            continue
        c = rng.choice(ok)
        clause = _uncapitalise(s[c.start:c.end], lang, plain, names, _delim(s, c.left) not in (*_COMMAS, ";"))
        caps = [w for w in _words(clause) if w[:1].isupper()]
        nums = {re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(clause)}
        if not (nums & seg_nums or any(names_match(w, x) for w in caps for x in seg_caps)):
            return clause
    return None


def _uncapitalise(clause: str, lang: str, plain: set[str], names: set[str], initial: bool) -> str:
    """A chunk moved into mid-sentence: 'The army said' → 'the army said'. A function word or a word
    seen lower-case elsewhere is lower-cased; at a sentence start (or after a dash or colon) so is
    any other word that is not a known name, except in German, where nouns keep their capital."""
    first = _words(clause)[:1]
    if not first or not first[0][:1].isupper() or (len(first[0]) > 1 and not first[0][1:].islower()):
        return clause
    low = first[0].lower()
    common = low in {w.lower() for w in load_lexicon(lang).words("STOPWORDS")} or low in plain
    if common or (initial and lang != "de" and fold(first[0]) not in names):
        i = clause.index(first[0])
        return clause[:i] + low[0] + clause[i + 1:]
    return clause


_SITES = {
    "number_value": _number_sites, "number_scale": _scale_sites, "hedge_dropped": _hedge_sites,
    "attribution_dropped": _attribution_sites, "quote_unquoted": _unquote_sites,
    "quote_reworded": _reword_sites, "negation_added": _negation_added_sites,
    "negation_dropped": _negation_dropped_sites, "entity_swapped": _entity_sites,
    "clause_dropped": _clause_cut_sites, "clause_added": _clause_add_sites,
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
    "clause_dropped": f"no clause of {MIN_CLAUSE_WORDS}+ words (between , ; : dashes or brackets, outside quotes) "
                      "at the same place in a sentence on both sides",
    "clause_added": f"no clause boundary outside quotes, or no clause of {MIN_CLAUSE_WORDS}+ words from another "
                    "document that names nothing the sentence names",
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
    extra: dict[str, Any] = {}
    if kind == "clause_added":
        extra = {"pool_sentences": sorted(set(pool.sentences)), "plain_words": {w.lower() for w in pool.words},
                 "pool_names": {fold(n) for n in pool.names}}
    out = {}
    for i in range(n):
        words = pool.words or [w for j, t in enumerate(tgt) if j != i for w in re.findall(r"[^\W\d_]{4,}", t)
                               if w[0].islower()] or own_words
        sites = fn(src=src[i], tgt=tgt[i], src_lang=src_lang, tgt_lang=tgt_lang, rng=rng,
                   words=words, names=names, **extra)
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


__all__ = ["EXPECTED", "KINDS", "Label", "Perturbed", "Pool", "Skip", "candidates", "clause_chunks", "find_quotes",
           "name_candidates", "names_match", "perturb", "perturb_copies", "sentence_spans"]
