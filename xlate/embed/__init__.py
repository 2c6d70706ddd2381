"""Sentence embedders, picked by name and imported only when picked.

>>> emb = get_embedder("labse", device="auto")                  # doctest: +SKIP
>>> run_embedder(emb, ["Dobrý deň.", "Good day."]).shape         # doctest: +SKIP
(2, 768)
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from xlate.embed.base import Embedder, normalize_rows, run_embedder

# name -> (dotted class path, model id). Any other name is taken as a hub id or local folder.
EMBEDDERS: dict[str, tuple[str, str]] = {
    "labse": ("xlate.embed.hf:HFEmbedder", "sentence-transformers/LaBSE"),
    "minilm": ("xlate.embed.hf:HFEmbedder",
               "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"),
}
DEFAULT_BACKEND = "xlate.embed.hf:HFEmbedder"

__all__ = ["EMBEDDERS", "Embedder", "get_embedder", "normalize_rows", "run_embedder"]


def get_embedder(
    name: str,
    device: str = "cpu",
    models_dir: str | os.PathLike | None = None,
    **options: Any,
) -> Embedder:
    """Build an embedder: a registry name (``labse``, ``minilm``), a hub id or a model folder.

    Nothing is loaded until the first ``embed()`` (or ``.load()``): the model is then resolved
    offline-first. MissingDependencyError carries the install or download command.
    """
    # Registry names in any case (LaBSE = labse); anything else is a hub id or folder, case kept.
    dotted, model = EMBEDDERS.get(name.lower(), (DEFAULT_BACKEND, name))
    module, _, attr = dotted.partition(":")
    cls = getattr(importlib.import_module(module), attr)
    return cls(model, device=device, models_dir=models_dir, **options)
