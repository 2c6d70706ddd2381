"""Turn the user's ``embedder``/``translator`` settings into backend objects, or a clear notice.

``lexical``/``none`` need nothing; ``auto`` uses what is on this machine and otherwise falls back
with one line saying what it fell back to and how to get the better model; an explicitly named
model that cannot be found is an error (exit 2) naming the places searched. A ready object that
has ``embed``/``translate`` is used as it is (tests, notebooks).
Notices are returned with the backend, never printed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xlate.config import ModelSettings
from xlate.errors import MissingDependencyError, XlateError

DEFAULT_EMBEDDER = "labse"
AUTO_EMBEDDERS = (DEFAULT_EMBEDDER, "minilm")  # what auto tries, best first


@dataclass(frozen=True)
class Loaded:
    """A resolved backend (None: run without it) and the notices that explain a fallback."""

    backend: Any = None
    notices: tuple[str, ...] = ()


def resolve_embedder(spec: Any, settings: ModelSettings) -> Loaded:
    """The embedder ``spec`` names: None for ``lexical``; under ``auto`` the first model on disk."""
    if spec is None or spec == "lexical":
        return Loaded()
    if not isinstance(spec, str):
        return Loaded(spec)
    from importlib.util import find_spec

    auto = spec == "auto"
    if find_spec("torch") is None or find_spec("transformers") is None:
        msg = "sentence embeddings need torch and transformers: pip install 'xlate[embed]'"
        if auto:
            return Loaded(None, (f"no embedding model: {msg}; aligning with the lexical backend",))
        raise MissingDependencyError(msg)
    from dataclasses import replace

    from xlate.embed import get_embedder

    if not auto:
        embedder = get_embedder(spec, settings)
        embedder.load()  # resolve now (offline-first), so a missing model is reported up front
        return Loaded(embedder)
    # auto means "what is on this machine": it never downloads, and takes the first that loads.
    on_disk = replace(settings, download=False)
    why = []
    for name in AUTO_EMBEDDERS:
        embedder = get_embedder(name, on_disk)
        try:
            return Loaded(embedder.load())
        except MissingDependencyError as e:  # also ModelError: a folder that is there but broken
            why.append(str(e))
    return Loaded(None, (f"no embedding model found, aligning with the lexical backend ({why[0]})",))


def resolve_translator(spec: Any, src: str, tgt: str, settings: ModelSettings) -> Loaded:
    """The translator ``spec`` names for ``src→tgt``: None for ``none``; ``auto`` never downloads."""
    if spec is None or spec == "none":
        return Loaded()
    if not isinstance(spec, str):
        return Loaded(spec)
    from xlate.translate import auto_translator, get_translator

    if spec == "auto":
        translator, notice = auto_translator(src, tgt, settings)
        return Loaded(translator, (notice,) if notice else ())
    return Loaded(get_translator(spec, settings))


def backend_name(backend: Any) -> str:
    """What a report calls a backend object: its ``name``, else its class name."""
    return str(getattr(backend, "name", type(backend).__name__))


def describe(backend: Any, src: str, tgt: str) -> str:
    """The backend's name for this direction (the models it uses), else its plain name."""
    fn = getattr(backend, "describe", None)  # the translation cache passes it on to what it wraps
    return str(fn(src, tgt)) if callable(fn) else backend_name(backend)


def model_records(backend: Any, src: str, tgt: str) -> list[dict[str, str]]:
    """Every model folder a backend used: id, how it was found, path and fingerprint."""
    if backend is None:
        return []
    inner = getattr(backend, "inner", backend)
    try:
        if callable(getattr(inner, "route", None)):
            found = list(inner.route(src, tgt))
        else:
            found = [inner.resolved] if getattr(inner, "resolved", None) is not None else []
    except XlateError:  # a backend that cannot say is not worth failing a finished check for
        return []
    return [{"id": m.id, "source": m.source, "path": str(m.path), "fingerprint": m.fingerprint}
            for m in found if hasattr(m, "path")]
