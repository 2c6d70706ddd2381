"""The banded DP on its own, with toy costs."""

from __future__ import annotations

import numpy as np
import pytest

from xlate.align.dp import BEADS, Band, align_dp


class MatchCost:
    """Cheap 1-1 beads on planted pairs, expensive everything else."""

    def __init__(self, pairs: set[tuple[int, int]]):
        self.pairs = pairs

    def __call__(self, a, b, i, j):
        if a == 0 or b == 0:
            return np.full(len(j), 1.0)
        hit = np.array([(x - 1, y - 1) in self.pairs for x, y in zip(i, j)])
        return np.where(hit & (a == 1) & (b == 1), 0.0, 3.0 + a + b)


def test_planted_path_is_found():
    pairs = {(0, 0), (1, 2), (2, 3), (4, 4)}  # tgt 1 inserted, src 3 deleted
    got = align_dp(5, 5, MatchCost(pairs))
    assert got == [(0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3), (2, 3, 3, 4), (3, 4, 4, 4),
                   (4, 5, 4, 5)]


@pytest.mark.parametrize("seed", range(5))
def test_band_agrees_with_full_dp_when_wide_enough(seed):
    rng = np.random.default_rng(seed)
    n, m = 40, 50
    table = {ab: rng.random((n + 1, m + 1)) * (sum(ab)) for ab in BEADS}

    def cost(a, b, i, j):
        return table[a, b][i, j]

    full = align_dp(n, m, cost)
    band = Band.around([], n, m, width=60)
    assert align_dp(n, m, cost, band) == full


def test_band_edges_connect_and_stay_in_range():
    band = Band.around([(10, 40), (20, 45)], 30, 60, width=2)
    assert band.lo[0] == 0 and band.hi[-1] == 60
    assert (np.diff(band.lo) >= 0).all() and (np.diff(band.hi) >= 0).all()
    assert (band.hi[:-1] >= band.lo[1:]).all()
    assert band.cells() < 31 * 61
    got = align_dp(30, 60, lambda a, b, i, j: np.full(len(j), 1.0), band)
    assert got[-1][1::2] == (30, 60)


def test_beads_must_include_0_1():
    with pytest.raises(ValueError):
        align_dp(2, 2, lambda a, b, i, j: np.zeros(len(j)), beads=((1, 1), (1, 0)))
