"""Marian (opus-mt) backend: one model per language pair, pivoting through English when needed."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from xlate.errors import MissingDependencyError
from xlate.models import ResolvedModel, find_local, require_ml, resolve_model
from xlate.translate import codes


def find_route(
    src: str,
    tgt: str,
    *,
    models_dir: str | os.PathLike | None = None,
    download: bool | None = None,
    org: str = codes.MARIAN_ORG,
) -> list[ResolvedModel]:
    """The opus-mt model chain for a pair: direct ``src-tgt``, else ``src-en`` + ``en-tgt``.

    Models already on disk win over downloads, so a local pivot beats downloading a direct model.
    Raises MissingDependencyError naming the direct model (and the pivot) when nothing works.
    """
    routes = codes.marian_routes(src, tgt, org)
    for route in routes:
        found = [find_local(m, models_dir=models_dir) for m in route]
        if all(found):
            return found  # type: ignore[return-value]
    errors: list[str] = []
    for route in routes:
        try:
            return [resolve_model(m, models_dir=models_dir, download=download) for m in route]
        except MissingDependencyError as e:
            errors.append(str(e))
    msg = errors[0]
    if len(routes) > 1:
        msg += f" (no English pivot either: {' + '.join(routes[1])})"
    raise MissingDependencyError(msg)


class Marian:
    """Translate with Helsinki-NLP opus-mt models found by :func:`find_route` (loaded lazily)."""

    def __init__(
        self,
        *,
        device: str = "cpu",
        models_dir: str | os.PathLike | None = None,
        batch_size: int = 16,
        num_beams: int = 1,
        max_new_tokens: int = 256,
        download: bool | None = None,
        org: str = codes.MARIAN_ORG,
    ) -> None:
        require_ml()  # fail early with the pip hint; models load on first translate()
        self.device = device
        self.models_dir = models_dir
        self.download = download
        self.org = org
        self.gen_kwargs: dict[str, Any] = {
            "batch_size": batch_size, "num_beams": num_beams, "max_new_tokens": max_new_tokens,
        }
        self.name = "marian"
        self._routes: dict[tuple[str, str], list[ResolvedModel]] = {}
        self._models: dict[str, Any] = {}

    def route(self, src: str, tgt: str) -> list[ResolvedModel]:
        """The (cached) model chain for a pair."""
        key = (codes.normalize(src), codes.normalize(tgt))
        if key not in self._routes:
            self._routes[key] = find_route(*key, models_dir=self.models_dir,
                                           download=self.download, org=self.org)
        return self._routes[key]

    def _model(self, m: ResolvedModel) -> Any:
        if str(m.path) not in self._models:
            from xlate.translate.hf import Seq2Seq

            self._models[str(m.path)] = Seq2Seq(m, device=self.device, **self.gen_kwargs)
        return self._models[str(m.path)]

    def cache_key(self, src: str, tgt: str) -> str:
        """Model ids and fingerprints of the chain, for the translation cache."""
        return "marian:" + "+".join(f"{m.id}@{m.fingerprint}" for m in self.route(src, tgt))

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per sentence; same-language pairs are returned unchanged."""
        if codes.normalize(src) == codes.normalize(tgt):
            return list(sents)
        chain = self.route(src, tgt)
        self.name = "marian:" + "+".join(m.id for m in chain)
        texts = list(sents)
        for m in chain:
            texts = self._model(m).generate(texts)
        return texts
