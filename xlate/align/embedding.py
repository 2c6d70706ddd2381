"""Embedding similarity for the aligner, as vecalign and bertalign do it.

A bead of up to two sentences on a side is embedded as the concatenation of its sentences (the
model sees them as one text); longer runs use the normalised sum of sentence vectors. Every
distinct string goes through the model once. The class offers the interface the aligner's cost
uses (``bead``, ``row_cosines``, ``random_cosines``, ``goff``), so embeddings are one more view
beside the lexical features, weighted and calibrated the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from xlate.align.dp import Band
from xlate.embed.base import Embedder, run_embedder

CONCAT_MAX = 2  # runs up to this many sentences are embedded as one text


def _run_vectors(embedder: Embedder, sents: Sequence[str], max_run: int) -> dict[int, np.ndarray]:
    """``out[k][e]``: unit vector of ``sents[e-k:e]`` (rows below ``k`` are zero)."""
    n = len(sents)
    texts = {k: [" ".join(sents[e - k:e]) for e in range(k, n + 1)] for k in range(1, min(CONCAT_MAX, max_run) + 1)}
    unique = sorted({t for ts in texts.values() for t in ts})
    vec = run_embedder(embedder, unique) if unique else np.zeros((0, 1), dtype=np.float32)
    row = {t: i for i, t in enumerate(unique)}
    dim = vec.shape[1]
    out: dict[int, np.ndarray] = {}
    for k in range(1, max_run + 1):
        arr = np.zeros((n + 1, dim), dtype=np.float32)
        if k in texts:
            arr[k:] = vec[[row[t] for t in texts[k]]]
        else:  # longer runs: sum of sentence vectors, renormalised
            ones = out[1]
            csum = np.cumsum(np.vstack([np.zeros((1, dim), dtype=np.float32), ones[1:]]), axis=0)
            summed = csum[k:] - csum[:-k]
            norms = np.linalg.norm(summed, axis=1, keepdims=True)
            arr[k:] = np.divide(summed, norms, out=np.zeros_like(summed), where=norms > 0)
        out[k] = arr
    return out


class EmbeddingSimilarity:
    """Cosines of bead embeddings for beads ending inside ``band``."""

    def __init__(self, embedder: Embedder, src: Sequence[str], tgt: Sequence[str], band: Band,
                 max_bead: int = 2) -> None:
        self.n, self.m = len(src), len(tgt)
        self.S = _run_vectors(embedder, src, max_bead)
        self.T = _run_vectors(embedder, tgt, max_bead)
        rows = np.arange(self.n)
        self.goff = np.maximum(0, band.lo[rows + 1] - max_bead)
        self.gend = np.maximum(np.minimum(self.m, band.hi[np.minimum(self.n, rows + max_bead)]), self.goff)

    def bead(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine of ``src[i-a:i]`` against ``tgt[j-b:j]``, elementwise."""
        return np.einsum("ij,ij->i", self.S[a][i], self.T[b][j]).astype(np.float64)

    def random_cosines(self, k: int = 2000, seed: int = 0) -> np.ndarray:
        rng = np.random.default_rng(seed)
        s, t = rng.integers(1, self.n + 1, k), rng.integers(1, self.m + 1, k)
        return self.bead(1, 1, s, t)

    def row_cosines(self) -> list[np.ndarray]:
        out = []
        for s in range(self.n):
            t = np.arange(self.goff[s], self.gend[s])
            out.append(self.bead(1, 1, np.full(len(t), s + 1), t + 1))
        return out
