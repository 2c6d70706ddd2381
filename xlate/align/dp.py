"""Banded dynamic programming over beads, independent of how sentences are compared.

The DP fills one row per source position ``i`` (0..n), over the target positions ``j`` allowed by a
band ``lo[i]..hi[i]``. ``D[i, j]`` is the cheapest way to align ``src[:i]`` with ``tgt[:j]``; a bead
``(a, b)`` ending at ``(i, j)`` covers ``src[i-a:i]`` and ``tgt[j-b:j]``. Every bead with ``a > 0``
reads an earlier row, so a row is filled with a few numpy operations; the 0-1 bead (skip a target
sentence) stays inside the row and is solved as a running minimum. Cost is O(sum of band widths),
i.e. linear in document length for a fixed width, as in vecalign and bertalign.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

# (src sentences, tgt sentences) per bead; (0, 1) must be present so that every band row connects.
BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2))
ROWS = 256  # rows whose bead costs are computed in one batch


class BeadCost(Protocol):
    """Costs of beads ``src[i-a:i]`` <-> ``tgt[j-b:j]``, elementwise over arrays ``i`` and ``j``.

    A batched ``cost(i0, i1, j0, j1)``: the DP asks for one bead type over many cells at once, so
    that the per-cell work stays in numpy. Every ``(i, j)`` passed satisfies ``a <= i <= n`` and
    ``b <= j <= m``.
    """

    def __call__(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray: ...


class Band:
    """Allowed target positions per source position: ``lo[i] <= j <= hi[i]`` for ``i`` in 0..n."""

    def __init__(self, lo: np.ndarray, hi: np.ndarray, m: int) -> None:
        n = len(lo) - 1
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, m)
        hi = np.clip(np.asarray(hi, dtype=np.int64), 0, m)
        lo[0], hi[n] = 0, m
        # Only ever widen: monotone edges, and consecutive rows overlap, so a path reaches (n, m).
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum(hi, lo)
        hi[:-1] = np.maximum(hi[:-1], lo[1:])
        hi = np.maximum.accumulate(hi)
        self.lo, self.hi, self.n, self.m = lo, hi, n, m

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        """No pruning: every cell is allowed (quadratic; for short documents)."""
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64), m)

    @classmethod
    def around(cls, points: Sequence[tuple[int, int]], n: int, m: int, width: int) -> Band:
        """A band around the piecewise-linear path through ``points`` (anchors, sorted).

        Each segment is widened by its own imbalance ``|dj - di|``: between two anchors the true
        path may put all the extra sentences of the longer side in one place.
        """
        pts = [(0, 0), *[(i, j) for i, j in points if 0 < i < n and 0 < j < m], (n, m)]
        lo = np.full(n + 1, m, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        for (i0, j0), (i1, j1) in zip(pts, pts[1:]):
            if i1 < i0 or j1 < j0:
                continue
            w = width + abs((j1 - j0) - (i1 - i0))
            rows = np.arange(i0, i1 + 1)
            if i1 == i0:
                c_lo, c_hi = np.array([j0]), np.array([j1])
            else:
                slope = (j1 - j0) / (i1 - i0)
                c = j0 + slope * (rows - i0)
                c_lo, c_hi = np.floor(c - slope), np.ceil(c + slope)
            lo[rows] = np.minimum(lo[rows], (c_lo - w).astype(np.int64))
            hi[rows] = np.maximum(hi[rows], (c_hi + w).astype(np.int64))
        return cls(lo, hi, m)

    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())


def align_dp(
    n: int,
    m: int,
    cost: BeadCost,
    band: Band | None = None,
    beads: Sequence[tuple[int, int]] = BEADS,
) -> list[tuple[int, int, int, int]]:
    """Cheapest monotone bead path from (0, 0) to (n, m) inside ``band``.

    Returns beads as ``(i0, i1, j0, j1)`` in document order; together they cover every source and
    target index exactly once.
    """
    band = band or Band.full(n, m)
    lo, hi = band.lo, band.hi
    width = int((hi - lo).max()) + 1
    D = np.full((n + 1, width), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    if (0, 1) not in beads:
        raise ValueError("beads must include (0, 1)")
    k01 = list(beads).index((0, 1))
    row_beads = [(k, a, b) for k, (a, b) in enumerate(beads) if a > 0]
    for r0 in range(0, n + 1, ROWS):
        r1 = min(n + 1, r0 + ROWS)
        costs = _block_costs(cost, beads, band, r0, r1, width)
        for i in range(r0, r1):
            w = hi[i] - lo[i] + 1
            best = np.full(w, np.inf)
            arg = np.full(w, -1, dtype=np.int8)
            if i == 0:
                best[0] = 0.0
            for k, a, b in row_beads:
                if i < a:
                    continue
                # Column `col` of row i reads column col + c0 of row i-a. Cells outside the band
                # hold inf in D and in `costs`, so plain slices do.
                c0 = lo[i] - b - lo[i - a]
                x0, x1 = max(0, -c0), min(w, width - c0)
                if x1 <= x0:
                    continue
                cand = costs[k][i - r0, x0:x1] + D[i - a, x0 + c0:x1 + c0]
                cur, cur_arg = best[x0:x1], arg[x0:x1]  # views: writes go to best/arg
                better = cand < cur
                cur[better] = cand[better]
                cur_arg[better] = k
            # 0-1 beads within the row: D[j] = min_k<=j (X[k] + S[j] - S[k]), S = cumulative cost.
            if w > 1:
                step = np.zeros(w)
                step[1:] = costs[k01][i - r0, 1:w]
                s = np.cumsum(step)
                y = best - s
                run = np.minimum.accumulate(y)
                moved = run < y
                best = run + s
                arg[moved] = k01
            D[i, :w] = best
            back[i, :w] = arg
    return _trace(back, lo, n, m, beads)


def _block_costs(cost: BeadCost, beads: Sequence[tuple[int, int]], band: Band, r0: int, r1: int,
                 width: int) -> list[np.ndarray]:
    """Cost of every bead type ending at each band cell of rows ``r0..r1-1`` (inf: impossible)."""
    lo, hi = band.lo[r0:r1], band.hi[r0:r1]
    rows = np.repeat(np.arange(r0, r1), hi - lo + 1)
    starts = np.repeat(np.cumsum(hi - lo + 1) - (hi - lo + 1), hi - lo + 1)
    cols = np.arange(len(rows)) - starts
    js = band.lo[rows] + cols
    out = []
    for a, b in beads:
        block = np.full((r1 - r0, width), np.inf)
        ok = (rows >= a) & (js >= b)
        if a > 0:
            pj = js - b
            prev = np.maximum(rows - a, 0)
            ok &= (pj >= band.lo[prev]) & (pj <= band.hi[prev])
        if ok.any():
            block[rows[ok] - r0, cols[ok]] = cost(a, b, rows[ok], js[ok])
        out.append(block)
    return out


def _trace(back: np.ndarray, lo: np.ndarray, n: int, m: int,
           beads: Sequence[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    out: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(back[i, j - lo[i]])
        if k < 0:
            raise RuntimeError(f"no path through cell ({i}, {j}); the band is disconnected")
        a, b = beads[k]
        out.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    out.reverse()
    return out
