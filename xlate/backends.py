"""Turn the user's ``embedder``/``translator`` settings into backend objects, or a clear notice.

``lexical``/``none`` need nothing; ``auto`` uses what is on this machine and otherwise falls back
with one line saying what it fell back to and how to get the better model; an explicitly named
model that cannot be found is an error (exit 2) naming the places searched. A ready object that
has ``embed``/``translate`` is used as it is (tests, notebooks, the app's cached models).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from xlate.errors import MissingDependencyError

DEFAULT_EMBEDDER = "labse"
AUTO_EMBEDDERS = (DEFAULT_EMBEDDER, "minilm")  # what auto tries, best first


@dataclass
class Backends:
    embedder: Any = None  # an Embedder, or None for the lexical aligner alone
    translator: Any = None  # a Translator, or None for no MT
    notices: list[str] = field(default_factory=list)


def resolve_embedder(spec: Any, *, device: str = "cpu", models_dir: str | os.PathLike | None = None,
                     notices: list[str]) -> Any:
    if spec is None or spec == "lexical":
        return None
    if not isinstance(spec, str):
        return spec
    from importlib.util import find_spec

    auto = spec == "auto"
    if find_spec("torch") is None or find_spec("transformers") is None:
        msg = "sentence embeddings need torch and transformers: pip install 'xlate[embed]'"
        if auto:
            notices.append(f"no embedding model: {msg}; aligning with the lexical backend")
            return None
        raise MissingDependencyError(msg)
    from xlate.embed import get_embedder

    if not auto:
        embedder = get_embedder(spec, device=device, models_dir=models_dir)
        embedder.load()  # resolve now (offline-first), so a missing model is reported up front
        return embedder
    # auto means "what is on this machine": it never downloads, and takes the first that loads.
    why = []
    for name in AUTO_EMBEDDERS:
        embedder = get_embedder(name, device=device, models_dir=models_dir, download=False)
        try:
            return embedder.load()
        except MissingDependencyError as e:  # also ModelError: a folder that is there but broken
            why.append(str(e))
    notices.append(f"no embedding model found, aligning with the lexical backend ({why[0]})")
    return None


def resolve_translator(spec: Any, src: str, tgt: str, *, device: str = "cpu",
                       models_dir: str | os.PathLike | None = None, notices: list[str]) -> Any:
    if spec is None or spec == "none":
        return None
    if not isinstance(spec, str):
        return spec
    from xlate.translate import auto_translator, get_translator

    if spec == "auto":
        translator, notice = auto_translator(src, tgt, device=device, models_dir=models_dir)
        if notice:
            notices.append(notice)
        return translator
    return get_translator(spec, device=device, models_dir=models_dir)
