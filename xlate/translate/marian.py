"""Marian (opus-mt) backend: one model per language pair, pivoting through English when needed."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

from xlate.errors import MissingDependencyError, XlateError
from xlate.models import ResolvedModel, find_local, require_ml, resolve_model
from xlate.translate import codes
from xlate.translate.base import model_key, model_label

_PAIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})$")


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


def model_pair(model_id: str) -> tuple[str, str] | None:
    """``(src, tgt)`` read from an opus-mt model name (``…/opus-mt-sk-en``); None for other names."""
    m = _PAIR.search(model_id.rstrip("/\\"))
    return (codes.normalize(m.group(1)), codes.normalize(m.group(2))) if m else None


def fixed_model(
    name: str | ResolvedModel,
    src: str,
    tgt: str,
    *,
    models_dir: str | os.PathLike | None = None,
    download: bool | None = None,
) -> ResolvedModel:
    """The one model the user named, refused (MissingDependencyError, as for a missing model) for a
    direction other than the one in its name, so an sk-en model never "translates" en→sk (a
    ResolvedModel is checked as it is)."""
    m = name if isinstance(name, ResolvedModel) else resolve_model(name, models_dir=models_dir, download=download)
    pair = model_pair(m.id) or model_pair(m.path.name)
    if pair is not None and pair != (codes.normalize(src), codes.normalize(tgt)):
        raise MissingDependencyError(f"model {m.id} translates {pair[0]}->{pair[1]}, not {src}->{tgt}")
    return m


class Marian:
    """Translate with Helsinki-NLP opus-mt models found by :func:`find_route` (loaded lazily).

    ``model`` (a folder, Hub id or ResolvedModel) fixes the model instead: it serves only its own
    direction when its name says one (``opus-mt-sk-en``), any direction otherwise. ``routes`` holds
    model chains already found, keyed by normalised ``(src, tgt)``.
    """

    name = "marian"

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
        org: str = codes.MARIAN_ORG,
        routes: dict[tuple[str, str], list[ResolvedModel]] | None = None,
    ) -> None:
        require_ml()  # fail early with the pip hint; models load on first translate()
        self._given = model if isinstance(model, ResolvedModel) or model is None else os.fspath(model)
        self.model_name = model.id if isinstance(model, ResolvedModel) else self._given
        self.device = device
        self.models_dir = models_dir
        self.download = download
        self.org = org
        self.gen_kwargs: dict[str, Any] = {
            "batch_size": batch_size, "num_beams": num_beams, "max_new_tokens": max_new_tokens,
            "max_input_tokens": max_input_tokens,
        }
        self._routes = dict(routes or {})
        self._models: dict[str, Any] = {}

    def route(self, src: str, tgt: str) -> list[ResolvedModel]:
        """The (cached) model chain for a pair."""
        key = (codes.normalize(src), codes.normalize(tgt))
        if key not in self._routes and self._given is not None:
            self._routes[key] = [fixed_model(self._given, *key, models_dir=self.models_dir, download=self.download)]
        elif key not in self._routes:
            self._routes[key] = find_route(*key, models_dir=self.models_dir, download=self.download, org=self.org)
        return self._routes[key]

    def describe(self, src: str, tgt: str) -> str:
        """``marian:<model id>`` for this direction, ``+``-joined when pivoting through English;
        the backend (and the model asked for) when the direction has no model (never raises)."""
        try:
            if codes.normalize(src) != codes.normalize(tgt):
                return model_label(self.name, self.route(src, tgt))
        except XlateError:
            pass
        return self.name if self.model_name is None else f"{self.name}:{self.model_name}"

    def _model(self, m: ResolvedModel) -> Any:
        if str(m.path) not in self._models:
            from xlate.translate.hf import Seq2Seq

            self._models[str(m.path)] = Seq2Seq(m, device=self.device, kinds=("marian",), **self.gen_kwargs)
        return self._models[str(m.path)]

    def cache_key(self, src: str, tgt: str) -> str:
        """Model ids and fingerprints of the chain plus the settings that change outputs."""
        g = self.gen_kwargs
        return model_key(self.name, self.route(src, tgt), g["num_beams"], g["max_new_tokens"], g["max_input_tokens"])

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per sentence; same-language pairs are returned unchanged."""
        if codes.normalize(src) == codes.normalize(tgt):
            return list(sents)
        texts = list(sents)
        for m in self.route(src, tgt):
            texts = self._model(m).generate(texts)
        return texts
