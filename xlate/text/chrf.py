"""chrF between two texts in one language: how much wording a machine translation and a human
rendering share (the quote check and the MT comparison both use it)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _metric() -> Any:
    # Imported on first use: sacrebleu costs ~0.13 s to import, and only runs with MT need it.
    from sacrebleu.metrics import CHRF

    return CHRF()


def chrf(hyp: str, ref: str) -> float:
    """Sentence-level chrF (0-100) of ``hyp`` against ``ref``, as sacrebleu computes it."""
    return _metric().sentence_score(hyp, [ref]).score
