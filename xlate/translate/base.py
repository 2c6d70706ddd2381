"""Translator interface and the wrapper that checks every backend's contract once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from xlate.errors import BackendError


class Translator(Protocol):
    """Model backends also have ``describe(src, tgt) -> str`` (the name for one direction, never
    raising) and ``cache_key(src, tgt) -> str`` (models, fingerprints and output-changing settings)."""

    # Recorded in the report's config, e.g. "marian:Helsinki-NLP/opus-mt-sk-en": the backend alone
    # ("marian") until a direction's models are resolved, then the models of the last one resolved.
    name: str

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per input sentence, in order."""
        ...


def run_translator(translator: Translator, sents: Sequence[str], src: str, tgt: str) -> list[str]:
    """Call a backend and check it returned one string per input (never ``assert``: -O drops it)."""
    out = translator.translate(list(sents), src, tgt)
    if len(out) != len(sents) or not all(isinstance(s, str) for s in out):
        raise BackendError(
            f"translator {translator.name} returned {len(out)} outputs for {len(sents)} inputs"
        )
    return out
