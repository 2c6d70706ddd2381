"""Typed records of a report. Offsets always index the original input text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

FindingType = Literal[
    "number", "quote", "hedge", "attribution", "negation", "entity", "omission", "addition"
]
Change = Literal["dropped", "added", "altered"]
Severity = Literal["low", "medium", "high"]

FINDING_TYPES: tuple[str, ...] = (
    "number", "quote", "hedge", "attribution", "negation", "entity", "omission", "addition",
)
SEVERITIES: tuple[str, ...] = ("low", "medium", "high")
SCHEMA_VERSION = 1


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


@dataclass
class Finding:
    type: str
    change: str
    severity: str
    src: list[int]
    tgt: list[int]
    src_span: Span | None
    tgt_span: Span | None
    explanation: str
    confidence: float
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "change": self.change,
            "severity": self.severity,
            "src": list(self.src),
            "tgt": list(self.tgt),
            "src_span": self.src_span.to_dict() if self.src_span else None,
            "tgt_span": self.tgt_span.to_dict() if self.tgt_span else None,
            "explanation": self.explanation,
            "confidence": round(self.confidence, 3),
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
    """What ``xlate.check`` returns; ``to_dict`` is the JSON schema (version 1)."""

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
