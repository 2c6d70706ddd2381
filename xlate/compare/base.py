"""What every check sees (a ``Context`` of both sides and the alignment) and returns (findings).

A check works on beads: an aligned group of source and target sentences. Before a check reports
something missing from a bead, it may look at the neighbouring beads: translators move material
across sentence boundaries, and a thing that moved is not a thing that was dropped.

Checks are written once for both directions: ``ctx.side(side)`` gives one side's language, text,
sentences, lexicon and MT, ``other(side)`` names the opposite side, and :func:`one_sided` builds
the finding for something only ``side`` has ("dropped" from the source, "added" in the target).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from xlate.lexicons import WORD_RE, Lexicon, Match
from xlate.report.model import Change, Finding, FindingType, Link, Sentence, Severity, Span
from xlate.text.numbers import Mention, extract
from xlate.text.quotes import find_quotes
from xlate.text.script import word_count

NEIGHBOUR_RADIUS = 1  # beads on each side searched for material that moved

Side = Literal["src", "tgt"]
SIDES: tuple[Side, Side] = ("src", "tgt")
CHANGE: dict[Side, Change] = {"src": "dropped", "tgt": "added"}  # what only this side has
GAP: dict[Side, FindingType] = {"src": "omission", "tgt": "addition"}  # a sentence only it has
_OTHER: dict[Side, Side] = {"src": "tgt", "tgt": "src"}
_LABEL: dict[Side, str] = {"src": "source", "tgt": "target"}


def other(side: Side) -> Side:
    return _OTHER[side]


@dataclass
class Bead:
    """One alignment bead as the checks see it: its sentences on each side and the aligner's score."""

    index: int
    src: list[Sentence]
    tgt: list[Sentence]
    score: float

    @property
    def src_ids(self) -> list[int]:
        return [s.id for s in self.src]

    @property
    def tgt_ids(self) -> list[int]:
        return [s.id for s in self.tgt]

    def sents(self, side: Side) -> list[Sentence]:
        return self.src if side == "src" else self.tgt

    def ids(self, side: Side) -> list[int]:
        return [s.id for s in self.sents(side)]

    def confidence(self, base: float) -> float:
        """A finding is only as trustworthy as the alignment it stands on."""
        return max(0.05, min(1.0, base * (0.55 + 0.45 * self.score)))


@dataclass(frozen=True)
class SideView:
    """One side of a ``Context``, so that a check is written once for both directions."""

    name: Side
    lang: str
    text: str
    sents: list[Sentence]
    lex: Lexicon
    mt: list[str] | None  # each sentence in the other side's language, when MT ran
    furniture: frozenset[int]  # ids of page-furniture sentences

    @property
    def label(self) -> str:
        """'source' or 'target', for explanations."""
        return _LABEL[self.name]

    def span(self, start: int, end: int) -> Span:
        """The piece ``start:end`` of this side's text."""
        return span_of(self.text, start, end)


@dataclass
class Context:
    """Everything a check may look at: both texts, their sentences, lexicons and MT, and the beads."""

    src_lang: str
    tgt_lang: str
    src_text: str
    tgt_text: str
    src_sents: list[Sentence]
    tgt_sents: list[Sentence]
    alignment: list[Link]
    src_lex: Lexicon
    tgt_lex: Lexicon
    furniture: set[tuple[str, int]] = field(default_factory=set)  # ("src"|"tgt", sentence id)
    src_mt: list[str] | None = None  # each source sentence in the target language, when MT ran
    tgt_mt: list[str] | None = None  # each target sentence in the source language
    translate: Callable[[list[str]], list[str]] | None = None  # more source-language text → target
    _beads: list[Bead] | None = field(default=None, init=False, repr=False)
    _matches: dict[tuple[str, int], list[Match]] = field(default_factory=dict, init=False, repr=False)
    _numbers: dict[tuple[str, int], list[Mention]] = field(default_factory=dict, init=False, repr=False)
    _views: dict[Side, SideView] = field(default_factory=dict, init=False, repr=False)

    @property
    def beads(self) -> list[Bead]:
        if self._beads is None:
            self._beads = [
                Bead(k, [self.src_sents[i] for i in link.src], [self.tgt_sents[j] for j in link.tgt],
                     link.score)
                for k, link in enumerate(self.alignment)
            ]
        return self._beads

    def side(self, side: Side) -> SideView:
        """Everything a check needs of one side."""
        if not self._views:
            def furniture(name: Side) -> frozenset[int]:
                return frozenset(i for sd, i in self.furniture if sd == name)

            self._views = {
                "src": SideView(name="src", lang=self.src_lang, text=self.src_text, sents=self.src_sents,
                                lex=self.src_lex, mt=self.src_mt, furniture=furniture("src")),
                "tgt": SideView(name="tgt", lang=self.tgt_lang, text=self.tgt_text, sents=self.tgt_sents,
                                lex=self.tgt_lex, mt=self.tgt_mt, furniture=furniture("tgt")),
            }
        return self._views[side]

    def other(self, side: Side) -> SideView:
        """The side opposite ``side``."""
        return self.side(other(side))

    def concept_matches(self, side: Side, sent: Sentence) -> list[Match]:
        """Lexicon matches in one sentence, offsets absolute; computed once per sentence."""
        key = (side, sent.id)
        if key not in self._matches:
            found = self.side(side).lex.find(sent.text)
            self._matches[key] = [
                Match(m.concept, m.start + sent.start, m.end + sent.start, m.text) for m in found
            ]
        return self._matches[key]

    def number_mentions(self, side: Side, sent: Sentence) -> list[Mention]:
        """Number, month and time mentions of one sentence, read in context; computed once per
        sentence (the number check, the evidence and the MT review all ask)."""
        key = (side, sent.id)
        if key not in self._numbers:
            view = self.side(side)
            self._numbers[key] = extract(sent, view.lang, view.lex)
        return self._numbers[key]

    def near_beads(self, bead: Bead, radius: int = NEIGHBOUR_RADIUS) -> list[Bead]:
        """The beads around ``bead`` (not it), in document order."""
        lo, hi = max(0, bead.index - radius), min(len(self.beads), bead.index + radius + 1)
        return [self.beads[k] for k in range(lo, hi) if k != bead.index]

    def neighbours(self, bead: Bead, side: Side, radius: int = NEIGHBOUR_RADIUS) -> Iterator[Sentence]:
        """Sentences of ``side`` in the beads around ``bead`` (not in it)."""
        for near in self.near_beads(bead, radius):
            yield from near.sents(side)


class Checker(Protocol):
    """A check: one phenomenon (numbers, quotes…) compared bead by bead; registered in ``CHECKS``."""

    name: str

    def check(self, ctx: Context) -> list[Finding]: ...


T = TypeVar("T")
Leftovers = dict[int, tuple[list[T], list[T]]]  # bead index -> (source only, target only)


def without_moved(ctx: Context, left: Leftovers[T], same: Callable[[T, T], bool]) -> Leftovers[T]:
    """Each bead's leftovers minus those that moved: a leftover that answers one left on the other
    side of a neighbouring bead crossed a sentence boundary, it was not dropped or added. Each
    neighbour's leftover answers one leftover at most; ``same(leftover, neighbour's)``."""
    out: Leftovers[T] = {}
    for k, (left_s, left_t) in left.items():
        near = [left[b.index] for b in ctx.near_beads(ctx.beads[k]) if b.index in left]
        pool_t = [x for _, t in near for x in t]
        pool_s = [x for s, _ in near for x in s]
        out[k] = ([x for x in left_s if not _take(pool_t, x, same)],
                  [x for x in left_t if not _take(pool_s, x, same)])
    return out


def _take(pool: list[T], x: T, same: Callable[[T, T], bool]) -> bool:
    """Remove the first item of ``pool`` that answers ``x``; was there one?"""
    for i, y in enumerate(pool):
        if same(x, y):
            del pool[i]
            return True
    return False


def one_sided(side: Side, *, type: FindingType, severity: Severity, bead: Bead, span: Span,
              explanation: str, confidence: float, ids: list[int] | None = None) -> Finding:
    """A finding about something only ``side`` has: dropped from the source or added in the target.

    Both sides' sentence ids are the bead's, unless ``ids`` narrows ``side``'s to the sentences in
    question; the span is on ``side`` only.
    """
    mine = bead.ids(side) if ids is None else ids
    theirs = bead.ids(other(side))
    return Finding(
        type=type, change=CHANGE[side], severity=severity,
        src=mine if side == "src" else theirs, tgt=theirs if side == "src" else mine,
        src_span=span if side == "src" else None, tgt_span=span if side == "tgt" else None,
        explanation=explanation, confidence=confidence,
    )


def bead_finding(bead: Bead, *, type: FindingType, severity: Severity, explanation: str, confidence: float,
                 change: Change = "altered", src_span: Span | None = None,
                 tgt_span: Span | None = None) -> Finding:
    """A finding about a whole bead: both sides' sentence ids, with spans where the check has them."""
    return Finding(type=type, change=change, severity=severity, src=bead.src_ids, tgt=bead.tgt_ids,
                   src_span=src_span, tgt_span=tgt_span, explanation=explanation, confidence=confidence)


def span_of(text: str, start: int, end: int) -> Span:
    return Span(text[start:end], start, end)


def sentence_span(s: Sentence) -> Span:
    return Span(s.text, s.start, s.end)


HEAVY_CONCEPTS = frozenset({"ACCORDING_TO", "CITING", "NEGATION", "ALLEGED", "REPORTEDLY", "HEARSAY"})
SHORT_WORDS = 6  # shorter one-sided sentences are usually headlines, datelines or captions


def sentence_severity(ctx: Context, side: Side, s: Sentence) -> Severity:
    """How much a missing sentence matters: numbers, quotes, attribution or hedges make it high."""
    n_words = word_count(s.text, len(WORD_RE.findall(s.text)))  # unspaced CJK counted by characters
    heavy = (any(ch.isdigit() for ch in s.text) or bool(find_quotes(s.text, ctx.side(side).lang))
             or any(m.concept in HEAVY_CONCEPTS for m in ctx.concept_matches(side, s)))
    if n_words < SHORT_WORDS:
        return Severity.LOW
    return Severity.HIGH if heavy else Severity.MEDIUM
