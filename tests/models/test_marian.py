"""Marian backend on tiny local opus-mt-shaped models: batching, order, pivoting, resolution."""

from __future__ import annotations

import pytest

pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[mt]'")

from tiny_models import sentences  # noqa: E402

from xlate.config import ModelSettings  # noqa: E402
from xlate.errors import MissingDependencyError  # noqa: E402
from xlate.models import ModelStore  # noqa: E402
from xlate.translate import run_translator  # noqa: E402
from xlate.translate.marian import Marian, find_route  # noqa: E402

pytestmark = pytest.mark.model
SENTS = sentences(14, seed=5)


@pytest.fixture(scope="module")
def marian(models_dir, _torch_one_thread):
    return Marian(ModelSettings(models_dir=models_dir, max_new_tokens=16, batch_size=4))


def test_batching_preserves_order_and_count(marian):
    sents = [*SENTS, "", "   ", SENTS[0]]
    out = run_translator(marian, sents, "sk", "en")
    assert len(out) == len(sents)
    assert out[-3:-1] == ["", ""]  # blanks never reach the model
    assert out[-1] == out[0]
    assert len(set(out)) > 3  # outputs depend on the input (random weights, but not constant)
    one_by_one = [marian.translate([s], "sk", "en")[0] for s in SENTS]
    assert out[:len(SENTS)] == one_by_one
    assert marian.translate(SENTS[::-1], "sk", "en") == out[:len(SENTS)][::-1]


def test_greedy_is_deterministic(marian):
    assert marian.translate(SENTS, "sk", "en") == marian.translate(SENTS, "sk", "en")


def test_name_and_cache_key_name_the_model(marian):
    marian.translate(SENTS[:1], "sk", "en")
    assert marian.describe("sk", "en") == "marian:Helsinki-NLP/opus-mt-sk-en" and marian.name == "marian"
    assert marian.cache_key("sk", "en").startswith("marian:Helsinki-NLP/opus-mt-sk-en@")


def test_pivot_through_english(marian, models_dir):
    route = find_route("sk", "de", ModelStore(ModelSettings(models_dir=models_dir, download=False)))
    assert [m.id for m in route] == ["Helsinki-NLP/opus-mt-sk-en", "Helsinki-NLP/opus-mt-en-de"]
    pivoted = marian.translate(SENTS, "sk", "de")
    assert marian.describe("sk", "de") == "marian:Helsinki-NLP/opus-mt-sk-en+Helsinki-NLP/opus-mt-en-de"
    by_hand = marian.translate(marian.translate(SENTS, "sk", "en"), "en", "de")
    assert pivoted == by_hand


def test_nested_models_dir_layout(marian, models_dir):
    assert find_route("de", "en", ModelStore(ModelSettings(models_dir=models_dir)))[0].path == (
        models_dir / "Helsinki-NLP" / "opus-mt-de-en").resolve()
    assert len(marian.translate(SENTS, "de", "en")) == len(SENTS)


def test_same_language_is_identity(marian):
    assert marian.translate(SENTS[:2], "sk", "sk-SK") == SENTS[:2]


def test_missing_pair_offline_names_direct_and_pivot(marian):
    with pytest.raises(MissingDependencyError) as err:
        marian.translate(SENTS, "sk", "fr")
    msg = str(err.value)
    assert "\n" not in msg
    assert "hf download Helsinki-NLP/opus-mt-sk-fr" in msg and "opus-mt-en-fr" in msg


def test_loading_is_quiet_and_restores_progress_bars(models_dir, capfd):
    from transformers.utils import logging as hf_logging

    assert hf_logging.is_progress_bar_enabled()
    Marian(ModelSettings(models_dir=models_dir, max_new_tokens=4)).translate(["mesto"], "de", "en")
    assert "Loading weights" not in capfd.readouterr().err
    assert hf_logging.is_progress_bar_enabled()


def test_cache_key_includes_generation_settings(models_dir, tmp_path, _torch_one_thread):
    from xlate.translate import get_translator

    def marian(**settings) -> Marian:
        return Marian(ModelSettings(models_dir=models_dir, **settings))

    short = marian(max_new_tokens=3)
    assert short.cache_key("sk", "en") != marian(num_beams=4).cache_key("sk", "en")
    assert short.cache_key("sk", "en") != marian(max_new_tokens=3, max_input_tokens=8).cache_key("sk", "en")
    cache = str(tmp_path / "mt.sqlite")
    first = get_translator("marian", ModelSettings(models_dir=models_dir, mt_cache=cache, max_new_tokens=3))
    cut = first.translate(SENTS, "sk", "en")
    other = get_translator("marian", ModelSettings(models_dir=models_dir, mt_cache=cache, num_beams=4,
                                                   max_new_tokens=256))
    assert other.translate(SENTS, "sk", "en") == marian(num_beams=4).translate(SENTS, "sk", "en")
    assert other.hits == 0 and cut != other.translate(SENTS, "sk", "en")


def test_name_is_final_after_a_cache_hit(models_dir, tmp_path):
    from xlate.translate import get_translator

    opts = ModelSettings(models_dir=models_dir, mt_cache=str(tmp_path / "mt.sqlite"), max_new_tokens=4)
    get_translator("marian", opts).translate(SENTS[:2], "sk", "de")
    again = get_translator("marian", opts)
    assert again.name == "marian"  # the backend; never changed by translating
    again.translate(SENTS[:2], "sk", "de")
    assert again.hits == 2  # nothing translated, yet describe() says which models made the cached output
    assert again.describe("sk", "de") == "marian:Helsinki-NLP/opus-mt-sk-en+Helsinki-NLP/opus-mt-en-de"
    assert again.name == "marian"
    fresh = Marian(ModelSettings(models_dir=models_dir))
    assert fresh.describe("sk", "en") == "marian:Helsinki-NLP/opus-mt-sk-en"
    assert fresh.describe("sk", "fr") == "marian"  # no model for the direction: the plain name, no error
