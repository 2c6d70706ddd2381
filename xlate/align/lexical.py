"""The default aligner: lexical similarity, a length prior and banded DP; no model weights.

The similarity of a bead is the cosine of TF-IDF vectors of cross-lingual features (cognate prefixes,
numbers, names, punctuation; see :mod:`xlate.text.features`), and, when a machine translation is
supplied, of word vectors of the translation against the other side (translate-then-align, as
Bleualign does). Cosines are calibrated per document (chance level → cost 1, a typical best match →
cost 0), which lets one set of penalties serve language pairs with few and with many cognates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from xlate.align.anchors import candidate_pairs, heaviest_chain
from xlate.align.dp import Band, align_dp
from xlate.align.embedding import EmbeddingSimilarity
from xlate.align.gaps import blend, refit_ratio, split_members
from xlate.align.params import LexicalParams
from xlate.align.similarity import BandSimilarity
from xlate.embed.base import Embedder
from xlate.report.model import Link
from xlate.text.features import featurize, weigh
from xlate.text.script import cross_script, script_ratio


class LexicalCost:
    """Bead cost for :func:`xlate.align.dp.align_dp` from calibrated cosines and lengths."""

    def __init__(self, sims: Sequence[tuple[BandSimilarity, float]], src_len: np.ndarray,
                 tgt_len: np.ndarray, p: LexicalParams,
                 members: Sequence[tuple[BandSimilarity, float]] = ()) -> None:
        """``members``: the views (MT) that judge each sentence of a many-to-many bead alone."""
        self.sims, self.p, self.members = sims, p, members
        self.merge = p.mt_merge if members else p.merge
        self.ls = np.concatenate([[0.0], np.cumsum(src_len)])
        self.lt = np.concatenate([[0.0], np.cumsum(tgt_len)])
        self.ratio = self.lt[-1] / self.ls[-1] if self.ls[-1] > 0 and self.lt[-1] > 0 else 1.0
        self.chance, self.top = self._calibrate(src_len, tgt_len)
        # Members are scored on the MT views alone, so they are calibrated on those alone.
        self.member_weight = sum(w for _, w in members) or 1.0
        self.member_scale = _chance_top(members, p.min_spread)[:2] if members else (0.0, 1.0)

    def _calibrate(self, src_len: np.ndarray, tgt_len: np.ndarray) -> tuple[float, float]:
        """Chance and top (see :func:`_chance_top`) over all views; also checks the length ratio
        against the confident pairs (row best >= top): the whole-document ratio is wrong when one
        side has long untranslated stretches.
        """
        chance, top, rows = _chance_top(self.sims, self.p.min_spread)
        if not rows:
            return chance, top
        est = _confident_ratio(rows, self.sims[0][0].goff, top, chance, src_len, tgt_len)
        # Keep the document ratio (steadier) unless the confident pairs contradict it by 30%.
        if self.p.ratio_check and est and abs(np.log(est / self.ratio)) > 0.26:
            self.ratio = est
        return chance, top

    @property
    def total_weight(self) -> float:
        return sum(w for _, w in self.sims) or 1.0

    def raw(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Weighted mean of the views' cosines (cross-lingual, and MT when given)."""
        return sum(w * s.bead(a, b, i, j) for s, w in self.sims) / self.total_weight

    def score(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Calibrated similarity: 0 at chance, 1 at a typical best match (may exceed 1)."""
        return (self.raw(a, b, i, j) - self.chance) / (self.top - self.chance)

    def length(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Gale & Church's length cost (capped, before its weight): target length against the
        source's times the document ratio, with variance growing with the text."""
        ls = self.ls[i] - self.ls[i - a]
        lt = self.lt[j] - self.lt[j - b]
        var = self.p.length_var * (self.ratio * ls + lt) / 2 + 1.0
        return np.minimum((lt - self.ratio * ls) ** 2 / var / 2, self.p.length_cap)

    def __call__(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        p = self.p
        if a == 0 or b == 0:
            return np.full(len(j), p.skip * (a + b))
        length = self.length(a, b, i, j)
        sim = 1.0 - np.clip(self.score(a, b, i, j), -0.5, p.z_max)
        # Dissimilarity grows with the text in the bead; the bonus of a strong match counts once.
        sim = np.where(sim > 0, sim * ((a + b) / 2) ** p.size_exp, sim)
        return sim + p.length * length + self.merge * (a + b - 2) + self._member_cost(a, b, i, j)

    def _member_cost(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray | float:
        """Penalty for bead members that do not match the other side on their own.

        A strong 1-1 match can carry a caption or a stray line into its bead at little cost, since
        the bead's cosine barely drops. A machine translation is precise enough to check each
        sentence against the other side of the bead; the cross-lingual features are too sparse.
        """
        if a + b <= 2 or not self.members or not (a and b):
            return 0.0
        chance, top = self.member_scale
        scores = sum(w * np.array(s.members(a, b, i, j)) for s, w in self.members) / self.member_weight
        return self.p.member * np.maximum(0.0, self.p.member_floor - (scores - chance) / (top - chance)).sum(axis=0)


class LexicalAligner:
    """Cognates, numbers, names and punctuation, plus MT when given; pure Python and numpy."""

    name = "lexical"

    def __init__(self, embedder: Embedder | None = None, emb_weight: float = 3.0,
                 params: LexicalParams | None = None, **opts: float) -> None:
        """``embedder``: add sentence embeddings as a view (weighted ``emb_weight`` against the
        lexical features' 1.0); the lexical anchors still set the band. ``params`` (or single
        knobs as keywords) override the defaults."""
        self.params = replace(params or LexicalParams(), **opts)
        self.embedder = embedder
        self.emb_weight = emb_weight
        if embedder is not None:
            self.name = f"lexical+embed:{getattr(embedder, 'name', type(embedder).__name__)}"

    def align(self, src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str,
              src_mt: Sequence[str] | None = None, tgt_mt: Sequence[str] | None = None,
              ) -> list[Link]:
        """Monotone beads covering every sentence once; see :class:`xlate.align.base.Aligner`."""
        n, m = len(src), len(tgt)
        if n == 0 or m == 0:
            return [Link((i,), (), 1.0) for i in range(n)] + [Link((), (j,), 1.0) for j in range(m)]
        views = [weigh(featurize(src, src_lang), featurize(tgt, tgt_lang))]
        weights = [1.0]
        if src_mt is not None:
            views.append(weigh(featurize(src_mt, tgt_lang, mono=True),
                               featurize(tgt, tgt_lang, mono=True)))
            weights.append(self.params.mt_weight)
        if tgt_mt is not None:
            views.append(weigh(featurize(src, src_lang, mono=True),
                               featurize(tgt_mt, src_lang, mono=True)))
            weights.append(self.params.mt_weight)
        band = self._band(views, n, m)
        beads = bead_types(self.params.max_bead)
        side = max(a for a, _ in beads)
        sims: list = [(BandSimilarity(s, t, band, side), w) for (s, t), w in zip(views, weights)]
        mt_sims = sims[1:]
        if self.embedder is not None:
            sims.append((EmbeddingSimilarity(self.embedder, src, tgt, band, side), self.emb_weight))
        cost = LexicalCost(sims, _lengths(src), _lengths(tgt), self.params, members=mt_sims)
        short = n * m <= self.params.short_cells
        if short:
            prior = script_ratio(src, tgt)
            cost.ratio = blend(cost.ratio, min(n, m), prior, self.params.prior_weight)
        path = align_dp(n, m, cost, band, beads)
        if short:
            path = refit_ratio(cost, path, prior, lambda: align_dp(n, m, cost, band, beads))
        path = split_members(cost, path, cross_script(src, tgt))
        return _links(cost, path)

    def _band(self, views, n: int, m: int) -> Band:
        if n * m <= self.params.full_band_cells:
            return Band.full(n, m)
        pairs = [p for s, t in views for p in candidate_pairs(s, t)]
        return Band.around(heaviest_chain(pairs), n, m, self.params.width)


def _chance_top(sims: Sequence[tuple[BandSimilarity, float]], min_spread: float
                ) -> tuple[float, float, list[tuple[int, np.ndarray]]]:
    """Chance = mean 1-1 score of random pairs; top = median of each row's best in the band;
    and each source row's 1-1 scores over its band cells."""
    total = sum(w for _, w in sims) or 1.0
    cos = [sum(w * c for (_, w), c in zip(sims, cs)) / total for cs in zip(*(s.row_cosines() for s, _ in sims))]
    rows = [(s, r) for s, r in enumerate(cos) if len(r)]
    if not rows:
        return 0.0, 1.0, rows
    chance = sum(w * float(s.random_cosines().mean()) for s, w in sims) / total
    # Where most sentences share nothing (short lines, unrelated scripts), the median best is
    # near chance; a floor keeps z from exploding, so that length then decides.
    top = max(float(np.median([r.max() for _, r in rows])), chance + min_spread)
    return chance, top, rows


def _confident_ratio(rows: list[tuple[int, np.ndarray]], goff: np.ndarray, top: float,
                     chance: float, src_len: np.ndarray, tgt_len: np.ndarray) -> float | None:
    """Median target/source length ratio between confident pairs, or None when too few.

    A pair is confident when each sentence is the other's best match, scoring at least ``top``,
    and the pair lies on the heaviest monotone chain of such pairs (noise pairs cross each other).
    """
    colmax = np.zeros(len(tgt_len))
    for s, r in rows:
        np.maximum.at(colmax, goff[s] + np.arange(len(r)), r)
    best = [(s, int(goff[s] + r.argmax()), float(r.max())) for s, r in rows]
    sure = heaviest_chain([(s, t, 1.0) for s, t, c in best if c >= top > chance and c >= colmax[t]])
    # Unrelated scripts without MT give a handful of chance pairs: they say nothing.
    if len(sure) < max(4, 0.2 * min(len(src_len), len(tgt_len))):
        return None
    # Ratio of the stretches between consecutive confident pairs, so that 1-2 and 2-1 beads count
    # in full; the median ignores the stretch that holds an inserted block.
    ls = np.concatenate([[0.0], np.cumsum(src_len)])
    lt = np.concatenate([[0.0], np.cumsum(tgt_len)])
    seg = [(lt[t1] - lt[t0], ls[s1] - ls[s0]) for (s0, t0), (s1, t1) in zip(sure, sure[1:])]
    ratios = [t / s for t, s in seg if t > 0 and s > 0]
    return float(np.exp(np.median(np.log(ratios)))) if ratios else None


def bead_types(max_size: int) -> tuple[tuple[int, int], ...]:
    """1-0, 0-1 and every a-b with a, b >= 1, a + b <= max_size and no side above 4."""
    many = [(a, b) for a in range(1, 5) for b in range(1, 5) if 2 < a + b <= max_size]
    return ((1, 1), (1, 0), (0, 1), *sorted(many, key=lambda ab: (sum(ab), ab)))


def _lengths(sents: Sequence[str]) -> np.ndarray:
    return np.array([len(s.strip()) for s in sents], dtype=np.float64)


def _links(cost: LexicalCost, path: Sequence[tuple[int, int, int, int]]) -> list[Link]:
    """Links scored by the calibrated similarity of the bead; a skip by 1 - its best neighbour.

    Scores are computed per bead type, in one batch each.
    """
    n, m = len(cost.ls) - 1, len(cost.lt) - 1
    conf = np.zeros(len(path))
    groups: dict[tuple[int, int], list[int]] = {}
    for k, (i0, i1, j0, j1) in enumerate(path):
        groups.setdefault((i1 - i0, j1 - j0), []).append(k)
    arr = np.array(path, dtype=np.int64).reshape(-1, 4)
    for (a, b), ks in groups.items():
        i0, i1, j0, j1 = arr[ks].T
        if a and b:
            conf[ks] = cost.score(a, b, i1, j1)
        elif a:  # the source sentence against the target sentences on either side of the gap
            near = [cost.score(1, 1, i1, np.clip(j, 1, m)) for j in (j0, j0 + 1)] if m else []
            conf[ks] = 1.0 - np.max(near, axis=0) if near else 1.0
        else:
            near = [cost.score(1, 1, np.clip(i, 1, n), j1) for i in (i0, i0 + 1)] if n else []
            conf[ks] = 1.0 - np.max(near, axis=0) if near else 1.0
    conf = np.clip(conf, 0.0, 1.0)
    return [Link(tuple(range(i0, i1)), tuple(range(j0, j1)), float(c))
            for (i0, i1, j0, j1), c in zip(path, conf)]
