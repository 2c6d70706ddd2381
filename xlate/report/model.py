"""Typed records of a report. Offsets always index the original input text."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, get_args

FindingType = Literal[
    "number", "quote", "hedge", "attribution", "negation", "entity", "omission", "addition"
]
Change = Literal["dropped", "added", "altered", "moved"]

FINDING_TYPES: tuple[str, ...] = get_args(FindingType)
SCHEMA_VERSION = 2  # 2: change "moved" (a sentence that changed place); version 1 reports still load
READABLE_SCHEMAS = (1, 2)
LOW_CONFIDENCE = 0.3  # an aligned bead scored below this is worth checking by eye


class Severity(str, Enum):
    """How much a finding matters. Ordered (low < medium < high), and weighted in the consistency
    score; a ``str`` so that JSON, comparisons with ``"high"`` and dict keys keep working."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    @property
    def weight(self) -> float:
        """What one finding of this severity takes off a bead in the consistency score."""
        return _WEIGHT[self.value]

    def lowered(self) -> Severity:
        """One step down (low stays low): a second opinion that weakens a finding."""
        return SEVERITIES[max(0, self.rank - 1)]

    def _rank_of(self, other: object) -> int | None:
        try:
            return Severity(other).rank
        except ValueError:
            return None

    def __lt__(self, other: object) -> bool:
        r = self._rank_of(other)
        return NotImplemented if r is None else self.rank < r

    def __le__(self, other: object) -> bool:
        r = self._rank_of(other)
        return NotImplemented if r is None else self.rank <= r

    def __gt__(self, other: object) -> bool:
        r = self._rank_of(other)
        return NotImplemented if r is None else self.rank > r

    def __ge__(self, other: object) -> bool:
        r = self._rank_of(other)
        return NotImplemented if r is None else self.rank >= r

    __hash__ = str.__hash__


_RANK = {s.value: i for i, s in enumerate(Severity)}  # definition order is the order
_WEIGHT = {"low": 0.2, "medium": 0.5, "high": 1.0}
SEVERITIES: tuple[Severity, ...] = tuple(Severity)  # lowest first


@dataclass(frozen=True)
class Span:
    """A piece of one input text: ``text == input[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Sentence:
    id: int
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Link:
    """One alignment bead: ``src``/``tgt`` are sentence ids (either may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    chrf: float | None = None  # chrF of the source's MT against the target, when MT ran

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"src": list(self.src), "tgt": list(self.tgt), "score": round(self.score, 4)}
        if self.chrf is not None:
            d["chrf"] = round(self.chrf, 1)
        return d


@dataclass(kw_only=True)
class Finding:
    """One disagreement: both spans (either may be None for a one-sided finding), the sentence ids
    they lie in, a one-line explanation and a confidence in [0, 1]."""

    type: FindingType
    change: Change
    severity: Severity
    src: list[int]
    tgt: list[int]
    src_span: Span | None
    tgt_span: Span | None
    explanation: str
    confidence: float
    id: str = ""
    # What the confidence was computed from (type-specific: concept, alignment score, MT agreement,
    # whether the item stands elsewhere in the story…); see xlate.compare.calibration.
    evidence: dict[str, Any] = field(default_factory=dict)
    # A reviewer's stored decision on this finding ({"status", "note", "by", "at"}), set by
    # xlate.review.apply_reviews; None where nobody has decided, and then left out of the JSON.
    review: dict[str, Any] | None = None

    def span(self, side: str) -> Span | None:
        """The span on ``side`` ("src" or "tgt"), None where that side has nothing."""
        return self.src_span if side == "src" else self.tgt_span

    def ids(self, side: str) -> list[int]:
        """The sentence ids on ``side`` ("src" or "tgt")."""
        return self.src if side == "src" else self.tgt

    def __setattr__(self, name: str, value: Any) -> None:
        # A severity set as a plain string ("low") is still a Severity: it is ordered by rank.
        super().__setattr__(name, Severity(value) if name == "severity" else value)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "change": self.change,
            "severity": self.severity.value,
            "src": list(self.src),
            "tgt": list(self.tgt),
            "src_span": self.src_span.to_dict() if self.src_span else None,
            "tgt_span": self.tgt_span.to_dict() if self.tgt_span else None,
            "explanation": self.explanation,
            "confidence": round(self.confidence, 3),
            **({"evidence": self.evidence} if self.evidence else {}),
            **({"review": dict(self.review)} if self.review else {}),
        }


@dataclass
class Side:
    lang: str
    text: str
    sentences: list[Sentence]
    furniture: set[int] = field(default_factory=set)  # ids of page-furniture sentences

    def to_dict(self) -> dict[str, Any]:
        sents = []
        for s in self.sentences:
            d = s.to_dict()
            if s.id in self.furniture:
                d["furniture"] = True
            sents.append(d)
        return {"lang": self.lang, "sentences": sents}


@dataclass
class Report:
    """What ``xlate.check`` returns; ``to_dict`` is the JSON schema (version 2)."""

    xlate_version: str
    config: dict[str, Any]
    source: Side
    target: Side
    alignment: list[Link]
    findings: list[Finding]
    summary: dict[str, Any] = field(default_factory=dict)
    translations: dict[str, list[str]] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "xlate_version": self.xlate_version,
            "config": self.config,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "alignment": [link.to_dict() for link in self.alignment],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }
        if self.translations:
            out["translations"] = self.translations
        return out
