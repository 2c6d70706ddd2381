"""Session fixtures: tiny random-weight models built locally once (see tiny_models.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_models import (
    add_st_files,
    build_encoder,
    build_m2m100,
    build_marian,
    build_nllb,
    sentences,
    train_spm,
)


@pytest.fixture(scope="session")
def _torch_one_thread():
    torch = pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
    torch.set_num_threads(1)
    return torch


@pytest.fixture(scope="session")
def spm_model(_torch_one_thread) -> bytes:
    """One sentencepiece model shared by every tiny model."""
    pytest.importorskip("sentencepiece", reason="needs sentencepiece: pip install 'xlate[mt]'")
    return train_spm(sentences())


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory, spm_model) -> Path:
    """An xlate models folder with opus-mt-sk-en, opus-mt-en-de (``org--name``) and
    opus-mt-de-en (``org/name``); sk→de has no direct model and must pivot."""
    root = tmp_path_factory.mktemp("models")
    build_marian(root / "Helsinki-NLP--opus-mt-sk-en", spm_model, seed=1)
    build_marian(root / "Helsinki-NLP--opus-mt-en-de", spm_model, seed=2)
    build_marian(root / "Helsinki-NLP" / "opus-mt-de-en", spm_model, seed=3)
    return root


@pytest.fixture(scope="session")
def m2m_dir(tmp_path_factory, spm_model) -> Path:
    return build_m2m100(tmp_path_factory.mktemp("m2m") / "tiny-m2m100", spm_model)


@pytest.fixture(scope="session")
def nllb_dir(tmp_path_factory, _torch_one_thread) -> Path:
    return build_nllb(tmp_path_factory.mktemp("nllb") / "tiny-nllb", sentences())


@pytest.fixture(scope="session")
def encoder_dir(tmp_path_factory, spm_model) -> Path:
    return build_encoder(tmp_path_factory.mktemp("enc") / "tiny-xlmr", spm_model)


@pytest.fixture(scope="session")
def st_encoder_dir(tmp_path_factory, spm_model) -> Path:
    folder = build_encoder(tmp_path_factory.mktemp("st") / "tiny-labse-st", spm_model, seed=12)
    return add_st_files(folder)


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    """No test may reach the Hub: offline, an empty HF cache and a dead endpoint."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.delenv("XLATE_MODELS_DIR", raising=False)
    monkeypatch.setenv("XLATE_MT_CACHE", str(tmp_path / "mt.sqlite"))
