"""Embedder interface: sentences in, L2-normalised float32 rows out (so dot product = cosine)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from xlate.errors import BackendError


class Embedder(Protocol):
    name: str  # recorded in the report signature, e.g. "hf:sentence-transformers/LaBSE"

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        """A ``(len(sentences), dim)`` float32 array of unit-length rows, in input order."""
        ...


def normalize_rows(x: np.ndarray) -> np.ndarray:
    """L2-normalise rows as float32; all-zero rows stay zero instead of becoming NaN."""
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, np.float32(1e-12))


def run_embedder(embedder: Embedder, sentences: Sequence[str]) -> np.ndarray:
    """Call a backend and check its contract once: shape, dtype, finite unit rows."""
    sents = list(sentences)
    out = embedder.embed(sents)
    if not isinstance(out, np.ndarray) or out.ndim != 2 or out.shape[0] != len(sents):
        shape = getattr(out, "shape", type(out).__name__)
        raise BackendError(f"embedder {embedder.name} returned {shape} for {len(sents)} sentences")
    if out.dtype != np.float32 or not np.isfinite(out).all():
        raise BackendError(f"embedder {embedder.name} returned non-finite or non-float32 rows")
    if len(sents) and not np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-3):
        raise BackendError(f"embedder {embedder.name} returned rows that are not unit length")
    return out
