"""Shared transformers seq2seq core: load a model folder, batch by length, greedy ``generate()``.

transformers 5 has no translation pipeline, so backends (marian.py, m2m.py) call
:meth:`Seq2Seq.generate` directly. torch/transformers are imported when a model is loaded only.
A model folder is loaded once per process and device, shared by every backend object using it.
"""

from __future__ import annotations

import json
import re
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from xlate.errors import ModelError
from xlate.models import ResolvedModel, loading, require_ml, torch_device

# MarianTokenizer warns on every load that sacremoses is not installed; it is only used for
# optional punctuation normalisation that opus-mt inference does not need.
SACREMOSES_WARNING = "Recommended: pip install sacremoses"
_LANG_TOKEN = re.compile(r"^(__[a-z]{2,3}__|[a-z]{3}_[A-Z][a-z]{3})$")

_LOADED: dict[tuple[str, str, str], tuple[Any, Any]] = {}
_TOKENIZERS: dict[tuple[str, str], Any] = {}
_LOCK = threading.RLock()  # the app may build translators from several threads: load each model once
TOKENIZE_LOCK = threading.Lock()  # shared tokenizers carry src_lang: set it and encode as one step


@contextmanager
def quiet_loading() -> Iterator[None]:
    """Keep transformers' progress bars, LOAD REPORT tables and warnings off the user's stderr while
    loading (library code stays quiet); the caller's progress-bar and logging settings are restored."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    level = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        hf_logging.set_verbosity(level)
        if was_enabled:
            hf_logging.enable_progress_bar()


def read_config(model: ResolvedModel) -> dict[str, Any]:
    """The folder's config.json (ModelError when it is not a JSON object with a ``model_type``)."""
    with loading(model):
        cfg = json.loads((model.path / "config.json").read_text(encoding="utf-8"))
    if not isinstance(cfg, dict) or not cfg.get("model_type"):
        raise ModelError(f"model {model.id} ({model.path}) could not be loaded: config.json has no model_type")
    return cfg


def check_kind(model: ResolvedModel, *kinds: str) -> dict[str, Any]:
    """The config, after checking the folder holds one of ``kinds`` (an embedder under an opus-mt name
    would otherwise fail later with a message about shapes or vocabularies)."""
    cfg = read_config(model)
    if cfg["model_type"] not in kinds:
        raise ModelError(f"model {model.id} ({model.path}) is a {cfg['model_type']!r} model, not "
                         f"{' or '.join(repr(k) for k in kinds)}")
    return cfg


def is_nllb(model: ResolvedModel) -> bool:
    """True when an ``m2m_100`` folder's tokenizer is NLLB's (FLORES-200 codes, not ``__xx__``)."""
    tok_cfg = model.path / "tokenizer_config.json"
    with loading(model):
        cls = json.loads(tok_cfg.read_text(encoding="utf-8")).get("tokenizer_class") if tok_cfg.is_file() else None
    return "nllb" in str(cls or model.id).lower()


def length_limits(positions: int | None, max_input: int, max_new: int) -> tuple[int, int]:
    """Input tokens and new tokens that fit the model's position table.

    Past it, transformers raises IndexError and CTranslate2 "No position encodings are defined";
    a long input, or a text that never reaches EOS, must be cut instead.
    """
    if not isinstance(positions, int) or positions <= 2:
        return max_input, max_new
    return min(max_input, positions), max(1, min(max_new, positions - 2))


def load_tokenizer(path: Any) -> Any:
    """``AutoTokenizer.from_pretrained`` without the sacremoses nag (not shared; see :func:`shared_tokenizer`)."""
    from transformers import AutoTokenizer

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=SACREMOSES_WARNING)
        return AutoTokenizer.from_pretrained(str(path))


def shared_tokenizer(model: ResolvedModel) -> Any:
    """The folder's tokenizer, loaded once per process; any failure is one-line ModelError."""
    with _LOCK, loading(model):
        key = (str(model.path), model.fingerprint)
        if key not in _TOKENIZERS:
            with quiet_loading():
                _TOKENIZERS[key] = load_tokenizer(model.path)
        return _TOKENIZERS[key]


def load_seq2seq(model: ResolvedModel, device: str) -> tuple[Any, Any]:
    """``(model, tokenizer)`` for a folder on a torch device, loaded once per process.

    Keyed by the folder's fingerprint too, so a model rebuilt in place is loaded afresh.
    """
    from transformers import AutoModelForSeq2SeqLM

    with _LOCK, loading(model):
        key = (str(model.path), model.fingerprint, device)
        if key not in _LOADED:
            tokenizer = shared_tokenizer(model)
            with quiet_loading():
                net = AutoModelForSeq2SeqLM.from_pretrained(str(model.path))
            _LOADED[key] = (net.to(device).eval(), tokenizer)
        return _LOADED[key]


def clear_loaded() -> None:
    """Forget the process-wide loaded models and tokenizers (tests; freeing memory)."""
    with _LOCK:
        _LOADED.clear()
        _TOKENIZERS.clear()


def length_batches(lengths: Sequence[int], batch_size: int) -> Iterator[list[int]]:
    """Indices grouped into batches of similar length (longest first), to waste less padding."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    for start in range(0, len(order), batch_size):
        yield order[start:start + batch_size]


def _dropped_ids(tokenizer: Any) -> tuple[set[int], int]:
    """Language-token ids (``__de__``, ``deu_Latn``) and the highest real id, for decoding.

    transformers 5 does not keep M2M100's language tokens special after a save/load round
    trip, so ``skip_special_tokens`` alone would leave ``__de__`` in the output. Ids above the
    vocabulary (M2M100's "madeup words" padding) are dropped too.
    """
    cached = getattr(tokenizer, "_xlate_dropped_ids", None)
    if cached is None:
        vocab = tokenizer.get_vocab()
        langs = dict(getattr(tokenizer, "lang_token_to_id", {}))
        langs.update({t: i for t, i in vocab.items() if _LANG_TOKEN.match(t)})
        cached = (set(langs.values()), max([*vocab.values(), *langs.values()]))
        try:
            tokenizer._xlate_dropped_ids = cached
        except (AttributeError, TypeError):  # a tokenizer that refuses new attributes: no cache
            pass
    return cached


def decode(tokenizer: Any, ids: Sequence[int]) -> str:
    """Decode generated ids without special tokens, language tokens or out-of-vocabulary ids."""
    drop, top = _dropped_ids(tokenizer)
    keep = [int(i) for i in ids if int(i) not in drop and int(i) <= top]
    return tokenizer.decode(keep, skip_special_tokens=True).strip()


def lang_token(tokenizer: Any, code: str) -> str:
    """The target-language token: NLLB uses the code itself, M2M100 wraps it as ``__xx__``."""
    unk = tokenizer.unk_token_id
    # Wrapped form first: M2M100's vocabulary also has plain pieces such as "de".
    for tok in (f"__{code}__", code):
        if tokenizer.convert_tokens_to_ids(tok) not in (None, unk):
            return tok
    from xlate.errors import ConfigError

    raise ConfigError(f"language {code!r} is not in this model's vocabulary")


class Seq2Seq:
    """A transformers seq2seq model and its tokenizer on one device, with this caller's settings
    (the loaded model itself is shared process-wide, see :func:`load_seq2seq`)."""

    def __init__(
        self,
        model: ResolvedModel,
        *,
        device: str = "cpu",
        kinds: tuple[str, ...] = (),
        batch_size: int = 16,
        num_beams: int = 1,
        max_new_tokens: int = 256,
        max_input_tokens: int = 512,
    ) -> None:
        require_ml()
        import torch

        self.resolved = model
        self.device = torch_device(device)
        self.batch_size = batch_size
        self.num_beams = num_beams
        self.max_new_tokens = max_new_tokens
        self.max_input_tokens = max_input_tokens
        self._torch = torch
        if kinds:
            check_kind(model, *kinds)
        self.model, self.tokenizer = load_seq2seq(model, self.device)

    def generate(
        self,
        texts: Sequence[str],
        *,
        src_lang: str | None = None,
        tgt_token: str | None = None,
        on_batch: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Translate ``texts`` in length-sorted batches; output order and count match the input.

        ``src_lang`` sets ``tokenizer.src_lang`` (M2M100/NLLB); ``tgt_token`` becomes
        ``forced_bos_token_id``. Blank inputs come back as "" without touching the model.
        Inputs and outputs are cut to the model's position table (see :func:`length_limits`).
        """
        tok = self.tokenizer
        max_in, max_new = length_limits(getattr(self.model.config, "max_position_embeddings", None),
                                        self.max_input_tokens, self.max_new_tokens)
        gen_kwargs: dict[str, Any] = {"num_beams": self.num_beams, "do_sample": False, "max_new_tokens": max_new}
        out = [""] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        with TOKENIZE_LOCK:  # the tokenizer is shared: its src_lang must not change under us
            if src_lang is not None:
                tok.src_lang = src_lang
            if tgt_token is not None:
                gen_kwargs["forced_bos_token_id"] = tok.convert_tokens_to_ids(tgt_token)
            lengths = [len(ids) for ids in tok([texts[i] for i in todo], truncation=True,
                                                max_length=max_in).input_ids] if todo else []
            batches = []
            for batch in length_batches(lengths, self.batch_size):
                idx = [todo[j] for j in batch]
                batches.append((idx, tok([texts[i] for i in idx], return_tensors="pt", padding=True,
                                         truncation=True, max_length=max_in)))
        for idx, enc in batches:
            with self._torch.inference_mode():
                gen = self.model.generate(**enc.to(self.device), **gen_kwargs)
            for i, row in zip(idx, gen.tolist(), strict=True):
                out[i] = decode(tok, row)
            if on_batch is not None:
                on_batch(len(idx))
        return out
