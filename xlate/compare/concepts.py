"""Hedges, attribution and negation: the lexicon concepts each side has, compared per bead.

Comparison is by concept, then by group: "údajných" (ALLEGED) answers "alleged" (ALLEGED); a
REPORTEDLY on one side answers an ALLEGED on the other (both hedges) without a finding, since a
translator may pick either. What is left over on one side is dropped or added.

Negation is said without a negation word as often as with one: "nelíbila se" is "hated",
"nedodávají" is "fail to provide", "nespisovná" is "non-standard". A negation left over on one side
that the other side's NEG_LEXICAL words (fail, lack, without, un-/dis- words) can answer is kept,
but low: a paraphrase, not a flipped claim. NON_NEGATING phrases ("not only", "nicht nur") hold a
negation word that negates nothing. Hearsay and attribution say the same thing two ways ("prý" is
"he said", "za danymi ZMI" is "according to media reports"): a hedge left over on one side that a
leftover attribution on the other can answer is low, and the reverse; so is an "according to"
that the other side says with words naming no source ("podle nového jízdního řádu"). A negation
left over in a question is low: "Nevíte, jestli…?" is "Do you know if…?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlate.compare.base import SIDES, Bead, Context, Side, one_sided, other, without_moved
from xlate.lexicons import WORD_RE, Match
from xlate.lexicons.conventions import capitalises_nouns
from xlate.report.model import Finding, FindingType, Sentence, Severity
from xlate.text.names import gazetteer_groups, is_acronym, word_keys, word_present
from xlate.text.negation import NEGATIVE_WORDS, negations

HIGH, MEDIUM, LOW = Severity.HIGH, Severity.MEDIUM, Severity.LOW


@dataclass(frozen=True)
class ConceptGroup:
    type: FindingType
    concepts: dict[str, tuple[Severity, Severity]]  # concept -> (severity if dropped, severity if added)
    label: dict[str, str]  # concept -> human name for explanations
    paraphrase: frozenset[str] = frozenset()  # lexicon concepts whose words may say a leftover another way
    paraphrase_note: str = ""  # how they say it, for explanations
    paraphrase_notes: dict[str, str] = field(default_factory=dict)  # by concept, where it differs

    def severity(self, concept: str, side: Side) -> Severity:
        """How much it matters that only ``side`` has ``concept``."""
        dropped, added = self.concepts[concept]
        return dropped if side == "src" else added


HEDGES = ConceptGroup(
    "hedge",
    {"ALLEGED": (HIGH, MEDIUM), "REPORTEDLY": (HIGH, MEDIUM),
     "SUSPECTED": (HIGH, MEDIUM), "SO_CALLED": (MEDIUM, MEDIUM),
     "APPARENTLY": (MEDIUM, MEDIUM), "HEARSAY": (HIGH, MEDIUM),
     # "může", "könnte", "possible": modal verbs a translator renders as can/could as often as may.
     "UNCERTAIN": (LOW, LOW)},
    {"ALLEGED": "the qualifier ALLEGED", "REPORTEDLY": "the qualifier REPORTEDLY",
     "SUSPECTED": "the qualifier SUSPECTED", "SO_CALLED": "the distancing SO-CALLED",
     "APPARENTLY": "the qualifier APPARENTLY", "HEARSAY": "hearsay marking (reported, unverified)",
     "UNCERTAIN": "uncertainty (may/possibly)"},
    paraphrase=frozenset({"ACCORDING_TO", "CITING", "SAY"}), paraphrase_note="as an attribution",
)
ATTRIBUTION = ConceptGroup(
    "attribution",
    {"ACCORDING_TO": (HIGH, MEDIUM), "CITING": (HIGH, MEDIUM), "SAY": (LOW, LOW)},
    {"ACCORDING_TO": "attribution ACCORDING TO", "CITING": "attribution CITING",
     "SAY": "a reporting verb (said/told)"},
    paraphrase=frozenset({"REPORTEDLY", "HEARSAY", "ALLEGED", "NON_ATTRIBUTING"}), paraphrase_note="as a hedge",
    # "according to the new timetable" for "podle nového jízdního řádu": the same words, no source.
    paraphrase_notes={"NON_ATTRIBUTING": "with words that name no source"},
)
NEGATION = ConceptGroup(
    "negation", {"NEGATION": (HIGH, HIGH)}, {"NEGATION": "negation"},
    paraphrase=frozenset({NEGATIVE_WORDS}), paraphrase_note="without a negation word",
)

class ConceptChecker:
    """One checker per group; negation counts negated clauses, not words (negative concord)."""

    def __init__(self, group: ConceptGroup):
        self.group = group
        self.name = group.type

    def _matches(self, ctx: Context, side: Side, bead: Bead) -> list[Match]:
        if self.group.type == "negation":
            lang = ctx.side(side).lang
            return [m for s in bead.sents(side) for m in negations(ctx.concept_matches(side, s), s, lang)]
        return [m for s in bead.sents(side) for m in ctx.concept_matches(side, s) if m.concept in self.group.concepts]

    def check(self, ctx: Context) -> list[Finding]:
        surplus = {bead.index: _cancel(self._matches(ctx, "src", bead), self._matches(ctx, "tgt", bead))
                   for bead in ctx.beads if bead.src and bead.tgt}
        # A concept that moved into a neighbouring bead shows up there as surplus on the other
        # side: it was moved, not dropped.
        findings: list[Finding] = []
        for k, left in without_moved(ctx, surplus, _same_concept).items():
            bead = ctx.beads[k]
            answers = self._paraphrases(ctx, bead)
            for side, rest in zip(SIDES, left):
                pool = list(answers[other(side)])
                findings.extend(self._finding(ctx, bead, m, side, pool.pop(0) if pool else None) for m in rest)
        return findings

    def _paraphrases(self, ctx: Context, bead: Bead) -> dict[Side, list[Match]]:
        """Each side's words of the group's paraphrase concepts (NEG_LEXICAL; the other family of
        hedges and attribution) that the other side's do not pair off: what may say a leftover of
        the other side another way."""
        want = self.group.paraphrase
        words = [[m for s in bead.sents(side) for m in ctx.concept_matches(side, s) if m.concept in want]
                 for side in SIDES]
        return dict(zip(SIDES, _cancel(*words)))

    def _finding(self, ctx: Context, bead: Bead, m: Match, side: Side, paraphrase: Match | None = None) -> Finding:
        severity = self.group.severity(m.concept, side)
        # Without a lexicon for the other language its hedges and negations are invisible: that
        # "not" may well be there, so the finding is a guess.
        readable = bool(ctx.other(side).lex.concepts())
        view = ctx.side(side)
        text = view.text
        start, end = m.start, m.end
        # A span grows only inside the sentence it stands in: the finding cites that sentence.
        bounds = _sentence_bounds(bead.sents(side), start, len(text))
        if m.concept in ("ACCORDING_TO", "CITING"):
            end = _extend_to_source(text, end, bounds[1])
        label = self.group.label[m.concept]
        named = False
        if m.concept == "SAY":
            # "uviedla TASS" → nothing: a reporting verb that takes its named source with it is
            # a dropped attribution, not a paraphrase.
            stop = {w.lower() for w in view.lex.words("STOPWORDS")}
            source = _named_source(text, start, end, bounds, bead.sents(other(side)), stop,
                                   capitalises_nouns(view.lang))
            if source:
                start, end = min(start, source[0]), max(end, source[1])
                severity = MEDIUM
                label = f"attribution to {text[source[0]:source[1]]}"
                named = True
        span = view.span(start, end)
        why = f"{label} “{span.text}” in the {view.label} has no counterpart in the {ctx.other(side).label}"
        question = self.group.type == "negation" and _in_question(text, m.end, bounds[1])
        if not readable:
            severity = Severity.LOW
            why += f" (xlate has no {ctx.other(side).lang} lexicon to look for it)"
        elif question:
            # "Nevíte, jestli…?" is "Do you know if…?": a question's polarity is often politeness.
            severity = Severity.LOW
            why += ", in a question, where a negation is often only politeness (“Don't you know…?”)"
        elif paraphrase is not None:
            severity = Severity.LOW
            note = self.group.paraphrase_notes.get(paraphrase.concept, self.group.paraphrase_note)
            why += f", though the {ctx.other(side).label}'s “{paraphrase.text}” may say it {note}"
        found = one_sided(side, type=self.group.type, severity=severity, bead=bead, span=span, explanation=why,
                          confidence=bead.confidence(0.75 if readable else 0.3))
        found.evidence["concept"] = m.concept
        if paraphrase is not None:
            found.evidence["paraphrase"] = True
        if question:
            found.evidence["question"] = True
        if named:
            found.evidence["named_source"] = True
        return found


_SENTENCE_END = re.compile(r"[.!?…。！？]")


def _in_question(text: str, pos: int, end: int) -> bool:
    """Does the sentence going on at ``pos`` end in a question mark (before ``end``)? A line
    may hold several sentences: "Isn't it dope? That's what you want." """
    stop = _SENTENCE_END.search(text, pos, end)
    return stop is not None and stop.group() in "?？"


def _cancel(src: list[Match], tgt: list[Match]) -> tuple[list[Match], list[Match]]:
    """Remove pairs with the same concept, then any pairs of the group."""
    left_s, left_t = list(src), list(tgt)
    for m in list(left_s):
        hit = next((t for t in left_t if t.concept == m.concept), None)
        if hit is not None:
            left_s.remove(m)
            left_t.remove(hit)
    n = min(len(left_s), len(left_t))
    return left_s[n:], left_t[n:]


def _same_concept(a: Match, b: Match) -> bool:
    return a.concept == b.concept


def _sentence_bounds(sents: list[Sentence], pos: int, n: int) -> tuple[int, int]:
    """Start and end of the sentence holding offset ``pos`` (the whole text if none does)."""
    return next(((s.start, s.end) for s in sents if s.start <= pos < s.end), (0, n))


def _named_source(text: str, start: int, end: int, bounds: tuple[int, int], other_sents: list[Sentence],
                  stop: set[str], noun_caps: bool) -> tuple[int, int] | None:
    """Offsets of the name a reporting verb takes in its clause (three words before it, five after,
    inside ``bounds``, its sentence), when the other side's sentences mention none of the clause's names.

    Sentence-initial words ("Zároveň upozorňuje") and, where every noun is capitalised, single
    capitalised words ("die Lösung mitteilte") are names only when they are acronyms or gazetteer
    names: "TASS uviedla", "erklärte Landrat Sebastian Schuster".
    """
    lo = max(bounds[0], start - 40)
    cut = max(text.rfind(p, lo, start) for p in _CLAUSE_MARKS)  # stay inside the clause
    before = list(WORD_RE.finditer(text, max(lo, cut + 1), start))[-3:]
    hi = min(bounds[1], end + 60)
    stops = [i for i in (text.find(p, end, hi) for p in _CLAUSE_MARKS) if i >= 0]
    after = list(WORD_RE.finditer(text, end, min(stops, default=hi)))[:5]
    words = [*before, *after]
    caps = [m for m in words if m.group()[:1].isupper() and len(m.group()) >= 2 and m.group().lower() not in stop]
    other_keys = word_keys([w for s in other_sents for w in WORD_RE.findall(s.text)])
    if any(word_present(m.group(), other_keys) for m in caps):
        return None  # the other side names the source (maybe in other words around it)
    run = {m.start() for a, b in zip(caps, caps[1:]) if _adjacent(text, a, b) for m in (a, b)}
    for m in after + before[::-1]:
        if m not in caps:
            continue
        w = m.group()
        strong = is_acronym(w) or bool(gazetteer_groups(w))
        if strong or (m.start() in run if noun_caps else not starts_sentence(text, m.start())):
            return m.start(), m.end()
    return None


def _adjacent(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return not text[a.end():b.start()].strip()


# Every str.splitlines() boundary ends a clause too: a line break may stand where a full stop is missing.
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_STARTERS = ".!?…:;\"„“”«»‚‘’(—–-"  # after one of these (and spaces) a word starts a sentence or clause


def starts_sentence(text: str, pos: int) -> bool:
    """Does the word at ``pos`` start the text, a line, or follow sentence punctuation (spaces
    between)? Read backwards from the word, so a long text is not rescanned for every word."""
    k = pos
    while k > 0 and text[k - 1].isspace():
        if text[k - 1] in _LINE_BREAKS:
            return True
        k -= 1
    return k == 0 or text[k - 1] in _STARTERS
_CLAUSE_MARKS = (",", ";", ":", ".", "“", "”", "\"", "«", "»", "„", "—", "–", *_LINE_BREAKS)
_SOURCE_STOP = re.compile("[" + re.escape(",.;:!?“”\"«»„" + _LINE_BREAKS) + "]")


def _extend_to_source(text: str, end: int, hi: int) -> int:
    """'according to' → 'according to the TASS agency': up to 5 words, stopping at punctuation, a
    line break or ``hi`` (the sentence's end)."""
    hi = min(hi, end + 80)
    stop = _SOURCE_STOP.search(text, end, hi)
    limit = stop.start() if stop else hi
    words = list(WORD_RE.finditer(text, end, limit))[:5]
    return words[-1].end() if words else end


HEDGE_CHECKER = ConceptChecker(HEDGES)
ATTRIBUTION_CHECKER = ConceptChecker(ATTRIBUTION)
NEGATION_CHECKER = ConceptChecker(NEGATION)
