"""Sentence alignments against gold beads, scored exactly the way vecalign's ``score.py`` scores them.

Why vecalign's rules: published aligner results (Vecalign, Bertalign, SentAlign on Text+Berg) are
reported with them, so a number from here can be set beside a number from a paper.

- **Strict**: a predicted bead counts only if it equals a gold bead.
- **Lax**: a predicted bead that is not strict still counts if one of its source sentences is
  linked, by some gold bead, to one of its target sentences.
- **Precision** judges every predicted bead (1-0 and 0-1 included) against the gold beads.
- **Recall** judges the gold beads with both sides non-empty against the predicted beads with both
  sides non-empty, so insertions and deletions never count towards recall.
- Beads are compared as sets (a repeated bead counts once) and ``[]:[]`` beads are dropped.
- Counts are pooled over documents before dividing; a ratio with nothing to divide by is 0.0.

Per bead type (``1-1``, ``1-2``…) the scores are strict only and, unlike recall above, include
one-sided beads: how many gold beads of the type were reproduced exactly, and how many predicted
beads of the type are exactly a gold bead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlate import __version__
from xlate.errors import ConfigError, InputError

Bead = tuple[tuple[int, ...], tuple[int, ...]]
NAMED_TYPES: tuple[str, ...] = ("1-1", "1-2", "2-1", "1-0", "0-1")  # the rest is "other"
_BEAD = re.compile(r"\[([\d\s,]*)\]\s*:\s*\[([\d\s,]*)\](?:\s*:\s*(\S+))?")
_TYPE = re.compile(r"\d+-\d+")

__all__ = ["AlignMetric", "AlignScore", "Bead", "PRF", "Tally", "parse_beads", "read_bead_dir"]


# --- reading -------------------------------------------------------------------------------------


def parse_beads(text: str, name: str = "beads") -> list[Bead]:
    """Beads of vecalign lines (``[0, 1]:[2]`` or ``[0]:[1]:0.83``); blank lines are skipped.

    A line that is not a bead is an ``InputError`` naming ``name`` and the line number, so a typo
    in one gold file cannot silently lower a score.
    """
    beads: list[Bead] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _BEAD.fullmatch(line.strip())
        ids = m and (_ids(m.group(1)), _ids(m.group(2)))
        if not m or ids is None or ids[0] is None or ids[1] is None or not _is_score(m.group(3)):
            raise InputError(f"{name}:{n}: not a vecalign bead (want '[0, 1]:[2]' or '[0]:[1]:0.83'): "
                             f"{line.strip()[:60]!r}")
        beads.append((ids[0], ids[1]))
    return beads


def _ids(s: str) -> tuple[int, ...] | None:
    parts = [p.strip() for p in s.split(",")]
    if parts == [""]:
        return ()
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _is_score(s: str | None) -> bool:
    if s is None:
        return True
    try:
        float(s)
    except ValueError:
        return False
    return True


def read_bead_dir(path: str | Path, what: str = "--gold") -> dict[str, list[Bead]]:
    """Every bead file in a folder (hidden files aside), keyed by file name."""
    from xlate.io import read_text

    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{what} {folder}: no such directory")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError(f"{what} {folder}: no bead files in it")
    return {p.name: parse_beads(read_text(p), str(p)) for p in files}


def pair_docs(gold: Mapping[str, Sequence[Bead]], pred: Mapping[str, Sequence[Bead]],
              gold_dir: str | Path = "gold", pred_dir: str | Path = "pred") -> list[str]:
    """Document names present on both sides; a file on one side only is an ``InputError``."""
    for name in gold:
        if name not in pred:
            raise InputError(f"{Path(pred_dir) / name}: no such file (every gold file needs a "
                             "prediction of the same name)")
    for name in pred:
        if name not in gold:
            raise InputError(f"{Path(gold_dir) / name}: no such file (a prediction has no gold file "
                             "of the same name)")
    return sorted(gold)


# --- counting ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Strict and lax hits and misses of some beads judged against reference beads."""

    strict_hit: int = 0
    strict_miss: int = 0
    lax_hit: int = 0
    lax_miss: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.strict_hit + other.strict_hit, self.strict_miss + other.strict_miss,
                     self.lax_hit + other.lax_hit, self.lax_miss + other.lax_miss)

    def to_dict(self) -> dict[str, int]:
        return {"strict_hit": self.strict_hit, "strict_miss": self.strict_miss,
                "lax_hit": self.lax_hit, "lax_miss": self.lax_miss}


def _as_set(beads: Iterable[Sequence[Sequence[int]]]) -> set[Bead]:
    return {(tuple(s), tuple(t)) for s, t in beads if len(s) or len(t)}


def judge(reference: Iterable[Sequence[Sequence[int]]], beads: Iterable[Sequence[Sequence[int]]]) -> Tally:
    """Judge ``beads`` against ``reference``: vecalign's ``_precision`` (see the module docstring)."""
    ref, hyp = _as_set(reference), _as_set(beads)
    linked: dict[int, set[int]] = defaultdict(set)  # src id -> tgt ids some reference bead links it to
    for s, t in ref:
        for i in s:
            linked[i].update(t)
    strict_hit = lax_hit = lax_miss = 0
    for s, t in hyp:
        if (s, t) in ref:
            strict_hit += 1
        elif any(j in linked[i] for i in s for j in t):
            lax_hit += 1
        else:
            lax_miss += 1
    misses = len(hyp) - strict_hit
    return Tally(strict_hit, misses, strict_hit + lax_hit, lax_miss)


def doc_tallies(gold: Sequence[Bead], pred: Sequence[Bead]) -> tuple[Tally, Tally]:
    """(precision tally, recall tally) of one document."""
    both = [b for b in gold if len(b[0]) and len(b[1])], [b for b in pred if len(b[0]) and len(b[1])]
    return judge(gold, pred), judge(both[1], both[0])


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, p_hit: int, p_miss: int, r_hit: int, r_miss: int, div0: float = 0.0) -> PRF:
        """vecalign's arithmetic, operation for operation, so the floats come out identical."""
        p = p_hit / float(p_hit + p_miss) if p_hit + p_miss else div0
        r = r_hit / float(r_hit + r_miss) if r_hit + r_miss else div0
        return cls(p, r, 2 * (p * r) / (p + r) if p + r else div0)

    def to_dict(self, digits: int | None = None) -> dict[str, float]:
        vals = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return {k: round(v, digits) for k, v in vals.items()} if digits is not None else vals


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


@dataclass(frozen=True)
class TypeScore:
    """Strict counts for one bead type: gold beads reproduced exactly, predictions exactly right."""

    gold: int = 0
    found: int = 0
    pred: int = 0
    correct: int = 0

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.gold)

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct, self.pred)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return None if p is None or r is None else (2 * (p * r) / (p + r) if p + r else 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "found": self.found, "pred": self.pred, "correct": self.correct,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class DocScore:
    """One document's vecalign scores and bead counts."""

    strict: PRF
    lax: PRF
    n_gold: int
    n_pred: int

    def flat(self) -> dict[str, float]:
        """The six numbers under vecalign's ``score_multiple`` key names."""
        return _flat(self.strict, self.lax)


@dataclass
class AlignScore:
    """Pooled, per-document and per-type scores of one prediction set, with the settings' signature."""

    signature: str
    strict: PRF
    lax: PRF
    precision_counts: Tally
    recall_counts: Tally
    docs: dict[str, DocScore] = field(default_factory=dict)
    by_type: dict[str, TypeScore] = field(default_factory=dict)

    def flat(self) -> dict[str, float]:
        """The six numbers under vecalign's ``score_multiple`` key names."""
        return _flat(self.strict, self.lax)

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready: signature, pooled scores and counts, types, documents."""
        return {
            "signature": self.signature, **self.flat(),
            "counts": {"precision": self.precision_counts.to_dict(), "recall": self.recall_counts.to_dict()},
            "by_type": {k: v.to_dict() for k, v in self.by_type.items()},
            "docs": {name: {"n_gold": d.n_gold, "n_pred": d.n_pred, **d.flat()}
                     for name, d in self.docs.items()},
        }

    def to_markdown(self) -> str:
        from xlate.score.markdown import align_markdown

        return align_markdown(self)


def _flat(strict: PRF, lax: PRF) -> dict[str, float]:
    return {"precision_strict": strict.precision, "recall_strict": strict.recall, "f1_strict": strict.f1,
            "precision_lax": lax.precision, "recall_lax": lax.recall, "f1_lax": lax.f1}


# --- the metric ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignMetric:
    """vecalign's strict/lax scores plus a per-type breakdown; ``types`` None keeps every n-m type.

    Example: ``AlignMetric().score({"doc1": gold_beads}, {"doc1": pred_beads}).strict.f1``
    """

    types: tuple[str, ...] | None = NAMED_TYPES

    def __post_init__(self) -> None:
        bad = [t for t in self.types or () if not _TYPE.fullmatch(t)]
        if bad:
            raise ConfigError(f"bead types look like 1-1 or 2-1; got {', '.join(map(repr, bad))}")

    def bead_type(self, bead: Bead) -> str:
        """``"1-2"`` for one source and two target sentences; ``"other"`` outside ``types``."""
        kind = f"{len(bead[0])}-{len(bead[1])}"
        return kind if self.types is None or kind in self.types else "other"

    def signature(self, n_docs: int) -> str:
        """Every setting behind the numbers, sacrebleu-style, so two reports can be compared."""
        types = "all" if self.types is None else ",".join(self.types) + "+other"
        return (f"xlate-score-align|scoring:vecalign|strict:equal|lax:src+tgt-overlap|recall:no-indel|"
                f"pool:docs|div0:0|docs:{n_docs}|types:{types}|version:{__version__}")

    def score(self, gold: Mapping[str, Sequence[Bead]], pred: Mapping[str, Sequence[Bead]]) -> AlignScore:
        """Score ``pred`` against ``gold``; both map a document name to its beads."""
        names = pair_docs(gold, pred)
        p_total, r_total, docs = Tally(), Tally(), {}
        for name in names:
            p, r = doc_tallies(gold[name], pred[name])
            p_total, r_total = p_total + p, r_total + r
            docs[name] = DocScore(PRF.of(p.strict_hit, p.strict_miss, r.strict_hit, r.strict_miss),
                                  PRF.of(p.lax_hit, p.lax_miss, r.lax_hit, r.lax_miss),
                                  len(_as_set(gold[name])), len(_as_set(pred[name])))
        return AlignScore(
            self.signature(len(names)),
            PRF.of(p_total.strict_hit, p_total.strict_miss, r_total.strict_hit, r_total.strict_miss),
            PRF.of(p_total.lax_hit, p_total.lax_miss, r_total.lax_hit, r_total.lax_miss),
            p_total, r_total, docs, self._types([gold[n] for n in names], [pred[n] for n in names]))

    def score_lists(self, gold: Sequence[Sequence[Bead]], pred: Sequence[Sequence[Bead]]) -> AlignScore:
        """Score documents given as parallel lists (vecalign's ``score_multiple`` arguments)."""
        if len(gold) != len(pred):
            raise InputError(f"{len(gold)} gold documents but {len(pred)} predicted ones")
        width = len(str(len(gold)))
        names = [f"{i:0{width}d}" for i in range(len(gold))]
        return self.score(dict(zip(names, gold)), dict(zip(names, pred)))

    def _types(self, gold: Sequence[Sequence[Bead]], pred: Sequence[Sequence[Bead]]) -> dict[str, TypeScore]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for g, p in zip(gold, pred):
            gs, ps = _as_set(g), _as_set(p)
            for b in gs:
                c = counts[self.bead_type(b)]
                c[0], c[1] = c[0] + 1, c[1] + (b in ps)
            for b in ps:
                c = counts[self.bead_type(b)]
                c[2], c[3] = c[2] + 1, c[3] + (b in gs)
        return {k: TypeScore(*counts[k]) for k in sorted(counts, key=_type_order)}


def _type_order(kind: str) -> tuple[int, int, int]:
    """Named types in their usual order (1-1 first), then the rest by size; "other" last."""
    if kind == "other":
        return (2, 0, 0)
    if kind in NAMED_TYPES:
        return (0, NAMED_TYPES.index(kind), 0)
    a, b = (int(x) for x in kind.split("-"))
    return (1, a + b, a)
