"""CTranslate2 backend: one-time conversion, greedy parity with transformers, int8 runs."""

from __future__ import annotations

import pytest

pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[mt]'")
pytest.importorskip("ctranslate2", reason="needs ctranslate2: pip install 'xlate[ct2]'")

from tiny_models import sentences  # noqa: E402

from xlate.config import ModelSettings  # noqa: E402
from xlate.translate.ct2 import CT2  # noqa: E402
from xlate.translate.m2m import M2M100, NLLB  # noqa: E402
from xlate.translate.marian import Marian  # noqa: E402

pytestmark = pytest.mark.model
SENTS = sentences(16, seed=8)
GEN = {"max_new_tokens": 16, "batch_size": 5}


def opts(**kw) -> ModelSettings:
    """The tests' settings: short outputs, small batches."""
    return ModelSettings(**{**GEN, **kw})


@pytest.fixture(scope="module")
def ct2_root(tmp_path_factory):
    return tmp_path_factory.mktemp("ct2")


def test_float32_greedy_matches_transformers(models_dir, ct2_root, _torch_one_thread):
    ct = CT2(opts(models_dir=models_dir), ct2_dir=ct2_root, compute_type="float32", threads=1)
    hf = Marian(ModelSettings(models_dir=models_dir, max_new_tokens=16))
    assert ct.translate(SENTS, "sk", "en") == hf.translate(SENTS, "sk", "en")
    assert ct.translate(SENTS, "sk", "de") == hf.translate(SENTS, "sk", "de")  # pivot too


def test_conversion_is_cached(models_dir, ct2_root, _torch_one_thread):
    CT2(opts(models_dir=models_dir), ct2_dir=ct2_root, compute_type="float32", threads=1).translate(
        SENTS[:1], "sk", "en")
    [folder] = [p for p in ct2_root.iterdir() if "opus-mt-sk-en" in p.name]
    stamp = (folder / "model.bin").stat().st_mtime_ns
    again = CT2(opts(models_dir=models_dir), ct2_dir=ct2_root, threads=1)
    again.translate(SENTS[:1], "sk", "en")
    assert (folder / "model.bin").stat().st_mtime_ns == stamp
    assert not [p for p in ct2_root.iterdir() if p.name.startswith(".converting-")]


def test_int8_runs(models_dir, ct2_root, _torch_one_thread):
    ct = CT2(opts(models_dir=models_dir), ct2_dir=ct2_root, threads=1)
    assert ct.compute_type == "int8" and ct.name == "ct2-int8"
    assert ct.describe("sk", "fr") == "ct2-int8:marian"  # no model for the direction
    out = ct.translate([*SENTS, ""], "sk", "en")
    assert len(out) == len(SENTS) + 1 and out[-1] == ""
    assert all(isinstance(s, str) for s in out)
    assert ct.cache_key("sk", "en").startswith("ct2-int8:marian:Helsinki-NLP/opus-mt-sk-en@")
    assert ct.describe("sk", "en") == "ct2-int8:Helsinki-NLP/opus-mt-sk-en" and ct.name == "ct2-int8"
    assert ct.describe("sk", "de") == "ct2-int8:Helsinki-NLP/opus-mt-sk-en+Helsinki-NLP/opus-mt-en-de"


def test_cache_key_includes_settings(models_dir, m2m_dir, ct2_root):
    def key(compute_type="auto", **kw):
        return CT2(opts(models_dir=models_dir, **kw), ct2_dir=ct2_root, compute_type=compute_type,
                   threads=1).cache_key("sk", "en")

    assert len({key(), key(num_beams=4), key(max_new_tokens=256), key(max_input_tokens=64),
                key(compute_type="float32")}) == 5
    ct = CT2(opts(), family="m2m100", model=str(m2m_dir), ct2_dir=ct2_root, threads=1)
    assert ct.describe("sk", "de") == f"ct2-int8:{m2m_dir}" and ct.name == "ct2-int8"


def test_m2m100_parity(m2m_dir, ct2_root, _torch_one_thread):
    ct = CT2(opts(), family="m2m100", model=str(m2m_dir), ct2_dir=ct2_root, compute_type="float32",
             threads=1)
    hf = M2M100(ModelSettings(max_new_tokens=16), model=str(m2m_dir))
    assert ct.translate(SENTS, "sk", "de") == hf.translate(SENTS, "sk", "de")


def test_nllb_parity(nllb_dir, ct2_root, _torch_one_thread):
    ct = CT2(opts(), family="nllb", model=str(nllb_dir), ct2_dir=ct2_root, compute_type="float32",
             threads=1)
    hf = NLLB(ModelSettings(max_new_tokens=16), model=str(nllb_dir))
    assert ct.translate(SENTS, "sk", "de") == hf.translate(SENTS, "sk", "de")
