"""transformers sentence encoder (LaBSE, multilingual MiniLM, any BERT/XLM-R folder).

Pooling follows the folder's sentence-transformers files when present (``modules.json``,
``1_Pooling/config.json``, an optional ``2_Dense`` layer such as LaBSE's tanh projection);
otherwise mean pooling, or the BERT pooler output for LaBSE ports without those files.
Each distinct string is encoded once per object; rows are L2-normalised float32.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from xlate.embed.base import normalize_rows
from xlate.errors import ConfigError
from xlate.models import ResolvedModel, require_ml, resolve_model, torch_device

POOLINGS = ("auto", "mean", "cls", "max", "lasttoken", "pooler")
_ACTIVATIONS = {"Tanh": "tanh", "Identity": None, "ReLU": "relu"}


def read_st_config(folder: Path) -> dict[str, Any]:
    """Pooling, Dense and max length from sentence-transformers files ({} when absent)."""
    modules_file = folder / "modules.json"
    if not modules_file.is_file():
        return {}
    info: dict[str, Any] = {"dense": []}
    for mod in json.loads(modules_file.read_text(encoding="utf-8")):
        kind = mod.get("type", "").rsplit(".", 1)[-1]
        sub = folder / mod.get("path", "")
        if kind == "Transformer":
            info["transformer"] = sub
            cfg = folder / "sentence_bert_config.json"
            cfg = sub / "sentence_bert_config.json" if not cfg.is_file() else cfg
            if cfg.is_file():
                info["max_length"] = json.loads(cfg.read_text()).get("max_seq_length")
        elif kind == "Pooling":
            pcfg = json.loads((sub / "config.json").read_text())
            for mode in ("cls_token", "mean_tokens", "max_tokens", "lasttoken"):
                if pcfg.get(f"pooling_mode_{mode}"):
                    info["pooling"] = {"cls_token": "cls", "mean_tokens": "mean",
                                       "max_tokens": "max", "lasttoken": "lasttoken"}[mode]
                    break
        elif kind == "Dense":
            info["dense"].append(sub)
    return info


class HFEmbedder:
    """Sentence embeddings from a transformers encoder; ``embed()`` returns unit float32 rows."""

    def __init__(
        self,
        model: str = "sentence-transformers/LaBSE",
        *,
        device: str = "cpu",
        models_dir: str | os.PathLike | None = None,
        pooling: str = "auto",
        batch_size: int = 32,
        max_length: int | None = None,
        download: bool | None = None,
    ) -> None:
        if pooling not in POOLINGS:
            raise ConfigError(f"unknown pooling {pooling!r}; use one of {', '.join(POOLINGS)}")
        require_ml()  # fail early with the pip hint; the model is found and loaded on first use
        self.model_name = str(model)
        self.name = f"hf:{self.model_name}"
        self.device = device
        self.models_dir = models_dir
        self.download = download
        self.batch_size = batch_size
        self.pooling = pooling
        self.max_length = max_length
        self.model: Any = None
        self._cache: dict[str, np.ndarray] = {}
        self.encoded = 0  # strings actually run through the model (tests check dedupe)

    def load(self) -> HFEmbedder:
        """Resolve (offline-first, maybe downloading) and load the model; idempotent."""
        if self.model is not None:
            return self
        import torch
        from transformers import AutoModel, AutoTokenizer

        from xlate.translate.hf import quiet_loading

        self._torch = torch
        self.resolved: ResolvedModel = resolve_model(self.model_name, models_dir=self.models_dir,
                                                     download=self.download)
        self.device = torch_device(self.device)
        st = read_st_config(self.resolved.path)
        folder = st.get("transformer", self.resolved.path)
        if self.pooling == "auto":
            labse = "labse" in self.resolved.id.lower()
            self.pooling = st.get("pooling") or ("pooler" if labse else "mean")
        self.max_length = self.max_length or st.get("max_length") or 256
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder))
        with quiet_loading():
            model = AutoModel.from_pretrained(str(folder)).to(self.device).eval()
        self.dense = [self._load_dense(d) for d in st.get("dense", [])]
        self.model = model
        return self

    def _load_dense(self, folder: Path) -> Any:
        torch = self._torch
        cfg = json.loads((folder / "config.json").read_text())
        act_name = cfg.get("activation_function", "Identity").rsplit(".", 1)[-1]
        if act_name not in _ACTIVATIONS:
            raise ConfigError(f"unsupported Dense activation {act_name} in {folder}")
        layer = torch.nn.Linear(cfg["in_features"], cfg["out_features"], bias=cfg.get("bias", True))
        if (folder / "model.safetensors").is_file():
            from safetensors.torch import load_file

            state = load_file(str(folder / "model.safetensors"))
        else:
            state = torch.load(folder / "pytorch_model.bin", map_location="cpu", weights_only=True)
        layer.load_state_dict({k.removeprefix("linear."): v for k, v in state.items()})
        act = _ACTIVATIONS[act_name]
        return layer.to(self.device).eval(), act

    def _pool(self, out: Any, mask: Any) -> Any:
        torch = self._torch
        if self.pooling == "pooler":
            return out.pooler_output
        hidden = out.last_hidden_state
        if self.pooling == "cls":
            return hidden[:, 0]
        m = mask.unsqueeze(-1).to(hidden.dtype)
        if self.pooling == "max":
            return hidden.masked_fill(m == 0, torch.finfo(hidden.dtype).min).max(dim=1).values
        if self.pooling == "lasttoken":
            return hidden[torch.arange(hidden.shape[0]), mask.sum(dim=1) - 1]
        return (hidden * m).sum(dim=1) / m.sum(dim=1).clamp(min=1e-9)

    def _encode(self, texts: list[str]) -> np.ndarray:
        torch = self._torch
        enc = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=True,
                             max_length=self.max_length).to(self.device)
        with torch.inference_mode():
            vec = self._pool(self.model(**enc), enc["attention_mask"])
            for layer, act in self.dense:
                vec = layer(vec)
                vec = getattr(torch, act)(vec) if act else vec
        return vec.float().cpu().numpy()

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        """``(n, dim)`` float32 unit rows; each distinct string is encoded once per object."""
        self.load()
        todo = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if todo:
            lengths = [len(ids) for ids in self.tokenizer(todo, truncation=True,
                                                          max_length=self.max_length).input_ids]
            order = sorted(range(len(todo)), key=lambda i: -lengths[i])
            for start in range(0, len(order), self.batch_size):
                batch = [todo[i] for i in order[start:start + self.batch_size]]
                for s, row in zip(batch, normalize_rows(self._encode(batch)), strict=True):
                    self._cache[s] = row
                self.encoded += len(batch)
        if not sentences:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[s] for s in sentences])

    @property
    def dim(self) -> int:
        """Embedding size (loads the model)."""
        self.load()
        if self.dense:
            return int(self.dense[-1][0].out_features)
        return int(self.model.config.hidden_size)

    def clear_cache(self) -> None:
        """Forget cached vectors (they are kept for the object's lifetime otherwise)."""
        self._cache.clear()
