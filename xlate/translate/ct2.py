"""CTranslate2 backend: converts a transformers model folder once, then translates with int8 on CPU.

Tokenisation uses the original transformers tokenizer, so outputs match the transformers
backends token for token (greedy, float32); int8 trades a little fidelity for ~3x+ speed.
Converted folders live in ``<models dir>/ct2/<org>--<name>--<fingerprint>`` and are reused;
a loaded converted model is shared process-wide per device, compute type and thread count.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlate.errors import ConfigError, MissingDependencyError, XlateError
from xlate.models import ResolvedModel, default_models_dir, load_once, loading, quiet_loading, require_ml, resolve_model
from xlate.translate import codes
from xlate.translate.base import model_key, model_label
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
_KIND = {"marian": "marian", "m2m100": "m2m_100", "nllb": "m2m_100"}  # config.json model_type per family
_DEFAULT = {"m2m100": "facebook/m2m100_418M", "nllb": "facebook/nllb-200-distilled-600M"}


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


class CT2:
    """Translate with CTranslate2 using a Marian route, or an M2M100/NLLB model.

    ``routes`` holds model chains already found, keyed by normalised ``(src, tgt)``.
    """

    def __init__(
        self,
        *,
        family: str = "marian",
        model: str | os.PathLike | None = None,
        device: str = "cpu",
        compute_type: str = "auto",
        models_dir: str | os.PathLike | None = None,
        ct2_dir: str | os.PathLike | None = None,
        batch_size: int = 16,
        num_beams: int = 1,
        max_new_tokens: int = 256,
        max_input_tokens: int = 512,
        threads: int = 0,
        download: bool | None = None,
        org: str = codes.MARIAN_ORG,
        routes: dict[tuple[str, str], list[ResolvedModel]] | None = None,
    ) -> None:
        try:
            import ctranslate2
        except ImportError as e:
            raise MissingDependencyError(
                f"ctranslate2 is not installed; install it with: {CT2_INSTALL_HINT}"
            ) from e
        require_ml("transformers", "sentencepiece")  # tokenizers come from transformers
        if family not in FAMILIES:
            raise ConfigError(f"unknown ct2 family {family!r}; use one of {', '.join(FAMILIES)}")
        self._device, self._device_index = ct2_device(ctranslate2, device)
        if compute_type == "auto":
            compute_type = "int8" if self._device == "cpu" else "int8_float16"
        self._ct2 = ctranslate2
        self.name = f"ct2-{compute_type}"
        self.family = family
        self.model_name = os.fspath(model) if model is not None else None
        self.device = self._device if device in ("auto", "cpu") else device
        self.compute_type = compute_type
        self.models_dir = models_dir
        self.ct2_root = Path(ct2_dir) if ct2_dir else default_models_dir(models_dir) / "ct2"
        self.batch_size = batch_size
        self.num_beams = num_beams
        self.max_new_tokens = max_new_tokens
        self.max_input_tokens = max_input_tokens
        self.threads = threads
        self.download = download
        self.org = org
        self._routes = dict(routes or {})
        self._loaded: dict[str, tuple[Any, SharedTokenizer, int | None]] = {}

    def route(self, src: str, tgt: str) -> list[ResolvedModel]:
        """Model chain for the pair (one model unless Marian pivots through English)."""
        from xlate.translate.marian import find_route, fixed_model

        key = (codes.normalize(src), codes.normalize(tgt))
        if key not in self._routes:
            if self.family == "marian" and self.model_name is None:
                chain = find_route(*key, models_dir=self.models_dir, download=self.download, org=self.org)
            elif self.family == "marian":
                chain = [fixed_model(self.model_name, *key, models_dir=self.models_dir, download=self.download)]
            else:
                chain = [resolve_model(self.model_name or _DEFAULT[self.family], models_dir=self.models_dir,
                                       download=self.download)]
            self._routes[key] = chain
        return self._routes[key]

    def describe(self, src: str, tgt: str) -> str:
        """``ct2-<compute type>:<model id>`` for this direction, ``+``-joined when pivoting;
        ``ct2-<compute type>:<family or model>`` when the direction has no model (never raises)."""
        try:
            if self._codes(src, tgt)[0] != self._codes(src, tgt)[1]:
                return model_label(self.name, self.route(src, tgt))
        except XlateError:
            pass
        return f"{self.name}:{self.model_name or self.family}"

    def _load(self, m: ResolvedModel) -> tuple[Any, SharedTokenizer, int | None]:
        """The loaded translator, the shared tokenizer and the position-table size, once per object."""
        if str(m.path) not in self._loaded:
            cfg = check_kind(m, _KIND[self.family])
            folder = convert(m, self.ct2_root)
            translator = load_translator(self._ct2, m, folder, self._device, self._device_index,
                                         self.compute_type, self.threads)
            self._loaded[str(m.path)] = (translator, shared_tokenizer(m), cfg.get("max_position_embeddings"))
        return self._loaded[str(m.path)]

    def cache_key(self, src: str, tgt: str) -> str:
        """Backend, compute type, model fingerprints and the settings that change outputs."""
        return model_key(f"{self.name}:{self.family}", self.route(src, tgt), self.num_beams, self.max_new_tokens,
                         self.max_input_tokens)

    def _codes(self, src: str, tgt: str) -> tuple[str, str]:
        if self.family == "nllb":
            return codes.nllb_code(src), codes.nllb_code(tgt)
        if self.family == "m2m100":
            return codes.m2m100_code(src), codes.m2m100_code(tgt)
        return codes.normalize(src), codes.normalize(tgt)

    def _generate(self, m: ResolvedModel, texts: list[str], src: str, tgt: str) -> list[str]:
        translator, shared, positions = self._load(m)
        tok = shared.tokenizer
        max_in, max_new = length_limits(positions, self.max_input_tokens, self.max_new_tokens)
        out = [""] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return out
        prefix = None
        with shared.lock:
            if self.family != "marian":
                tok.src_lang = src
                prefix = [lang_token(tok, tgt)]
            enc = tok([texts[i] for i in todo], truncation=True, max_length=max_in)
            tokens = [tok.convert_ids_to_tokens(ids) for ids in enc.input_ids]
        for batch in length_batches([len(t) for t in tokens], self.batch_size):
            res = translator.translate_batch(
                [tokens[j] for j in batch],
                target_prefix=[prefix] * len(batch) if prefix else None,
                beam_size=self.num_beams,
                max_decoding_length=max_new,  # as transformers' max_new_tokens, inside the position table
                min_decoding_length=0,  # as transformers: an immediate EOS gives ""
                max_input_length=max_in,  # the tokenizer already cut here; a no-op kept as a guard
            )
            with shared.lock:
                for j, r in zip(batch, res, strict=True):
                    out[todo[j]] = decode(tok, tok.convert_tokens_to_ids(r.hypotheses[0]))
        return out

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per sentence; same-language pairs are returned unchanged."""
        s, t = self._codes(src, tgt)
        if s == t:
            return list(sents)
        texts = list(sents)
        for m in self.route(src, tgt):
            texts = self._generate(m, texts, s, t)
        return texts
