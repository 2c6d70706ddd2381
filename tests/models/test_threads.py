"""Backends used from several threads at once (the app's sessions share loaded models and
tokenizers) give the same outputs as one thread; Rust-backed tokenizers (NLLB's, XLM-R's) would
otherwise fail with "Already borrowed", and a shared ``src_lang`` would switch under a caller."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from importlib.util import find_spec
from typing import Any

import numpy as np
import pytest

pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[mt]'")

from tiny_models import sentences  # noqa: E402

from xlate.config import ModelSettings  # noqa: E402
from xlate.embed import get_embedder  # noqa: E402
from xlate.translate.m2m import M2M100, NLLB  # noqa: E402
from xlate.translate.marian import Marian  # noqa: E402

pytestmark = pytest.mark.model
SENTS = sentences(12, seed=5)
OPTS = ModelSettings(max_new_tokens=12, batch_size=4)


def _jobs(models_dir, m2m_dir, nllb_dir, encoder_dir, ct2_dir) -> dict[str, Callable[[], Any]]:
    """Each job builds fresh backends (nothing per object is reused) over the process-wide models."""
    jobs = {
        "marian sk-de (pivot)": lambda: Marian(replace(OPTS, models_dir=str(models_dir))).translate(SENTS, "sk", "de"),
        "m2m100 sk-de": lambda: M2M100(OPTS, model=m2m_dir).translate(SENTS, "sk", "de"),
        "nllb sk-de": lambda: NLLB(OPTS, model=nllb_dir).translate(SENTS, "sk", "de"),
        "nllb de-sk": lambda: NLLB(OPTS, model=nllb_dir).translate(SENTS, "de", "sk"),
        "embed": lambda: get_embedder(str(encoder_dir), batch_size=4).embed(SENTS),
    }
    if find_spec("ctranslate2") is not None:  # optional backend: the others still run without it
        from xlate.translate.ct2 import CT2

        jobs["ct2 nllb en-sk"] = lambda: CT2(OPTS, family="nllb", model=nllb_dir, ct2_dir=ct2_dir,
                                             threads=1).translate(SENTS, "en", "sk")
    return jobs


def test_four_threads_match_one(models_dir, m2m_dir, nllb_dir, encoder_dir, tmp_path, _torch_one_thread):
    jobs = _jobs(models_dir, m2m_dir, nllb_dir, encoder_dir, tmp_path / "ct2")
    expected = {name: job() for name, job in jobs.items()}  # also loads everything once
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = [(name, pool.submit(job)) for _ in range(2) for name, job in jobs.items()]
        for name, run in runs:
            if name == "embed":
                np.testing.assert_allclose(run.result(), expected[name], rtol=0, atol=1e-6)
            else:
                assert run.result() == expected[name], name
