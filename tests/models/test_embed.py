"""HF embedder on tiny local encoders: unit rows, dedupe, pooling from sentence-transformers files."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch", reason="needs torch: pip install 'xlate[embed]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[embed]'")

from tiny_models import sentences  # noqa: E402

from xlate.config import ModelSettings  # noqa: E402
from xlate.embed import get_embedder, run_embedder  # noqa: E402
from xlate.embed.hf import read_st_config  # noqa: E402
from xlate.errors import ConfigError, MissingDependencyError  # noqa: E402

pytestmark = pytest.mark.model
SENTS = sentences(20, seed=9)


@pytest.fixture(scope="module")
def embedder(encoder_dir, _torch_one_thread):
    return get_embedder(str(encoder_dir), batch_size=4)


def test_unit_float32_rows_in_order(embedder):
    vecs = run_embedder(embedder, SENTS)
    assert vecs.shape == (len(SENTS), 32) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert embedder.pooling == "mean"
    single = np.stack([embedder.embed([s])[0] for s in SENTS[::-1]])[::-1]
    np.testing.assert_array_equal(single, vecs)  # from the per-object cache


def test_identical_strings_embedded_once(encoder_dir, _torch_one_thread):
    emb = get_embedder(str(encoder_dir), batch_size=4)
    vecs = emb.embed(["a house", "the city", "a house", "a house"])
    assert emb.encoded == 2
    np.testing.assert_array_equal(vecs[0], vecs[2])
    emb.embed(["the city", "new story"])
    assert emb.encoded == 3


def test_batching_matches_unbatched(encoder_dir, _torch_one_thread):
    big = get_embedder(str(encoder_dir), batch_size=64).embed(SENTS)
    small = get_embedder(str(encoder_dir), batch_size=1).embed(SENTS)
    np.testing.assert_allclose(big, small, atol=1e-5)


def test_empty_input(embedder):
    assert embedder.embed([]).shape == (0, 32)


def test_sentence_transformers_layout(st_encoder_dir, _torch_one_thread):
    info = read_st_config(st_encoder_dir)
    assert info["pooling"] == "cls" and info["max_length"] == 64 and len(info["dense"]) == 1
    emb = get_embedder(str(st_encoder_dir))
    vecs = run_embedder(emb, SENTS[:5])
    assert vecs.shape == (5, 16)  # CLS -> Dense(32->16, tanh) -> normalise
    assert emb.pooling == "cls" and emb.max_length == 64


def test_pooling_override_and_validation(encoder_dir, _torch_one_thread):
    assert get_embedder(str(encoder_dir), pooling="pooler").embed(SENTS[:2]).shape == (2, 32)
    with pytest.raises(ConfigError, match="pooling"):
        get_embedder(str(encoder_dir), pooling="median")


def test_registry_name_resolves_lazily_and_offline(tmp_path):
    emb = get_embedder("labse", ModelSettings(models_dir=tmp_path))  # constructing touches no disk or network
    assert emb.name == "hf:sentence-transformers/LaBSE"
    with pytest.raises(MissingDependencyError, match="sentence-transformers/LaBSE") as err:
        emb.embed(["x"])
    assert "hf download sentence-transformers/LaBSE" in str(err.value)


def test_registry_names_in_any_case(tmp_path):
    settings = ModelSettings(models_dir=tmp_path)
    assert get_embedder("LaBSE", settings).name == "hf:sentence-transformers/LaBSE"
    assert get_embedder("MiniLM", settings).name.endswith("paraphrase-multilingual-MiniLM-L12-v2")
    assert get_embedder("Org/Some-Model", settings).name == "hf:Org/Some-Model"  # hub ids keep case
