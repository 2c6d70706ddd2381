"""Marian (opus-mt): one model per language pair, pivoting through English when needed.

:class:`MarianRoutes` picks the models for a direction (CT2 uses it too); :class:`Marian` runs them
on transformers.
"""

from __future__ import annotations

import os
import re

from xlate.config import ModelSettings
from xlate.errors import MissingDependencyError
from xlate.models import ModelStore, ResolvedModel
from xlate.translate import codes
from xlate.translate.base import ModelTranslator
from xlate.translate.hf import Transformers

_PAIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})$")


def find_route(src: str, tgt: str, store: ModelStore, org: str = codes.MARIAN_ORG) -> list[ResolvedModel]:
    """The opus-mt model chain for a pair: direct ``src-tgt``, else ``src-en`` + ``en-tgt``.

    Models already on disk win over downloads, so a local pivot beats downloading a direct model.
    Raises MissingDependencyError naming the direct model (and the pivot) when nothing works.
    """
    routes = codes.marian_routes(src, tgt, org)
    for route in routes:
        found = [store.find_local(m) for m in route]
        if all(found):
            return found  # type: ignore[return-value]
    errors: list[str] = []
    for route in routes:
        try:
            return [store.resolve(m) for m in route]
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


def fixed_model(name: str | ResolvedModel, src: str, tgt: str, store: ModelStore) -> ResolvedModel:
    """The one model the user named, refused (MissingDependencyError, as for a missing model) for a
    direction other than the one in its name, so an sk-en model never "translates" en→sk (a
    ResolvedModel is checked as it is)."""
    m = name if isinstance(name, ResolvedModel) else store.resolve(name)
    pair = model_pair(m.id) or model_pair(m.path.name)
    if pair is not None and pair != (codes.normalize(src), codes.normalize(tgt)):
        raise MissingDependencyError(f"model {m.id} translates {pair[0]}->{pair[1]}, not {src}->{tgt}")
    return m


class MarianRoutes:
    """The Marian family: one opus-mt model per pair (:func:`find_route`, pivoting through English),
    or the one model the user named (:func:`fixed_model`). Whatever engine runs them."""

    name = kind = "marian"
    default_model = None
    multilingual = False  # one pair per model: no language tokens

    def __init__(
        self,
        store: ModelStore,
        *,
        model: str | os.PathLike | ResolvedModel | None = None,
        org: str = codes.MARIAN_ORG,
        routes: dict[tuple[str, str], list[ResolvedModel]] | None = None,
    ) -> None:
        self.store = store
        self._given = model if isinstance(model, ResolvedModel) or model is None else os.fspath(model)
        self.given = model.id if isinstance(model, ResolvedModel) else self._given
        self.org = org
        self._routes = dict(routes or {})

    def codes(self, src: str, tgt: str) -> tuple[str, str]:
        """ISO 639-1 codes: opus-mt names pairs by them."""
        return codes.normalize(src), codes.normalize(tgt)

    def route(self, src: str, tgt: str) -> list[ResolvedModel]:
        """The (cached) model chain for a pair."""
        key = self.codes(src, tgt)
        if key not in self._routes and self._given is not None:
            self._routes[key] = [fixed_model(self._given, *key, self.store)]
        elif key not in self._routes:
            self._routes[key] = find_route(*key, self.store, self.org)
        return self._routes[key]


class Marian(ModelTranslator):
    """Translate with Helsinki-NLP opus-mt models on transformers (models load on first use).

    ``model`` (a folder, Hub id or ResolvedModel) fixes the model instead: it serves only its own
    direction when its name says one (``opus-mt-sk-en``), any direction otherwise. ``routes`` holds
    model chains already found, keyed by normalised ``(src, tgt)``.
    """

    name = "marian"

    def __init__(
        self,
        settings: ModelSettings | None = None,
        *,
        model: str | os.PathLike | ResolvedModel | None = None,
        org: str = codes.MARIAN_ORG,
        routes: dict[tuple[str, str], list[ResolvedModel]] | None = None,
    ) -> None:
        settings = settings or ModelSettings()
        family = MarianRoutes(ModelStore(settings), model=model, org=org, routes=routes)
        super().__init__(family, Transformers(settings, family.kind), settings, key_name=self.name)
