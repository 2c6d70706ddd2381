"""Many-to-many models: M2M100 and NLLB-200 (one model, language chosen by special tokens).

:class:`OneModel` is the family (which model, which codes; CT2 uses it too); :class:`M2M100` and
:class:`NLLB` run it on transformers.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from xlate.config import ModelSettings
from xlate.models import ModelStore, ResolvedModel
from xlate.translate import codes
from xlate.translate.base import ModelTranslator
from xlate.translate.hf import Transformers

DEFAULT_MODELS = {"m2m100": "facebook/m2m100_418M", "nllb": "facebook/nllb-200-distilled-600M"}
_CODES: dict[str, Callable[[str], str]] = {"m2m100": codes.m2m100_code, "nllb": codes.nllb_code}


class OneModel:
    """One ``m2m_100`` model serves every direction; ``name`` (m2m100|nllb) says which codes it takes."""

    kind = "m2m_100"
    multilingual = True  # the engine sets the source language and forces the target token

    def __init__(self, name: str, store: ModelStore, *, model: str | os.PathLike | ResolvedModel | None = None) -> None:
        self.name = name
        self.store = store
        self.default_model = DEFAULT_MODELS[name]
        # A ResolvedModel (``--translator PATH``) was found already: it is not looked up again.
        self._resolved = model if isinstance(model, ResolvedModel) else None
        self.given = model.id if isinstance(model, ResolvedModel) else (None if model is None else os.fspath(model))

    def code(self, lang: str) -> str:
        """The model family's code for an ISO 639-1 language."""
        return _CODES[self.name](lang)

    def codes(self, src: str, tgt: str) -> tuple[str, str]:
        """Both codes of a direction (ConfigError for a language the family lacks)."""
        return self.code(src), self.code(tgt)

    @property
    def resolved(self) -> ResolvedModel:
        """The model folder (resolved on first use, so constructors never touch the network)."""
        if self._resolved is None:
            self._resolved = self.store.resolve(self.given or self.default_model)
        return self._resolved

    def route(self, src: str, tgt: str) -> list[ResolvedModel]:
        """The one model, whatever the direction."""
        return [self.resolved]


class _Multilingual(ModelTranslator):
    family_name = ""

    def __init__(self, settings: ModelSettings | None = None, *,
                 model: str | os.PathLike | ResolvedModel | None = None) -> None:
        settings = settings or ModelSettings()
        family = OneModel(self.family_name, ModelStore(settings), model=model)
        self.name = family.name
        super().__init__(family, Transformers(settings, family.kind), settings, key_name=family.name)


class M2M100(_Multilingual):
    """facebook/m2m100_418M by default; ISO 639-1 codes (``__sk__`` tokens)."""

    family_name = "m2m100"
    default_model = DEFAULT_MODELS["m2m100"]


class NLLB(_Multilingual):
    """facebook/nllb-200-distilled-600M by default; FLORES-200 codes (``slk_Latn``)."""

    family_name = "nllb"
    default_model = DEFAULT_MODELS["nllb"]
