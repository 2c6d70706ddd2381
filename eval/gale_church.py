"""Gale & Church (1993) length-based alignment: the classic no-dictionary baseline.

Bead priors and the length model are the paper's (c = 1, s² = 6.8, characters), run on xlate's
banded DP so that the baseline differs from the lexical aligner only in its cost.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from xlate.align.dp import Band, align_dp
from xlate.report.model import Link

PRIOR = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
MEAN, VAR = 1.0, 6.8


def _norm_sf2(z: np.ndarray) -> np.ndarray:
    """Two-tailed normal tail 2(1 - Phi(|z|)), via math.erfc (numpy has no erfc)."""
    return np.array([math.erfc(abs(x) / math.sqrt(2)) for x in z])


class GaleChurchCost:
    """``-100 log P(bead) P(delta)`` as in the paper's ``two_side_distance``."""

    def __init__(self, src: Sequence[str], tgt: Sequence[str]) -> None:
        self.ls = np.concatenate([[0], np.cumsum([len(s.strip()) for s in src])]).astype(float)
        self.lt = np.concatenate([[0], np.cumsum([len(t.strip()) for t in tgt])]).astype(float)

    def __call__(self, a: int, b: int, i: int, j: np.ndarray) -> np.ndarray:
        l1 = self.ls[i] - self.ls[i - a]
        l2 = self.lt[j] - self.lt[j - b]
        mean = (l1 + l2 / MEAN) / 2
        delta = np.where(mean > 0, (l2 - l1 * MEAN) / np.sqrt(VAR * np.maximum(mean, 1e-9)), 0.0)
        p = np.maximum(_norm_sf2(delta), 1e-300)
        return -100 * (math.log(PRIOR[a, b]) + np.log(p))


class GaleChurchAligner:
    """Length-only aligner (no lexical evidence); band = whole matrix below ``full_band_cells``."""

    name = "gale-church"

    def __init__(self, width: int = 100, full_band_cells: int = 4_000_000) -> None:
        self.width, self.full_band_cells = width, full_band_cells

    def align(self, src: Sequence[str], tgt: Sequence[str], src_lang: str = "",
              tgt_lang: str = "") -> list[Link]:
        n, m = len(src), len(tgt)
        band = Band.full(n, m) if n * m <= self.full_band_cells else Band.around([], n, m,
                                                                                   self.width)
        beads = align_dp(n, m, GaleChurchCost(src, tgt), band, tuple(PRIOR))
        return [Link(tuple(range(i0, i1)), tuple(range(j0, j1)), 1.0) for i0, i1, j0, j1 in beads]
