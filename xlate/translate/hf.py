"""Shared transformers seq2seq core: load a model folder, batch by length, greedy ``generate()``.

transformers 5 has no translation pipeline, so backends (marian.py, m2m.py) call
:meth:`Seq2Seq.generate` directly. torch/transformers are imported in the constructor only.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from xlate.models import ResolvedModel, require_ml, torch_device

# MarianTokenizer warns on every load that sacremoses is not installed; it is only used for
# optional punctuation normalisation that opus-mt inference does not need.
SACREMOSES_WARNING = "Recommended: pip install sacremoses"
_LANG_TOKEN = re.compile(r"^(__[a-z]{2,3}__|[a-z]{3}_[A-Z][a-z]{3})$")


@contextmanager
def quiet_loading() -> Iterator[None]:
    """Hide transformers' "Loading weights" progress bar while loading (library code stays quiet
    on stderr); the caller's progress-bar setting is restored afterwards."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def load_tokenizer(path: Any) -> Any:
    """``AutoTokenizer.from_pretrained`` without the sacremoses nag."""
    from transformers import AutoTokenizer

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=SACREMOSES_WARNING)
        return AutoTokenizer.from_pretrained(str(path))


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
    """A transformers seq2seq model and its tokenizer, loaded once on one device."""

    def __init__(
        self,
        model: ResolvedModel,
        *,
        device: str = "cpu",
        batch_size: int = 16,
        num_beams: int = 1,
        max_new_tokens: int = 256,
        max_input_tokens: int = 512,
    ) -> None:
        require_ml()
        import torch
        from transformers import AutoModelForSeq2SeqLM

        self.resolved = model
        self.device = torch_device(device)
        self.batch_size = batch_size
        self.num_beams = num_beams
        self.max_new_tokens = max_new_tokens
        self.max_input_tokens = max_input_tokens
        self._torch = torch
        self.tokenizer = load_tokenizer(model.path)
        with quiet_loading():
            self.model = AutoModelForSeq2SeqLM.from_pretrained(str(model.path))
        self.model = self.model.to(self.device).eval()

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
        """
        tok = self.tokenizer
        if src_lang is not None:
            tok.src_lang = src_lang
        # A decoder cannot go past its position table: cap the output there, or a text that never
        # reaches EOS (long input, or an untrained model) crashes instead of being cut.
        positions = getattr(self.model.config, "max_position_embeddings", None) or self.max_new_tokens + 2
        gen_kwargs: dict[str, Any] = {
            "num_beams": self.num_beams,
            "do_sample": False,
            "max_new_tokens": max(1, min(self.max_new_tokens, positions - 2)),
        }
        if tgt_token is not None:
            gen_kwargs["forced_bos_token_id"] = tok.convert_tokens_to_ids(tgt_token)
        out = [""] * len(texts)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        lengths = [len(ids) for ids in tok([texts[i] for i in todo]).input_ids] if todo else []
        for batch in length_batches(lengths, self.batch_size):
            idx = [todo[j] for j in batch]
            enc = tok([texts[i] for i in idx], return_tensors="pt", padding=True,
                      truncation=True, max_length=self.max_input_tokens).to(self.device)
            with self._torch.inference_mode():
                gen = self.model.generate(**enc, **gen_kwargs)
            for i, row in zip(idx, gen.tolist(), strict=True):
                out[i] = decode(tok, row)
            if on_batch is not None:
                on_batch(len(idx))
        return out
