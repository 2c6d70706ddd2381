"""What every check sees (a ``Context`` of both sides and the alignment) and returns (findings).

A check works on beads: an aligned group of source and target sentences. Before a check reports
something missing from a bead, it may look at the neighbouring beads: translators move material
across sentence boundaries, and a thing that moved is not a thing that was dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from xlate.lexicons import Lexicon, Match
from xlate.report.model import Finding, Link, Sentence, Span

NEIGHBOUR_RADIUS = 1  # beads on each side searched for material that moved


@dataclass
class Bead:
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


@dataclass
class Context:
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
    _beads: list[Bead] | None = None
    _matches: dict[tuple[str, int], list[Match]] = field(default_factory=dict)

    @property
    def beads(self) -> list[Bead]:
        if self._beads is None:
            self._beads = [
                Bead(k, [self.src_sents[i] for i in link.src], [self.tgt_sents[j] for j in link.tgt],
                     link.score)
                for k, link in enumerate(self.alignment)
            ]
        return self._beads

    def lexicon(self, side: str) -> Lexicon:
        return self.src_lex if side == "src" else self.tgt_lex

    def lang(self, side: str) -> str:
        return self.src_lang if side == "src" else self.tgt_lang

    def concept_matches(self, side: str, sent: Sentence) -> list[Match]:
        """Lexicon matches in one sentence, offsets absolute; computed once per sentence."""
        key = (side, sent.id)
        if key not in self._matches:
            found = self.lexicon(side).find(sent.text)
            self._matches[key] = [
                Match(m.concept, m.start + sent.start, m.end + sent.start, m.text) for m in found
            ]
        return self._matches[key]

    def neighbours(self, bead: Bead, side: str, radius: int = NEIGHBOUR_RADIUS) -> Iterator[Sentence]:
        """Sentences of ``side`` in the beads around ``bead`` (not in it)."""
        lo, hi = max(0, bead.index - radius), min(len(self.beads), bead.index + radius + 1)
        for k in range(lo, hi):
            if k != bead.index:
                yield from (self.beads[k].src if side == "src" else self.beads[k].tgt)


class Checker(Protocol):
    name: str

    def check(self, ctx: Context) -> list[Finding]: ...


def span_of(text: str, start: int, end: int) -> Span:
    return Span(text[start:end], start, end)


def sentence_span(s: Sentence) -> Span:
    return Span(s.text, s.start, s.end)


def bead_confidence(base: float, bead: Bead) -> float:
    """A finding is only as trustworthy as the alignment it stands on."""
    return max(0.05, min(1.0, base * (0.55 + 0.45 * bead.score)))
