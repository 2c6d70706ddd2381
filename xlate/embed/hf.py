"""transformers sentence encoder (LaBSE, multilingual MiniLM, any BERT/XLM-R folder).

Pooling follows the folder's sentence-transformers files when present (``modules.json``,
``1_Pooling/config.json``, an optional ``2_Dense`` layer such as LaBSE's tanh projection);
otherwise mean pooling, or the BERT pooler output for LaBSE ports without those files.
A model folder is loaded once per process and device (shared by every HFEmbedder on it);
each distinct string is encoded once per object; rows are L2-normalised float32.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from xlate.config import ModelSettings
from xlate.embed.base import normalize_rows
from xlate.errors import ConfigError, ModelError
from xlate.models import ModelStore, ResolvedModel, load_once, loading, quiet_loading, require_ml, torch_device

POOLINGS = ("auto", "mean", "cls", "max", "lasttoken", "pooler")
DEFAULT_MAX_LENGTH = 256
_ACTIVATIONS = {"Tanh": "tanh", "Identity": None, "ReLU": "relu"}
# Their position ids start at padding_idx + 1, so two rows of the position table are never used.
_OFFSET_POSITIONS = ("xlm-roberta", "roberta", "camembert")


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


def position_limit(config: Any) -> int | None:
    """Longest input (in tokens) the model's position table holds; None when it has no table."""
    n = getattr(config, "max_position_embeddings", None)
    if not isinstance(n, int) or n <= 0:
        return None
    return n - 2 if getattr(config, "model_type", "") in _OFFSET_POSITIONS else n


@dataclass(frozen=True)
class Loaded:
    """One loaded model folder, shared by every HFEmbedder on it (loading costs seconds and RAM)."""

    model: Any
    tokenizer: Any
    pooling: str | None  # from the sentence-transformers files; None means "caller's default"
    max_length: int | None  # sentence-transformers max_seq_length
    position_limit: int | None
    dense: list[tuple[Any, str | None]]
    # Held for every tokenizer call: the app embeds from several threads, and a Rust-backed
    # tokenizer used by two at once fails with "Already borrowed".
    lock: threading.RLock = field(default_factory=threading.RLock, compare=False)


def _load_dense(folder: Path, device: str) -> tuple[Any, str | None]:
    import torch

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
    return layer.to(device).eval(), _ACTIVATIONS[act_name]


def _load_folder(resolved: ResolvedModel, device: str) -> Loaded:
    """Load config, tokenizer, encoder and Dense layers; any failure is one-line ModelError."""
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    with loading(resolved), quiet_loading():  # no LOAD REPORT tables or warnings on stderr
        st = read_st_config(resolved.path)
        folder = str(st.get("transformer", resolved.path))
        config = AutoConfig.from_pretrained(folder)
        if getattr(config, "is_encoder_decoder", False):
            # AutoModel would load it, then every embed() would fail asking for decoder inputs.
            raise ModelError(f"model {resolved.where} is a {config.model_type} "
                             "encoder-decoder (translation) model, not a sentence encoder")
        tokenizer = AutoTokenizer.from_pretrained(folder)
        model = AutoModel.from_pretrained(folder, config=config).to(device).eval()
        dense = [_load_dense(d, device) for d in st.get("dense", [])]
    return Loaded(model, tokenizer, st.get("pooling"), st.get("max_length"), position_limit(config), dense)


def load_shared(resolved: ResolvedModel, device: str) -> Loaded:
    """The loaded model for a folder and device, loading it only on first use in this process.

    Keyed by the folder's fingerprint too, so a model rebuilt in place is loaded afresh.
    """
    with loading(resolved):
        key = ("embed", str(resolved.path), resolved.fingerprint, device)
    return load_once(key, lambda: _load_folder(resolved, device))


class HFEmbedder:
    """Sentence embeddings from a transformers encoder; ``embed()`` returns unit float32 rows."""

    def __init__(
        self,
        model: str = "sentence-transformers/LaBSE",
        settings: ModelSettings | None = None,
        *,
        pooling: str = "auto",
        batch_size: int = 32,
        max_length: int | None = None,
    ) -> None:
        if pooling not in POOLINGS:
            raise ConfigError(f"unknown pooling {pooling!r}; use one of {', '.join(POOLINGS)}")
        require_ml()  # fail early with the pip hint; the model is found and loaded on first use
        self.model_name = str(model)
        self.name = f"hf:{self.model_name}"
        self.store = ModelStore(settings or ModelSettings())
        self.device = self.store.settings.device
        self.batch_size = batch_size  # its own: sentences per batch, not the translators' setting
        self.pooling = pooling
        self.max_length = max_length
        self.model: Any = None
        self._cache: dict[str, np.ndarray] = {}
        self.encoded = 0  # strings actually run through the model (tests check dedupe)

    def load(self) -> HFEmbedder:
        """Resolve (offline-first, maybe downloading) and load the model; idempotent.

        The folder is found before torch is imported, so ``auto`` with no model on disk stays fast.
        """
        if self.model is not None:
            return self
        self.resolved: ResolvedModel = self.store.resolve(self.model_name)
        import torch

        self._torch = torch
        self.device = torch_device(self.device)
        loaded = load_shared(self.resolved, self.device)
        if self.pooling == "auto":
            labse = "labse" in self.resolved.id.lower()
            self.pooling = loaded.pooling or ("pooler" if labse else "mean")
        # Longer inputs would index past the position table ("index 130 is out of bounds").
        length = self.max_length or loaded.max_length or DEFAULT_MAX_LENGTH
        self.max_length = min(length, loaded.position_limit or length)
        # The model last: it marks the object loaded.
        self.tokenizer, self.tokenizer_lock, self.dense = loaded.tokenizer, loaded.lock, loaded.dense
        self.model = loaded.model
        return self

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
        with self.tokenizer_lock:
            enc = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=True,
                                 max_length=self.max_length)
        enc = enc.to(self.device)
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
            with self.tokenizer_lock:
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
