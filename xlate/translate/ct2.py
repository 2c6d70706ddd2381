"""CTranslate2 backend: converts a transformers model folder once, then translates with int8 on CPU.

Tokenisation uses the original transformers tokenizer, so outputs match the transformers
backends token for token (greedy, float32); int8 trades a little fidelity for ~3x+ speed.
Converted folders live in ``<models dir>/ct2/<org>--<name>--<fingerprint>`` and are reused.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlate.errors import BackendError, ConfigError, MissingDependencyError
from xlate.models import ResolvedModel, default_models_dir, require_ml, resolve_model
from xlate.translate import codes
from xlate.translate.hf import (
    SACREMOSES_WARNING,
    decode,
    lang_token,
    length_batches,
    load_tokenizer,
    quiet_loading,
)

CT2_INSTALL_HINT = "pip install 'xlate[ct2]'"
FAMILIES = ("marian", "m2m100", "nllb")


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
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=SACREMOSES_WARNING)
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
        with quiet_loading():
            _converter(str(model.path)).convert(str(tmp / "m"), force=True)
        try:
            os.replace(tmp / "m", out)
        except OSError:
            if not (out / "model.bin").is_file():  # lost a race: someone else's copy is fine
                raise
    except MissingDependencyError:
        raise
    except Exception as e:  # converter raises ValueError/NotImplementedError/KeyError
        raise BackendError(f"CTranslate2 could not convert {model.id}: {e}") from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


class CT2:
    """Translate with CTranslate2 using a Marian route, or an M2M100/NLLB model."""

    def __init__(
        self,
        *,
        family: str = "marian",
        model: str | None = None,
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
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        if compute_type == "auto":
            compute_type = "int8" if device == "cpu" else "int8_float16"
        self._ct2 = ctranslate2
        self.family = family
        self.model_name = model
        self.device = device
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
        self.name = f"ct2-{compute_type}:{family}"
        self._loaded: dict[str, tuple[Any, Any]] = {}
        self._routes: dict[tuple[str, str], list[ResolvedModel]] = {}

    def route(self, src: str, tgt: str) -> list[ResolvedModel]:
        """Model chain for the pair (one model unless Marian pivots through English)."""
        key = (codes.normalize(src), codes.normalize(tgt))
        if key not in self._routes:
            if self.family == "marian" and self.model_name is None:
                from xlate.translate.marian import find_route

                chain = find_route(*key, models_dir=self.models_dir, download=self.download,
                                   org=self.org)
            else:
                default = {"m2m100": "facebook/m2m100_418M",
                           "nllb": "facebook/nllb-200-distilled-600M"}.get(self.family)
                name = self.model_name or default
                chain = [resolve_model(name, models_dir=self.models_dir, download=self.download)]
            self._routes[key] = chain
        return self._routes[key]

    def _load(self, m: ResolvedModel) -> tuple[Any, Any]:
        if str(m.path) not in self._loaded:
            folder = convert(m, self.ct2_root)
            translator = self._ct2.Translator(
                str(folder), device=self.device, compute_type=self.compute_type,
                intra_threads=self.threads,
            )
            self._loaded[str(m.path)] = (translator, load_tokenizer(m.path))
        return self._loaded[str(m.path)]

    def cache_key(self, src: str, tgt: str) -> str:
        """Backend, compute type and model fingerprints, for the translation cache."""
        return f"{self.name}:" + "+".join(f"{m.id}@{m.fingerprint}" for m in self.route(src, tgt))

    def _codes(self, src: str, tgt: str) -> tuple[str, str]:
        if self.family == "nllb":
            return codes.nllb_code(src), codes.nllb_code(tgt)
        if self.family == "m2m100":
            return codes.m2m100_code(src), codes.m2m100_code(tgt)
        return codes.normalize(src), codes.normalize(tgt)

    def _generate(self, m: ResolvedModel, texts: list[str], src: str, tgt: str) -> list[str]:
        translator, tok = self._load(m)
        prefix = None
        if self.family != "marian":
            tok.src_lang = src
            prefix = [lang_token(tok, tgt)]
        out = [""] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        enc = tok([texts[i] for i in todo], truncation=True, max_length=self.max_input_tokens)
        tokens = [tok.convert_ids_to_tokens(ids) for ids in enc.input_ids]
        for batch in length_batches([len(t) for t in tokens], self.batch_size):
            res = translator.translate_batch(
                [tokens[j] for j in batch],
                target_prefix=[prefix] * len(batch) if prefix else None,
                beam_size=self.num_beams,
                max_decoding_length=self.max_new_tokens,
                min_decoding_length=0,  # as transformers: an immediate EOS gives ""
                max_input_length=0,  # the tokenizer already truncated, as for transformers
            )
            for j, r in zip(batch, res, strict=True):
                out[todo[j]] = decode(tok, tok.convert_tokens_to_ids(r.hypotheses[0]))
        return out

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per sentence; same-language pairs are returned unchanged."""
        s, t = self._codes(src, tgt)
        if s == t:
            return list(sents)
        chain = self.route(src, tgt)
        texts = list(sents)
        for m in chain:
            texts = self._generate(m, texts, s, t)
        return texts
