"""Cosine similarity of bead feature sums, computed only for cells inside a DP band.

A bead's vector is the sum of its sentences' vectors, so every bead cosine follows from the
sentence-by-sentence dot products ``G[s, t]``, the sentence norms and the dot products of
neighbouring sentences on each side. ``G`` is filled block by block over the features the two
blocks share, which keeps time and memory linear in the band size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from xlate.align.dp import Band

Bag = dict[str, float]
CHUNK = 64  # source rows per block of G


def _dot(x: Bag, y: Bag) -> float:
    if len(x) > len(y):
        x, y = y, x
    return sum(v * y[f] for f, v in x.items() if f in y)


def _positions(sorted_keys: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of each ``x`` in ``sorted_keys`` and whether it is there."""
    pos = np.searchsorted(sorted_keys, x)
    ok = sorted_keys[np.minimum(pos, len(sorted_keys) - 1)] == x
    return pos, ok


def _prefix(x: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(x)])


def _csr(bags: Sequence[Bag], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ptr, idx, val = [0], [], []
    for bag in bags:
        for f, v in bag.items():
            k = vocab.get(f)
            if k is not None:
                idx.append(k)
                val.append(v)
        ptr.append(len(idx))
    return np.array(ptr), np.array(idx, dtype=np.int64), np.array(val, dtype=np.float64)


class BandSimilarity:
    """Cosines between beads of ``src`` and ``tgt`` for beads that end inside ``band``."""

    def __init__(self, src: Sequence[Bag], tgt: Sequence[Bag], band: Band, max_bead: int = 2):
        """``max_bead``: most sentences one side of a bead may hold."""
        self.n, self.m = len(src), len(tgt)
        self.src, self.tgt = src, tgt
        shared = set().union(*src) & set().union(*tgt) if src and tgt else set()
        vocab = {f: k for k, f in enumerate(sorted(shared))}
        self.ns2 = np.array([sum(v * v for v in b.values()) for b in src])
        self.nt2 = np.array([sum(v * v for v in b.values()) for b in tgt])
        # sa[d][s] = dot(src[s], src[s + d]): bead norms need every pair inside a bead.
        self.sa = {d: np.array([_dot(x, y) for x, y in zip(src, src[d:])] + [0.0] * d)
                   for d in range(1, max_bead)}
        self.ta = {d: np.array([_dot(x, y) for x, y in zip(tgt, tgt[d:])] + [0.0] * d)
                   for d in range(1, max_bead)}
        # Prefix sums, so that the norm of any run of sentences costs O(max_bead).
        self.ps, self.pt = _prefix(self.ns2), _prefix(self.nt2)
        self.psa = {d: _prefix(v) for d, v in self.sa.items()}
        self.pta = {d: _prefix(v) for d, v in self.ta.items()}
        self._fill(_csr(src, vocab), _csr(tgt, vocab), band, max_bead)

    def _fill(self, s_csr, t_csr, band: Band, k: int) -> None:
        n, m = self.n, self.m
        rows = np.arange(n)
        self.goff = np.maximum(0, band.lo[rows + 1] - k)
        gend = np.minimum(m, band.hi[np.minimum(n, rows + k)])
        gend = np.maximum(gend, self.goff)
        self.gend = gend
        self.G = np.zeros((n, int((gend - self.goff).max(initial=0)) + 1))
        (sp, si, sv), (tp, ti, tv) = s_csr, t_csr
        for s0 in range(0, n, CHUNK):
            s1 = min(n, s0 + CHUNK)
            t0, t1 = int(self.goff[s0]), int(gend[s1 - 1])
            if t1 <= t0:
                continue
            a_cols, a_vals = si[sp[s0]:sp[s1]], sv[sp[s0]:sp[s1]]
            b_cols, b_vals = ti[tp[t0]:tp[t1]], tv[tp[t0]:tp[t1]]
            common = np.intersect1d(a_cols, b_cols)
            if not len(common):
                continue
            a_rows = np.repeat(np.arange(s1 - s0), np.diff(sp[s0:s1 + 1]))
            b_rows = np.repeat(np.arange(t1 - t0), np.diff(tp[t0:t1 + 1]))
            a_pos, a_ok = _positions(common, a_cols)
            b_pos, b_ok = _positions(common, b_cols)
            B = np.zeros((t1 - t0, len(common)))
            B[b_rows[b_ok], b_pos[b_ok]] = b_vals[b_ok]
            # Sparse source rows times the dense target block: one column per source entry,
            # then the columns of each source row summed.
            rows, contrib = a_rows[a_ok], B[:, a_pos[a_ok]] * a_vals[a_ok]
            starts = np.searchsorted(rows, np.arange(s1 - s0))
            sums = np.add.reduceat(contrib, np.minimum(starts, len(rows) - 1), axis=1)
            has = np.diff(np.append(starts, len(rows))) > 0
            block = np.where(has, sums, 0.0).T
            for s in range(s0, s1):
                lo, hi = int(self.goff[s]) - t0, int(gend[s]) - t0
                self.G[s, : hi - lo] = block[s - s0, lo:hi]

    def dots(self, s: np.ndarray | int, t: np.ndarray) -> np.ndarray:
        """``G[s, t]`` elementwise (0 outside the band)."""
        k = t - self.goff[s]
        ok = (k >= 0) & (k < self.G.shape[1])
        return np.where(ok, self.G[s, np.clip(k, 0, self.G.shape[1] - 1)], 0.0)

    def bead(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine of ``src[i-a:i]`` against ``tgt[j-b:j]``, elementwise over ``i`` and ``j``."""
        dot = np.zeros(len(j))
        for u in range(1, a + 1):
            for d in range(1, b + 1):
                dot += self.dots(i - u, j - d)
        den = np.sqrt(self._norm2(self.ps, self.psa, i, a) * self._norm2(self.pt, self.pta, j, b))
        return np.divide(dot, den, out=np.zeros(len(j)), where=den > 0)

    def members(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> list[np.ndarray]:
        """Cosine of each sentence of the bead against the whole other side: a + b arrays, the
        source members then the target members, each in document order."""
        ns, nt = self._norm2(self.ps, self.psa, i, a), self._norm2(self.pt, self.pta, j, b)
        g = {(u, d): self.dots(i - u, j - d) for u in range(1, a + 1) for d in range(1, b + 1)}
        out = []
        for u in range(a, 0, -1):
            den = np.sqrt(self.ns2[i - u] * nt)
            dot = sum(g[u, d] for d in range(1, b + 1))
            out.append(np.divide(dot, den, out=np.zeros(len(j)), where=den > 0))
        for d in range(b, 0, -1):
            den = np.sqrt(self.nt2[j - d] * ns)
            dot = sum(g[u, d] for u in range(1, a + 1))
            out.append(np.divide(dot, den, out=np.zeros(len(j)), where=den > 0))
        return out

    @staticmethod
    def _norm2(p: np.ndarray, pa: dict[int, np.ndarray], end: np.ndarray, size: int) -> np.ndarray:
        """Squared norm of the sum of sentences end-size..end-1, from prefix sums."""
        out = p[end] - p[end - size]
        for d in range(1, size):  # pairs (s, s + d) with end - size <= s < end - d
            out = out + 2 * (pa[d][end - d] - pa[d][end - size])
        return out

    def random_cosines(self, k: int = 2000, seed: int = 0) -> np.ndarray:
        """1-1 cosines of ``k`` random sentence pairs from anywhere in the documents.

        Chance level must not depend on the band: inside a narrow band neighbours share topic
        words, and the true pairs are a large share of the cells.
        """
        rng = np.random.default_rng(seed)
        s, t = rng.integers(0, self.n, k), rng.integers(0, self.m, k)
        # A short document draws the same pairs many times: each is computed once.
        cache: dict[tuple[int, int], float] = {}
        for x, y in zip(s.tolist(), t.tolist()):
            if (x, y) not in cache:
                cache[x, y] = _dot(self.src[x], self.tgt[y])
        dots = np.array([cache[x, y] for x, y in zip(s.tolist(), t.tolist())])
        den = np.sqrt(self.ns2[s] * self.nt2[t])
        return np.divide(dots, den, out=np.zeros(k), where=den > 0)

    def row_cosines(self) -> list[np.ndarray]:
        """1-1 cosines per source sentence over its band cells (for calibration)."""
        out = []
        for s in range(self.n):
            t = np.arange(self.goff[s], self.gend[s])
            den = np.sqrt(self.ns2[s] * self.nt2[t])
            out.append(np.divide(self.dots(s, t), den, out=np.zeros(len(t)), where=den > 0))
        return out
