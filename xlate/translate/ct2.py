"""CTranslate2 engine: converts a transformers model folder once, then translates with int8 on CPU.

:class:`CT2` runs the same families as the transformers backends (Marian routes, M2M100, NLLB) on
the :class:`CTranslate2` engine. Tokenisation uses the original transformers tokenizer, so outputs
match the transformers backends token for token (greedy, float32); int8 trades a little fidelity
for speed.
Converted folders live in ``<models dir>/ct2/<org>--<name>--<fingerprint>`` and are reused;
a loaded converted model is shared process-wide per device, compute type and thread count.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from xlate.config import ModelSettings
from xlate.errors import ConfigError, MissingDependencyError
from xlate.models import ModelStore, ResolvedModel, load_once, loading, quiet_loading, require_ml
from xlate.translate import codes
from xlate.translate.base import Family, ModelTranslator
from xlate.translate.hf import (
    SharedTokenizer,
    check_kind,
    decode,
    lang_token,
    length_batches,
    length_limits,
    shared_tokenizer,
)

CT2_INSTALL_HINT = "pip install 'xlate[ct2]'"
FAMILIES = ("marian", "m2m100", "nllb")


def ct2_device(ctranslate2: Any, device: str) -> tuple[str, int]:
    """``cpu|cuda|cuda:N|auto`` → CTranslate2's (device, device_index); ConfigError without CUDA.

    Checked here because CTranslate2 would otherwise fail at load with a bare RuntimeError.
    """
    try:
        gpus = ctranslate2.get_cuda_device_count()
    except Exception:  # noqa: BLE001 - a build or driver without CUDA support: no GPUs
        gpus = 0
    if device == "auto":
        return ("cuda" if gpus > 0 else "cpu"), 0
    if device == "cpu":
        return "cpu", 0
    kind, _, index = device.partition(":")
    if kind != "cuda" or (index and not index.isdigit()):
        raise ConfigError(f"unknown device {device!r}; use cpu, cuda or auto")
    if gpus <= int(index or 0):
        raise ConfigError(f"device {device!r} requested but CUDA is not available")
    return "cuda", int(index or 0)


def converted_dir(model: ResolvedModel, root: Path) -> Path:
    """Where the CTranslate2 copy of ``model`` lives (keyed by id and weights fingerprint)."""
    return root / f"{model.id.strip('/').replace('/', '--')}--{model.fingerprint}"


def _converter(path: str) -> Any:
    """A TransformersConverter whose tokenizer lists M2M100's language tokens in ``get_vocab()``.

    transformers 5's M2M100Tokenizer leaves them out, so the converter's vocabulary would be 100+
    entries short of the model's embedding and the conversion would fail validation.
    """
    from ctranslate2.converters import TransformersConverter

    class _Converter(TransformersConverter):
        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any):
            tok = super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs)
            langs = getattr(tok, "lang_token_to_id", None)
            if langs:
                base = tok.get_vocab
                tok.get_vocab = lambda: {**base(), **langs}
            return tok

    return _Converter(path)


def convert(model: ResolvedModel, root: Path) -> Path:
    """Convert once (float32 weights; quantisation happens at load) and return the folder.

    Conversion writes to a temporary sibling and renames it, so an interrupted or concurrent
    conversion never leaves a half-written folder behind.
    """
    out = converted_dir(model, root)
    if (out / "model.bin").is_file():
        return out
    require_ml("torch", "transformers")  # the converter loads the model with transformers

    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=root))
    try:
        # The converter raises ValueError/NotImplementedError/KeyError/OSError for a broken folder;
        # quiet_loading() also hides MarianTokenizer's sacremoses warning.
        with loading(model), quiet_loading():
            _converter(str(model.path)).convert(str(tmp / "m"), force=True)
        try:
            os.replace(tmp / "m", out)
        except OSError:
            if not (out / "model.bin").is_file():  # lost a race: someone else's copy is fine
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def load_translator(
    ctranslate2: Any, model: ResolvedModel, folder: Path, device: str, index: int, compute_type: str, threads: int
) -> Any:
    """A ``ctranslate2.Translator`` for a converted folder, loaded once per process and settings."""

    def build() -> Any:
        # Name the model and the converted folder (deleting it forces a fresh conversion).
        with loading(ResolvedModel(folder, "ct2", model.id)):
            return ctranslate2.Translator(str(folder), device=device, device_index=index,
                                          compute_type=compute_type, intra_threads=threads)

    return load_once(("ct2", str(folder), device, index, compute_type, threads), build)


class CTranslate2:
    """The CTranslate2 engine: converts each model folder once, loads it with ``compute_type``
    (``auto``: int8 on CPU, int8_float16 on CUDA) and decodes with the transformers tokenizer."""

    def __init__(self, settings: ModelSettings, kind: str, *, compute_type: str = "auto",
                 ct2_dir: str | os.PathLike | None = None, threads: int = 0) -> None:
        try:
            import ctranslate2
        except ImportError as e:
            raise MissingDependencyError(
                f"ctranslate2 is not installed; install it with: {CT2_INSTALL_HINT}"
            ) from e
        require_ml("transformers", "sentencepiece")  # tokenizers come from transformers
        self._ct2 = ctranslate2
        self.device, self.device_index = ct2_device(ctranslate2, settings.device)
        if compute_type == "auto":
            compute_type = "int8" if self.device == "cpu" else "int8_float16"
        self.compute_type = compute_type
        self.settings = settings
        self.kind = kind
        self.root = Path(ct2_dir) if ct2_dir else ModelStore(settings).models_dir / "ct2"
        self.threads = threads
        self._loaded: dict[str, tuple[Any, SharedTokenizer, int | None]] = {}

    def load(self, m: ResolvedModel) -> tuple[Any, SharedTokenizer, int | None]:
        """The loaded translator, the shared tokenizer and the position-table size, once per object."""
        if str(m.path) not in self._loaded:
            cfg = check_kind(m, self.kind)
            folder = convert(m, self.root)
            translator = load_translator(self._ct2, m, folder, self.device, self.device_index,
                                         self.compute_type, self.threads)
            self._loaded[str(m.path)] = (translator, shared_tokenizer(m), cfg.get("max_position_embeddings"))
        return self._loaded[str(m.path)]

    def generate(self, m: ResolvedModel, texts: list[str], src_lang: str | None = None,
                 tgt_lang: str | None = None) -> list[str]:
        """Greedy (or beam) decoding cut like transformers'; the target token as decoder prefix."""
        translator, shared, positions = self.load(m)
        tok, opts = shared.tokenizer, self.settings
        max_in, max_new = length_limits(positions, opts.max_input_tokens, opts.max_new_tokens)
        out = [""] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return out
        prefix = None
        with shared.lock:
            if tgt_lang is not None:
                tok.src_lang = src_lang
                prefix = [lang_token(tok, tgt_lang)]
            enc = tok([texts[i] for i in todo], truncation=True, max_length=max_in)
            tokens = [tok.convert_ids_to_tokens(ids) for ids in enc.input_ids]
        for batch in length_batches([len(t) for t in tokens], opts.batch_size):
            res = translator.translate_batch(
                [tokens[j] for j in batch],
                target_prefix=[prefix] * len(batch) if prefix else None,
                beam_size=opts.num_beams,
                max_decoding_length=max_new,  # as transformers' max_new_tokens, inside the position table
                min_decoding_length=0,  # as transformers: an immediate EOS gives ""
                max_input_length=max_in,  # the tokenizer already cut here; a no-op kept as a guard
            )
            with shared.lock:
                for j, r in zip(batch, res, strict=True):
                    out[todo[j]] = decode(tok, tok.convert_tokens_to_ids(r.hypotheses[0]))
        return out


class CT2(ModelTranslator):
    """Translate with CTranslate2 using a Marian route, or an M2M100/NLLB model (``family``).

    The family picks the models exactly as the transformers backends do; ``routes`` holds Marian
    model chains already found, keyed by normalised ``(src, tgt)``.
    """

    def __init__(
        self,
        settings: ModelSettings | None = None,
        *,
        family: str = "marian",
        model: str | os.PathLike | ResolvedModel | None = None,
        compute_type: str = "auto",
        ct2_dir: str | os.PathLike | None = None,
        threads: int = 0,
        org: str = codes.MARIAN_ORG,
        routes: dict[tuple[str, str], list[ResolvedModel]] | None = None,
    ) -> None:
        from xlate.translate.m2m import OneModel
        from xlate.translate.marian import MarianRoutes

        settings = settings or ModelSettings()
        if family not in FAMILIES:
            raise ConfigError(f"unknown ct2 family {family!r}; use one of {', '.join(FAMILIES)}")
        store = ModelStore(settings)
        chooser: Family = (MarianRoutes(store, model=model, org=org, routes=routes) if family == "marian"
                           else OneModel(family, store, model=model))
        engine = CTranslate2(settings, chooser.kind, compute_type=compute_type, ct2_dir=ct2_dir, threads=threads)
        self.name = f"ct2-{engine.compute_type}"
        self.compute_type = engine.compute_type
        self.device = engine.device
        super().__init__(chooser, engine, settings, key_name=f"{self.name}:{family}",
                         fallback=f"{self.name}:{chooser.given or family}")
