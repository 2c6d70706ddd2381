"""Shared transformers seq2seq core: load a model folder, batch by length, greedy ``generate()``.

transformers 5 has no translation pipeline, so the :class:`Transformers` engine (what Marian,
M2M100 and NLLB run on) calls :meth:`Seq2Seq.generate` directly. torch/transformers are imported
when a model is loaded only; the tokenizer helpers here serve the CTranslate2 engine too. A model
folder is loaded once per process and device, shared by every backend object using it.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from xlate.errors import ModelError
from xlate.models import ResolvedModel, load_once, loading, quiet_loading, require_ml, torch_device

if TYPE_CHECKING:
    from xlate.config import ModelSettings

_LANG_TOKEN = re.compile(r"^(__[a-z]{2,3}__|[a-z]{3}_[A-Z][a-z]{3})$")


@dataclass(frozen=True)
class SharedTokenizer:
    """A tokenizer shared process-wide, and the lock every call on it holds (encode and decode alike).

    The app translates from several threads: Rust-backed tokenizers then fail with "Already
    borrowed", and M2M100/NLLB keep the source language on the tokenizer (set it and encode as one step).
    """

    tokenizer: Any
    lock: threading.RLock = field(default_factory=threading.RLock, compare=False)


def read_config(model: ResolvedModel) -> dict[str, Any]:
    """The folder's config.json (ModelError when it is not a JSON object with a ``model_type``)."""
    with loading(model):
        cfg = json.loads((model.path / "config.json").read_text(encoding="utf-8"))
    if not isinstance(cfg, dict) or not cfg.get("model_type"):
        raise ModelError(f"model {model.where} could not be loaded: config.json has no model_type")
    return cfg


def check_kind(model: ResolvedModel, *kinds: str) -> dict[str, Any]:
    """The config, after checking the folder holds one of ``kinds`` (an embedder under an opus-mt name
    would otherwise fail later with a message about shapes or vocabularies)."""
    cfg = read_config(model)
    if cfg["model_type"] not in kinds:
        raise ModelError(f"model {model.where} is a {cfg['model_type']!r} model, not "
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


def shared_tokenizer(model: ResolvedModel) -> SharedTokenizer:
    """The folder's tokenizer and its lock, loaded once per process; any failure is one-line ModelError."""
    from transformers import AutoTokenizer

    def build() -> SharedTokenizer:
        with quiet_loading():
            return SharedTokenizer(AutoTokenizer.from_pretrained(str(model.path)))

    with loading(model):
        return load_once(("tok", str(model.path), model.fingerprint), build)


def load_seq2seq(model: ResolvedModel, device: str) -> Any:
    """The folder's seq2seq model on a torch device, loaded once per process.

    Keyed by the folder's fingerprint too, so a model rebuilt in place is loaded afresh.
    """
    from transformers import AutoModelForSeq2SeqLM

    def build() -> Any:
        with quiet_loading():
            return AutoModelForSeq2SeqLM.from_pretrained(str(model.path)).to(device).eval()

    with loading(model):
        return load_once(("seq2seq", str(model.path), model.fingerprint, device), build)


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
    (the loaded model and tokenizer are shared process-wide, see :func:`load_seq2seq`)."""

    def __init__(self, model: ResolvedModel, settings: ModelSettings, *, kinds: tuple[str, ...] = ()) -> None:
        require_ml()
        import torch

        self.resolved = model
        self.settings = settings
        self.device = torch_device(settings.device)
        self._torch = torch
        if kinds:
            check_kind(model, *kinds)
        shared = shared_tokenizer(model)
        self.tokenizer, self.lock = shared.tokenizer, shared.lock  # hold the lock for every tokenizer call
        self.model = load_seq2seq(model, self.device)

    def generate(self, texts: Sequence[str], *, src_lang: str | None = None, tgt_lang: str | None = None) -> list[str]:
        """Translate ``texts`` in length-sorted batches; output order and count match the input.

        ``src_lang`` sets ``tokenizer.src_lang`` (M2M100/NLLB codes); ``tgt_lang``'s token becomes
        ``forced_bos_token_id``; ConfigError when the model lacks either. Blank inputs come back as
        "" without touching the model. Inputs and outputs are cut to the model's position table
        (see :func:`length_limits`).
        """
        tok, opts = self.tokenizer, self.settings
        max_in, max_new = length_limits(getattr(self.model.config, "max_position_embeddings", None),
                                        opts.max_input_tokens, opts.max_new_tokens)
        gen_kwargs: dict[str, Any] = {"num_beams": opts.num_beams, "do_sample": False, "max_new_tokens": max_new}
        out = [""] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        with self.lock:
            if src_lang is not None:
                lang_token(tok, src_lang)  # ConfigError if the model lacks the source language
                tok.src_lang = src_lang
            if tgt_lang is not None:
                gen_kwargs["forced_bos_token_id"] = tok.convert_tokens_to_ids(lang_token(tok, tgt_lang))
            lengths = [len(ids) for ids in tok([texts[i] for i in todo], truncation=True,
                                                max_length=max_in).input_ids] if todo else []
            batches = []
            for batch in length_batches(lengths, opts.batch_size):
                idx = [todo[j] for j in batch]
                batches.append((idx, tok([texts[i] for i in idx], return_tensors="pt", padding=True,
                                         truncation=True, max_length=max_in)))
        for idx, enc in batches:
            with self._torch.inference_mode():
                gen = self.model.generate(**enc.to(self.device), **gen_kwargs)
            with self.lock:
                for i, row in zip(idx, gen.tolist(), strict=True):
                    out[i] = decode(tok, row)
        return out


class Transformers:
    """The transformers engine for one family's models: a :class:`Seq2Seq` per folder, made on first
    use (the network and the weights are never touched by constructing it)."""

    def __init__(self, settings: ModelSettings, kind: str) -> None:
        require_ml()  # fail early with the pip hint; models load on first translate()
        self.settings = settings
        self.kind = kind
        self._models: dict[str, Seq2Seq] = {}

    def load(self, model: ResolvedModel) -> Seq2Seq:
        """The model folder's :class:`Seq2Seq` for this object's settings."""
        if str(model.path) not in self._models:
            self._models[str(model.path)] = Seq2Seq(model, self.settings, kinds=(self.kind,))
        return self._models[str(model.path)]

    def generate(self, model: ResolvedModel, texts: list[str], src_lang: str | None = None,
                 tgt_lang: str | None = None) -> list[str]:
        """See :meth:`Seq2Seq.generate`."""
        return self.load(model).generate(texts, src_lang=src_lang, tgt_lang=tgt_lang)
