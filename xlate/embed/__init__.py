"""Sentence embedders, picked by name and imported only when picked.

>>> emb = get_embedder("labse", ModelSettings(device="auto"))  # doctest: +SKIP
>>> run_embedder(emb, ["Dobrý deň.", "Good day."]).shape         # doctest: +SKIP
(2, 768)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xlate.embed.base import Embedder, run_embedder
from xlate.registry import load_dotted

if TYPE_CHECKING:  # xlate.config imports the aligners, which import xlate.embed.base
    from xlate.config import ModelSettings

# name -> (dotted class path, model id). Any other name is taken as a hub id or local folder.
EMBEDDERS: dict[str, tuple[str, str]] = {
    "labse": ("xlate.embed.hf:HFEmbedder", "sentence-transformers/LaBSE"),
    "minilm": ("xlate.embed.hf:HFEmbedder",
               "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"),
}
DEFAULT_BACKEND = "xlate.embed.hf:HFEmbedder"

__all__ = ["EMBEDDERS", "Embedder", "get_embedder", "run_embedder"]


def get_embedder(name: str, settings: ModelSettings | None = None, **options: Any) -> Embedder:
    """Build an embedder: a registry name (``labse``, ``minilm``), a hub id or a model folder.

    ``settings`` say where models come from and which device runs them; ``options`` are the
    backend's own (``pooling``, ``batch_size``, ``max_length``). Nothing is loaded until the first
    ``embed()`` (or ``.load()``): the model is then resolved offline-first. MissingDependencyError
    carries the install or download command.
    """
    # Registry names in any case (LaBSE = labse); anything else is a hub id or folder, case kept.
    dotted, model = EMBEDDERS.get(name.lower(), (DEFAULT_BACKEND, name))
    return load_dotted(dotted)(model, settings, **options)
