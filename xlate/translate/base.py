"""Translator interface and the wrapper that checks every backend's contract once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from xlate.errors import BackendError
from xlate.models import ResolvedModel


class Translator(Protocol):
    """Model backends also have ``describe(src, tgt) -> str`` (the models one direction uses, e.g.
    "marian:Helsinki-NLP/opus-mt-sk-en", recorded in the report; never raises) and
    ``cache_key(src, tgt) -> str`` (models, fingerprints and output-changing settings)."""

    # The backend alone ("marian", "m2m100", "nllb", "ct2-int8"), fixed when it is built: a report
    # names a direction's models with describe(), which holds whatever translate() did before.
    name: str

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per input sentence, in order."""
        ...


def model_label(name: str, chain: Iterable[ResolvedModel]) -> str:
    """``name:<model id>``, ``+``-joined when a direction pivots: what ``describe()`` returns."""
    return f"{name}:" + "+".join(m.id for m in chain)


def model_key(name: str, chain: Iterable[ResolvedModel], num_beams: int, max_new_tokens: int,
              max_input_tokens: int) -> str:
    """A translation-cache key: ``name:<id>@<fingerprint>[+…]`` and the settings that change outputs."""
    return (f"{name}:" + "+".join(f"{m.id}@{m.fingerprint}" for m in chain)
            + f"|beams={num_beams},new={max_new_tokens},in={max_input_tokens}")


def run_translator(translator: Translator, sents: Sequence[str], src: str, tgt: str) -> list[str]:
    """Call a backend and check it returned one string per input (never ``assert``: -O drops it)."""
    out = translator.translate(list(sents), src, tgt)
    if len(out) != len(sents) or not all(isinstance(s, str) for s in out):
        raise BackendError(
            f"translator {translator.name} returned {len(out)} outputs for {len(sents)} inputs"
        )
    return out
