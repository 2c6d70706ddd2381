"""Many-to-many backends: M2M100 and NLLB-200 (one model, language chosen by special tokens)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from xlate.errors import XlateError
from xlate.models import ResolvedModel, require_ml, resolve_model
from xlate.translate import codes
from xlate.translate.base import model_key, model_label


class _Multilingual:
    family = ""
    default_model = ""

    def __init__(
        self,
        *,
        model: str | os.PathLike | ResolvedModel | None = None,
        device: str = "cpu",
        models_dir: str | os.PathLike | None = None,
        batch_size: int = 16,
        num_beams: int = 1,
        max_new_tokens: int = 256,
        max_input_tokens: int = 512,
        download: bool | None = None,
    ) -> None:
        require_ml()  # the model itself is resolved and loaded on first translate()
        self.name = self.family
        # A ResolvedModel (``--translator PATH``) was found already: it is not looked up again.
        self._resolved = model if isinstance(model, ResolvedModel) else None
        self.model_name = self._resolved.id if self._resolved else os.fspath(model or self.default_model)
        self.device = device
        self.models_dir = models_dir
        self.download = download
        self.gen_kwargs: dict[str, Any] = {
            "batch_size": batch_size, "num_beams": num_beams, "max_new_tokens": max_new_tokens,
            "max_input_tokens": max_input_tokens,
        }
        self._s2s: Any = None

    def code(self, lang: str) -> str:
        """The model family's code for an ISO 639-1 language."""
        raise NotImplementedError

    @property
    def resolved(self) -> ResolvedModel:
        """The model folder (resolved on first use, so constructors never touch the network)."""
        if self._resolved is None:
            self._resolved = resolve_model(self.model_name, models_dir=self.models_dir,
                                           download=self.download)
        return self._resolved

    def describe(self, src: str, tgt: str) -> str:
        """``<family>:<model id>``: one model serves every direction (describing never raises)."""
        try:
            return model_label(self.name, [self.resolved])
        except XlateError:
            return f"{self.name}:{self.model_name}"

    def cache_key(self, src: str, tgt: str) -> str:
        """Model id and fingerprint plus the settings that change outputs, for the translation cache."""
        g = self.gen_kwargs
        return model_key(self.name, [self.resolved], g["num_beams"], g["max_new_tokens"], g["max_input_tokens"])

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per sentence; same-language pairs are returned unchanged."""
        s, t = self.code(src), self.code(tgt)
        if s == t:
            return list(sents)
        if self._s2s is None:
            from xlate.translate.hf import Seq2Seq

            self._s2s = Seq2Seq(self.resolved, device=self.device, kinds=("m2m_100",), **self.gen_kwargs)
        return self._s2s.generate(list(sents), src_lang=s, tgt_lang=t)


class M2M100(_Multilingual):
    """facebook/m2m100_418M by default; ISO 639-1 codes (``__sk__`` tokens)."""

    family = "m2m100"
    default_model = "facebook/m2m100_418M"

    def code(self, lang: str) -> str:
        return codes.m2m100_code(lang)


class NLLB(_Multilingual):
    """facebook/nllb-200-distilled-600M by default; FLORES-200 codes (``slk_Latn``)."""

    family = "nllb"
    default_model = "facebook/nllb-200-distilled-600M"

    def code(self, lang: str) -> str:
        return codes.nllb_code(lang)
