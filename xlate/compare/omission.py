"""Sentences with no counterpart: ``omission`` (source only), ``addition`` (target only), and a
sentence that changed place: ``moved``.

A monotone alignment cannot follow a sentence that moved; it leaves it one-sided at both ends, an
omission where it stood and an addition where it went. So one-sided source and target sentences
are compared with each other: a pair that match well above chance (``MOVED_SHARE`` of the way
from the chance level to the document's typical aligned pair) and that no other free sentence would
rather take (a stable pairing over all the document's sentences) is one finding, ``omission`` with
change ``moved``: source sentence *i* now stands as target sentence *j*. The comparison uses the
aligner's features (numbers, names, cognates, punctuation; with MT, the translation's words),
IDF-weighted over the document.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from xlate.compare.base import (
    GAP,
    SIDES,
    Bead,
    Context,
    Side,
    bead_finding,
    one_sided,
    other,
    sentence_severity,
    sentence_span,
)
from xlate.report.model import Finding, Sentence, Severity
from xlate.text.features import featurize, weigh

MOVED_SHARE = 0.3  # a moved pair scores this far from chance towards the document's typical aligned pair
CHANCE_PAIRS = 40_000  # unaligned pairs averaged for the chance level (a seeded sample beyond)
MIN_MATCHED = 2  # aligned 1-1 pairs needed to know what a match looks like in this document

Gap = tuple[Bead, Sentence]


class OmissionChecker:
    name = "omission"

    def check(self, ctx: Context) -> list[Finding]:
        gaps = {side: _sentences(ctx, side, lambda b: not (b.src and b.tgt)) for side in SIDES}
        # The aligner may have merged a moved sentence into a neighbour's bead at one end: such
        # riders may pair with a one-sided sentence at the other end.
        riders = {side: _sentences(ctx, side, lambda b, side=side: len(b.sents(side)) >= 2
                                   and bool(b.sents(other(side)))) for side in SIDES}
        candidates = [(a, b) for a in gaps["src"] for b in gaps["tgt"] + riders["tgt"]]
        candidates += [(a, b) for a in riders["src"] for b in gaps["tgt"]]
        moved = _moved(ctx, candidates) if candidates else []
        taken = {("src", s.id) for (_, s), _, _ in moved} | {("tgt", t.id) for _, (_, t), _ in moved}
        findings = [_moved_finding(ctx, a, b, score, ref) for a, b, (score, ref) in moved]
        for side in SIDES:
            view = ctx.side(side)
            for bead, s in gaps[side]:
                if (side, s.id) in taken:
                    continue
                findings.append(one_sided(
                    side, type=GAP[side], severity=sentence_severity(ctx, side, s), bead=bead, ids=[s.id],
                    span=sentence_span(s),
                    explanation=f"{view.label} sentence {s.id} has no counterpart in the {ctx.other(side).label}",
                    confidence=0.5 + 0.4 * (1 - bead.score) if bead.score else 0.8,
                ))
        return findings


def _sentences(ctx: Context, side: Side, keep: Callable[[Bead], bool]) -> list[Gap]:
    """The (bead, sentence) pairs of ``side`` in the beads ``keep`` accepts, page furniture left out."""
    return [(b, s) for b in ctx.beads if keep(b) for s in b.sents(side) if s.id not in ctx.side(side).furniture]


def _moved(ctx: Context, candidates: list[tuple[Gap, Gap]]) -> list[tuple[Gap, Gap, tuple[float, float]]]:
    """The candidate (source, target) pairs that match well above chance and that no other sentence
    would rather take (:func:`_blocked`), best first, each sentence once; with (their score, the
    score they had to reach). Only the candidates' rows and columns of the sentence-by-sentence
    cosines are computed, so a long document costs linear time."""
    bags_s, bags_t = _bags(ctx)
    matched = [(b.src[0].id, b.tgt[0].id) for b in ctx.beads if len(b.src) == 1 and len(b.tgt) == 1]
    if len(matched) < MIN_MATCHED:
        return []
    rows = {i: np.array([_cos(bags_s[i], y) for y in bags_t]) for i in {a[1].id for a, _ in candidates}}
    cols = {j: np.array([_cos(x, bags_t[j]) for x in bags_s]) for j in {b[1].id for _, b in candidates}}
    pair = {(i, j): _cos(bags_s[i], bags_t[j]) for i, j in matched}
    typical = float(np.median(list(pair.values())))
    chance = _chance(bags_s, bags_t, pair)
    floor = max(0.0, chance + MOVED_SHARE * (typical - chance))
    partner_of_s, partner_of_t = dict(matched), {j: i for i, j in matched}
    used_s: set[int] = set()
    used_t: set[int] = set()
    out = []
    for a, b in sorted(candidates, key=lambda ab: -rows[ab[0][1].id][ab[1][1].id]):
        i, j = a[1].id, b[1].id
        score = float(rows[i][j])
        if score <= floor:
            break
        if i in used_s or j in used_t or _blocked(rows[i], cols[j], pair, partner_of_s, partner_of_t, i, j):
            continue
        used_s.add(i)
        used_t.add(j)
        out.append((a, b, (score, floor)))
    return out


Bags = list[dict[str, float]]


def _chance(bags_s: Bags, bags_t: Bags, pair: dict[tuple[int, int], float]) -> float:
    """Mean cosine of the sentence pairs that are not aligned: all of them in a text of up to
    ``CHANCE_PAIRS`` pairs, a seeded sample of that many beyond."""
    n, m = len(bags_s), len(bags_t)
    if n * m <= CHANCE_PAIRS:
        cells = [(i, j) for i in range(n) for j in range(m) if (i, j) not in pair]
    else:
        rng = np.random.default_rng(0)
        cells = [(int(i), int(j)) for i, j in zip(rng.integers(0, n, CHANCE_PAIRS), rng.integers(0, m, CHANCE_PAIRS))
                 if (int(i), int(j)) not in pair]
    return float(np.mean([_cos(bags_s[i], bags_t[j]) for i, j in cells])) if cells else 0.0


def _blocked(row: np.ndarray, col: np.ndarray, pair: dict[tuple[int, int], float], partner_of_s: dict[int, int],
             partner_of_t: dict[int, int], i: int, j: int) -> bool:
    """Would source ``i`` or target ``j`` rather pair with another sentence that is free to take it?

    ``row`` holds ``i``'s cosines with every target, ``col`` ``j``'s with every source. A sentence
    that matches ``i`` better than ``j`` does blocks the pair unless its own aligned partner matches
    it better still (a stable pairing, as in the marriage problem)."""
    for k in np.flatnonzero(row > row[j]):
        if k not in partner_of_t or pair[partner_of_t[k], k] < row[k]:
            return True
    for k in np.flatnonzero(col > col[i]):
        if k not in partner_of_s or pair[k, partner_of_s[k]] < col[k]:
            return True
    return False


def _bags(ctx: Context) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Weighted feature bags of every sentence of each side: with MT the translation's words
    against the target's, without it the cross-lingual features."""
    src, tgt = ctx.side("src"), ctx.side("tgt")
    tgt_text = [s.text for s in tgt.sents]
    if src.mt is not None:
        return weigh(featurize(src.mt, tgt.lang, mono=True), featurize(tgt_text, tgt.lang, mono=True))
    return weigh(featurize([s.text for s in src.sents], src.lang), featurize(tgt_text, tgt.lang))


def _cos(x: dict[str, float], y: dict[str, float]) -> float:
    dot = sum(v * y[f] for f, v in x.items() if f in y)
    den = math.sqrt(sum(v * v for v in x.values()) * sum(v * v for v in y.values()))
    return dot / den if den else 0.0


def _moved_finding(ctx: Context, a: Gap, b: Gap, score: float, ref: float) -> Finding:
    (_, s), (_, t) = a, b
    before = max((bead.tgt[-1].id for bead in ctx.beads if bead.src and bead.tgt and bead.src[-1].id < s.id),
                 default=None)
    where = f"after target sentence {before}" if before is not None else "at the start"
    f = bead_finding(
        Bead(-1, [s], [t], score), type="omission", change="moved", severity=Severity.MEDIUM,
        explanation=(f"source sentence {s.id} was moved: it stands as target sentence {t.id}, where the source "
                     f"order would put it {where} (similarity {score:.2f}, well above this document's "
                     f"chance level; threshold {ref:.2f})"),
        confidence=min(0.95, 0.5 + 0.2 * score / max(ref, 1e-9)),
        src_span=sentence_span(s), tgt_span=sentence_span(t))
    f.evidence["moved_to"] = t.id
    return f
