"""Model resolution order: explicit path, models folder (both layouts), HF cache, download."""

from __future__ import annotations

import time

import pytest

from xlate.errors import MissingDependencyError
from xlate.models import fetch_command, find_local, resolve_model, set_offline

ID = "Helsinki-NLP/opus-mt-sk-en"


def fake_model(folder):
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}")
    return folder


def fake_hf_cache(cache, model_id, commit="0123456789abcdef0123456789abcdef01234567"):
    repo = cache / ("models--" + model_id.replace("/", "--"))
    fake_model(repo / "snapshots" / commit)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    return repo / "snapshots" / commit


def test_explicit_path_wins(tmp_path):
    folder = fake_model(tmp_path / "anywhere")
    got = resolve_model(str(folder), models_dir=tmp_path / "empty")
    assert (got.path, got.source) == (folder.resolve(), "path")


def test_models_dir_dash_layout(tmp_path):
    folder = fake_model(tmp_path / "Helsinki-NLP--opus-mt-sk-en")
    got = resolve_model(ID, models_dir=tmp_path)
    assert (got.path, got.source, got.id) == (folder.resolve(), "models_dir", ID)


def test_models_dir_nested_layout_via_env(tmp_path, monkeypatch):
    folder = fake_model(tmp_path / "Helsinki-NLP" / "opus-mt-sk-en")
    monkeypatch.setenv("XLATE_MODELS_DIR", str(tmp_path))
    assert resolve_model(ID).path == folder.resolve()


def test_models_dir_beats_hf_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    fake_hf_cache(tmp_path / "hub", ID)
    folder = fake_model(tmp_path / "models" / "Helsinki-NLP--opus-mt-sk-en")
    assert resolve_model(ID, models_dir=tmp_path / "models").path == folder.resolve()


def test_hf_cache_without_network(tmp_path, monkeypatch):
    pytest.importorskip("huggingface_hub", reason="needs huggingface_hub: pip install 'xlate[mt]'")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    snap = fake_hf_cache(tmp_path / "hub", ID)
    got = resolve_model(ID, models_dir=tmp_path / "models")
    assert (got.path, got.source) == (snap, "hf_cache")
    assert len(got.fingerprint) == 16


def test_offline_miss_is_one_line_naming_places_and_command(tmp_path):
    with pytest.raises(MissingDependencyError) as err:
        resolve_model(ID, models_dir=tmp_path)
    msg = str(err.value)
    assert "\n" not in msg
    assert ID in msg and "HF_HUB_OFFLINE" in msg and "HF cache" in msg
    assert str(tmp_path / "Helsinki-NLP--opus-mt-sk-en") in msg
    assert fetch_command(ID, tmp_path) in msg
    assert msg.endswith(f"hf download {ID} --local-dir {tmp_path / 'Helsinki-NLP--opus-mt-sk-en'}")


def test_failed_download_is_fast_and_typed(tmp_path, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")  # conftest points HF_ENDPOINT at a closed local port
    start = time.monotonic()
    with pytest.raises(MissingDependencyError, match="could not be downloaded") as err:
        resolve_model(ID, models_dir=tmp_path, download=True)
    assert time.monotonic() - start < 20
    assert "\n" not in str(err.value)
    assert "searched" in str(err.value) and "HF cache" in str(err.value)  # where it looked before


def test_missing_explicit_folder(tmp_path):
    with pytest.raises(MissingDependencyError, match="does not exist"):
        resolve_model(str(tmp_path / "nope"))


def test_find_local_never_downloads(tmp_path, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    assert find_local(ID, models_dir=tmp_path) is None


def test_set_offline(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    set_offline()
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_is_offline_reads_env_at_call_time(monkeypatch):
    from xlate.models import is_offline

    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    assert not is_offline()
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    assert is_offline()


def test_bad_device_is_config_error():
    pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
    from xlate.errors import ConfigError
    from xlate.models import torch_device

    assert torch_device("cpu") == "cpu"
    with pytest.raises(ConfigError, match="unknown device"):
        torch_device("tpu")
