"""M2M100 backend on a tiny local model: language tokens, batching, codes."""

from __future__ import annotations

import pytest

pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[mt]'")

from tiny_models import sentences  # noqa: E402

from xlate.config import ModelSettings  # noqa: E402
from xlate.errors import ConfigError  # noqa: E402
from xlate.translate.hf import lang_token  # noqa: E402
from xlate.translate.m2m import M2M100, NLLB  # noqa: E402

pytestmark = pytest.mark.model
SENTS = sentences(10, seed=6)


@pytest.fixture(scope="module")
def m2m(m2m_dir, _torch_one_thread):
    return M2M100(ModelSettings(max_new_tokens=16, batch_size=3), model=str(m2m_dir))


def test_translate_sets_target_language(m2m):
    de = m2m.translate(SENTS, "sk", "de")
    fr = m2m.translate(SENTS, "sk", "fr")
    assert len(de) == len(fr) == len(SENTS)
    assert de != fr  # forced_bos_token_id differs
    assert not any("__" in s for s in de + fr)  # language tokens are stripped


def test_forced_bos_is_the_target_language(m2m):
    m2m.translate(SENTS[:1], "sk", "de")
    s2s = m2m.engine.load(m2m.route("sk", "de")[0])
    enc = s2s.tokenizer(SENTS[:2], return_tensors="pt", padding=True)
    gen = s2s.model.generate(**enc, forced_bos_token_id=s2s.tokenizer.get_lang_id("de"),
                             max_new_tokens=4, do_sample=False)
    assert gen[:, 1].tolist() == [s2s.tokenizer.get_lang_id("de")] * 2
    assert lang_token(s2s.tokenizer, "de") == "__de__"


def test_batching_preserves_order(m2m):
    out = m2m.translate(SENTS, "sk", "de")
    assert [m2m.translate([s], "sk", "de")[0] for s in SENTS] == out


def test_unknown_language_is_config_error(m2m):
    with pytest.raises(ConfigError):
        m2m.translate(SENTS, "sk", "xx")


def test_nllb_uses_flores_codes_and_resolves_lazily(tmp_path):
    nllb = NLLB(ModelSettings(models_dir=tmp_path))  # constructing never resolves or downloads
    assert nllb.family.code("sk") == "slk_Latn" and nllb.name == "nllb"
    assert nllb.model_name.startswith("facebook/nllb-200")
    assert nllb.family._resolved is None


def test_nllb_backend(nllb_dir):
    nllb = NLLB(ModelSettings(max_new_tokens=16, batch_size=4), model=str(nllb_dir))
    out = nllb.translate(SENTS, "sk", "de")
    assert len(out) == len(SENTS) and out != nllb.translate(SENTS, "sk", "fr")
    assert not any("deu_Latn" in s or "fra_Latn" in s for s in out)
    tokenizer = nllb.engine.load(nllb.route("sk", "de")[0]).tokenizer
    assert lang_token(tokenizer, "slk_Latn") == "slk_Latn"
    assert tokenizer.src_lang == "slk_Latn"
    assert [nllb.translate([s], "sk", "de")[0] for s in SENTS] == out


def test_name_and_cache_key(m2m_dir, tmp_path):
    m2m = M2M100(ModelSettings(max_new_tokens=16), model=str(m2m_dir))
    assert m2m.describe("sk", "de") == f"m2m100:{m2m_dir}" and m2m.name == "m2m100"
    keys = {m2m.cache_key("sk", "de"), M2M100(ModelSettings(num_beams=4), model=str(m2m_dir)).cache_key("sk", "de"),
            M2M100(ModelSettings(max_new_tokens=3), model=str(m2m_dir)).cache_key("sk", "de")}
    assert len(keys) == 3 and all(k.startswith(f"m2m100:{m2m_dir}@") for k in keys)
    # Not on disk: describing names the configured model instead of raising.
    assert NLLB(ModelSettings(models_dir=tmp_path)).describe("sk", "de") == "nllb:facebook/nllb-200-distilled-600M"
