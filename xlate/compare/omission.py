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
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import accumulate

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
EPS = 1e-9  # far above the rounding difference between numpy's and the exact cosine, far below any gap

Gap = tuple[Bead, Sentence]


class OmissionChecker:
    name = "omission"

    def check(self, ctx: Context) -> list[Finding]:
        gaps = {side: _sentences(ctx, side, lambda b: not (b.src and b.tgt)) for side in SIDES}
        # The aligner may have merged a moved sentence into a neighbour's bead at one end: such
        # riders may pair with a one-sided sentence at the other end.
        riders = {side: _sentences(ctx, side, lambda b, side=side: len(b.sents(side)) >= 2
                                   and bool(b.sents(other(side)))) for side in SIDES}
        # Candidate pairs: every source of a block's first list with every target of its second.
        blocks = [(gaps["src"], gaps["tgt"] + riders["tgt"]), (riders["src"], gaps["tgt"])]
        moved = _moved(ctx, blocks) if any(a and b for a, b in blocks) else []
        taken = {("src", s.id) for (_, s), _, _ in moved} | {("tgt", t.id) for _, (_, t), _ in moved}
        before = _target_before(ctx)
        findings = [_moved_finding(a, b, score, ref, before(a[1].id)) for a, b, (score, ref) in moved]
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


Block = tuple[list[Gap], list[Gap]]


def _moved(ctx: Context, blocks: list[Block]) -> list[tuple[Gap, Gap, tuple[float, float]]]:
    """The candidate (source, target) pairs that match well above chance and that no other sentence
    would rather take (:func:`_blocked`), best first, each sentence once; with (their score, the
    score they had to reach). Candidates are each block's sources with its targets, in that order
    (which breaks ties). Only cosines that can clear the threshold are computed exactly
    (:class:`_Cosines`), so time and memory follow the pairs that share features."""
    bags_s, bags_t = _bags(ctx)
    matched = [(b.src[0].id, b.tgt[0].id) for b in ctx.beads if len(b.src) == 1 and len(b.tgt) == 1]
    if len(matched) < MIN_MATCHED:
        return []
    pair = {(i, j): _cos(bags_s[i], bags_t[j]) for i, j in matched}
    typical = float(np.median(list(pair.values())))
    chance = _chance(bags_s, bags_t, pair)
    floor = max(0.0, chance + MOVED_SHARE * (typical - chance))
    cos = _Cosines(bags_s, bags_t, floor)
    partner_of_s, partner_of_t = dict(matched), {j: i for i, j in matched}
    used_s: set[int] = set()
    used_t: set[int] = set()
    out = []
    for _, _, a, b in _in_score_order(cos, _above_floor(cos, blocks)):
        i, j = a[1].id, b[1].id
        if i in used_s or j in used_t:
            continue
        score = cos.cos(i, j)
        if _blocked(cos, pair, partner_of_s, partner_of_t, i, j, score):
            continue
        used_s.add(i)
        used_t.add(j)
        out.append((a, b, (score, floor)))
    return out


Candidate = tuple[float, tuple[int, int, int], Gap, Gap]  # approximate score, place in the candidate order


def _above_floor(cos: _Cosines, blocks: list[Block]) -> list[Candidate]:
    """The candidate pairs whose approximate score comes within ``EPS`` of the floor, or above."""
    out = []
    for k, (sources, targets) in enumerate(blocks):
        where = {t.id: q for q, (_, t) in enumerate(targets)}
        for p, a in enumerate(sources):
            ids, approx = cos.near("src", a[1].id)
            for j, score in zip(ids, approx):
                q = where.get(j)
                if q is not None:
                    out.append((score, (k, p, q), a, targets[q]))
    return out


def _in_score_order(cos: _Cosines, cands: list[Candidate]) -> list[Candidate]:
    """The candidates scoring above the floor, best first, ties in candidate order: a stable sort by
    exact score. Sorted by the approximate score first; exact scores are computed only inside runs
    of approximate scores closer than ``2 * EPS`` (whose order they may change) and next to the floor."""
    cands.sort(key=lambda c: (-c[0], c[1]))

    def exact(c: Candidate) -> float:
        return cos.cos(c[2][1].id, c[3][1].id)

    out: list[Candidate] = []
    k = 0
    while k < len(cands):
        e = k + 1
        while e < len(cands) and cands[e - 1][0] - cands[e][0] < 2 * EPS:
            e += 1
        run = cands[k:e] if e == k + 1 else sorted(cands[k:e], key=lambda c: (-exact(c), c[1]))
        out.extend(c for c in run if c[0] > cos.floor + EPS or exact(c) > cos.floor)
        k = e
    return out


class _Cosines:
    """Sentence-by-sentence cosines, computed exactly (:func:`_cos`) only where a decision may
    depend on them.

    A numpy pass over the features' postings gives, for one sentence, its approximate cosine with
    every sentence of the other side (to within far less than ``EPS``); only those within ``EPS``
    of the floor or above can matter, since the floor is never negative and every pair compared
    must beat it. Where two approximations are too close to order, and for every reported score,
    the cosine is computed exactly as before, so every decision and score is unchanged. A shuffled
    document's cost then follows the pairs that share features, not n × m.
    """

    def __init__(self, bags_s: Bags, bags_t: Bags, floor: float) -> None:
        self.bags_s, self.bags_t, self.floor = bags_s, bags_t, floor
        self._postings = {"src": _postings(bags_t), "tgt": _postings(bags_s)}  # the other side's
        self._norm = {"src": _norms(bags_t), "tgt": _norms(bags_s)}
        self._mine = {"src": bags_s, "tgt": bags_t}
        # Sentences with identical bags (repeated lines) have identical cosines: each is computed
        # for the first of them only.
        self._rep = {"src": _representatives(bags_s), "tgt": _representatives(bags_t)}
        self._near: dict[tuple[Side, int], tuple[list[int], list[float], np.ndarray]] = {}
        self._exact: dict[tuple[int, int], float] = {}

    def cos(self, i: int, j: int) -> float:
        """The exact cosine of source ``i`` and target ``j``."""
        key = self._rep["src"][i], self._rep["tgt"][j]
        if key not in self._exact:
            self._exact[key] = _cos(self.bags_s[key[0]], self.bags_t[key[1]])
        return self._exact[key]

    def near(self, side: Side, k: int) -> tuple[list[int], list[float]]:
        """Sentences of the other side whose cosine with ``side``'s sentence ``k`` may exceed the
        floor, and their approximate cosines, best first."""
        ids, approx, _ = self._sorted_near(side, k)
        return ids, approx

    def _sorted_near(self, side: Side, k: int) -> tuple[list[int], list[float], np.ndarray]:
        """:meth:`near`, plus the negated cosines (ascending, for binary search)."""
        key = side, self._rep[side][k]
        if key not in self._near:
            bag, post, norm = self._mine[side][key[1]], self._postings[side], self._norm[side]
            shared = [f for f in bag if f in post]
            dot = np.zeros(len(norm))
            if shared:
                ids = np.concatenate([post[f][0] for f in shared])
                w = np.concatenate([post[f][1] * bag[f] for f in shared])
                dot = np.bincount(ids, weights=w, minlength=len(norm))
            den = np.sqrt(sum(v * v for v in bag.values()) * norm)
            approx = np.divide(dot, den, out=np.zeros(len(norm)), where=den > 0)
            ids = np.flatnonzero(approx > self.floor - EPS)
            ids = ids[np.argsort(-approx[ids], kind="stable")]
            self._near[key] = ids.tolist(), approx[ids].tolist(), -approx[ids]
        return self._near[key]

    def rivals(self, side: Side, k: int, value: float) -> Iterator[tuple[int, float]]:
        """The sentences of the other side whose exact cosine with ``side``'s sentence ``k`` exceeds
        ``value`` (above the floor), with their approximate cosines; computed as they are asked for."""
        ids, approx, neg = self._sorted_near(side, k)
        stop = int(np.searchsorted(neg, EPS - value, side="left"))  # approx > value - EPS before it
        for q in range(stop):
            x, a = ids[q], approx[q]
            if a > value + EPS or (self.cos(k, x) if side == "src" else self.cos(x, k)) > value:
                yield x, a


def _representatives(bags: Bags) -> list[int]:
    """For each bag, the index of the first bag equal to it (same features, weights and order)."""
    first: dict[tuple[tuple[str, float], ...], int] = {}
    return [first.setdefault(tuple(bag.items()), k) for k, bag in enumerate(bags)]


def _postings(bags: Bags) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Feature -> (ids of the sentences that have it, its weight in each)."""
    ids: dict[str, list[int]] = {}
    vals: dict[str, list[float]] = {}
    for k, bag in enumerate(bags):
        for f, v in bag.items():
            ids.setdefault(f, []).append(k)
            vals.setdefault(f, []).append(v)
    return {f: (np.array(ids[f], dtype=np.int64), np.array(vals[f])) for f in ids}


def _norms(bags: Bags) -> np.ndarray:
    """Squared norms, summed as :func:`_cos` sums them."""
    return np.array([sum(v * v for v in bag.values()) for bag in bags], dtype=np.float64)


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


def _blocked(cos: _Cosines, pair: dict[tuple[int, int], float], partner_of_s: dict[int, int],
             partner_of_t: dict[int, int], i: int, j: int, score: float) -> bool:
    """Would source ``i`` or target ``j`` rather pair with another sentence that is free to take it?

    ``score`` is their cosine. A sentence that matches ``i`` better than ``j`` does blocks the pair
    unless its own aligned partner matches it better still (a stable pairing, as in the marriage
    problem)."""
    for k, approx in cos.rivals("src", i, score):
        if k not in partner_of_t or _below(pair[partner_of_t[k], k], approx, lambda k=k: cos.cos(i, k)):
            return True
    for k, approx in cos.rivals("tgt", j, score):
        if k not in partner_of_s or _below(pair[k, partner_of_s[k]], approx, lambda k=k: cos.cos(k, j)):
            return True
    return False


def _below(x: float, approx: float, exact: Callable[[], float]) -> bool:
    """Is ``x`` below a cosine known to within ``EPS`` as ``approx`` (``exact()`` when too close to tell)?"""
    if abs(x - approx) > EPS:
        return x < approx
    return x < exact()


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


def _target_before(ctx: Context) -> Callable[[int], int | None]:
    """For a source sentence id, the last target sentence of the two-sided beads before it (None
    when there is none): one sort and a binary search each, not a pass over every bead."""
    ends = sorted((b.src[-1].id, b.tgt[-1].id) for b in ctx.beads if b.src and b.tgt)
    keys = [s for s, _ in ends]
    best = list(accumulate((t for _, t in ends), max))

    def before(sid: int) -> int | None:
        k = bisect_left(keys, sid)
        return best[k - 1] if k else None

    return before


def _moved_finding(a: Gap, b: Gap, score: float, ref: float, before: int | None) -> Finding:
    """``before``: the target sentence the source order would put the moved sentence after."""
    (_, s), (_, t) = a, b
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
