"""Translator interface, the wrapper that checks every backend's contract once, and the split that
model backends share: a *family* picks the models for a direction, an *engine* runs them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from xlate.errors import BackendError, XlateError
from xlate.models import ResolvedModel

if TYPE_CHECKING:
    from xlate.config import ModelSettings


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


class Family(Protocol):
    """Which model(s) translate a direction and the language codes they take (marian.py, m2m.py).

    ``given`` is the model the user named (None: the family's own choice); ``multilingual``
    families take the codes as source language and forced target token, one-pair models do not.
    """

    name: str  # "marian", "m2m100", "nllb"
    kind: str  # the config.json model_type its folders must have
    given: str | None
    default_model: str | None
    multilingual: bool

    def codes(self, src: str, tgt: str) -> tuple[str, str]:
        """The model's codes for a direction (ConfigError for a language it lacks)."""
        ...

    def route(self, src: str, tgt: str) -> list[ResolvedModel]:
        """The model chain for a direction, run in order (resolved once, then kept)."""
        ...


class Engine(Protocol):
    """Runs one model folder: transformers (hf.py) or CTranslate2 (ct2.py)."""

    def generate(self, model: ResolvedModel, texts: list[str], src_lang: str | None = None,
                 tgt_lang: str | None = None) -> list[str]:
        """One output per text; the language codes only for multilingual families."""
        ...


def model_label(name: str, chain: Iterable[ResolvedModel]) -> str:
    """``name:<model id>``, ``+``-joined when a direction pivots: what ``describe()`` returns."""
    return f"{name}:" + "+".join(m.id for m in chain)


def model_key(name: str, chain: Iterable[ResolvedModel], settings: ModelSettings) -> str:
    """A translation-cache key: ``name:<id>@<fingerprint>[+…]`` and the settings that change outputs."""
    return (f"{name}:" + "+".join(f"{m.id}@{m.fingerprint}" for m in chain)
            + f"|beams={settings.num_beams},new={settings.max_new_tokens},in={settings.max_input_tokens}")


class ModelTranslator:
    """A family run by an engine: what Marian, M2M100, NLLB and CT2 share.

    ``key_name`` starts the cache key (CT2 adds its family, so a CT2 output never serves for a
    transformers one); ``fallback`` is what ``describe()`` says when a direction has no model
    (default: ``name``, with the model asked for if any).
    """

    name: str

    def __init__(self, family: Family, engine: Engine, settings: ModelSettings, *, key_name: str,
                 fallback: str | None = None) -> None:
        self.family = family
        self.engine = engine
        self.settings = settings
        self.key_name = key_name
        asked = self.model_name
        self.fallback = fallback or (self.name if asked is None else f"{self.name}:{asked}")

    @property
    def model_name(self) -> str | None:
        """The model the user named, else the family's default (None: Marian's routes)."""
        return self.family.given or self.family.default_model

    def route(self, src: str, tgt: str) -> list[ResolvedModel]:
        """The (cached) model chain for a pair."""
        return self.family.route(src, tgt)

    def describe(self, src: str, tgt: str) -> str:
        """``<name>:<model id>`` for this direction, ``+``-joined when pivoting through English; the
        fallback when the direction has no model or is the same language (never raises)."""
        try:
            s, t = self.family.codes(src, tgt)
            if s != t:
                return model_label(self.name, self.route(src, tgt))
        except XlateError:
            pass
        return self.fallback

    def cache_key(self, src: str, tgt: str) -> str:
        """Model ids and fingerprints of the chain plus the settings that change outputs."""
        return model_key(self.key_name, self.route(src, tgt), self.settings)

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per sentence; same-language pairs are returned unchanged."""
        s, t = self.family.codes(src, tgt)
        if s == t:
            return list(sents)
        langs = (s, t) if self.family.multilingual else (None, None)
        texts = list(sents)
        for m in self.route(src, tgt):
            texts = self.engine.generate(m, texts, *langs)
        return texts


def run_translator(translator: Translator, sents: Sequence[str], src: str, tgt: str) -> list[str]:
    """Call a backend and check it returned one string per input (never ``assert``: -O drops it)."""
    out = translator.translate(list(sents), src, tgt)
    if len(out) != len(sents) or not all(isinstance(s, str) for s in out):
        raise BackendError(
            f"translator {translator.name} returned {len(out)} outputs for {len(sents)} inputs"
        )
    return out
