"""Loading HF encoders: broken folders fail in one line, loads are quiet, shared, capped and lazy."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch", reason="needs torch: pip install 'xlate[embed]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[embed]'")

import transformers  # noqa: E402
from tiny_models import build_marian  # noqa: E402

import xlate  # noqa: E402
from xlate.embed import get_embedder  # noqa: E402
from xlate.embed.hf import position_limit  # noqa: E402
from xlate.errors import ModelError  # noqa: E402
from xlate.models import clear_loaded  # noqa: E402

pytestmark = pytest.mark.model
SK = "Vláda povedala, že dvanásť ľudí nie je v meste. Polícia to uviedla v správe."
EN = "The government said twelve people are not in the city. Police said so in a report."


def _copy(src: Path, dst: Path, *, skip: tuple[str, ...] = ()) -> Path:
    dst.mkdir(parents=True)
    for f in src.iterdir():
        if f.is_file() and f.name not in skip:
            shutil.copy2(f, dst / f.name)
    return dst


def _broken(kind: str, tmp_path: Path, encoder_dir: Path, spm_model: bytes) -> Path:
    folder = tmp_path / kind
    if kind == "garbage":
        _copy(encoder_dir, folder, skip=("config.json",))
        (folder / "config.json").write_text("{not json")
    elif kind == "empty-config":
        _copy(encoder_dir, folder, skip=("config.json",))
        (folder / "config.json").write_text("{}")
    elif kind == "no-weights":
        _copy(encoder_dir, folder, skip=("model.safetensors",))
    else:  # a translation model is not a sentence encoder
        build_marian(folder, spm_model, seed=1)
    return folder


@pytest.mark.parametrize("kind", ["garbage", "empty-config", "no-weights", "seq2seq"])
def test_broken_folder_is_one_line_model_error(kind, tmp_path, encoder_dir, spm_model, _torch_one_thread):
    folder = _broken(kind, tmp_path, encoder_dir, spm_model)
    with pytest.raises(ModelError) as err:
        get_embedder(str(folder)).load()
    msg = str(err.value)
    assert "\n" not in msg and str(folder) in msg and err.value.exit_code == 2


def test_masked_lm_checkpoint_loads_without_load_report(tmp_path, encoder_dir, _torch_one_thread):
    folder = _copy(encoder_dir, tmp_path / "mlm", skip=("model.safetensors",))
    config = transformers.AutoConfig.from_pretrained(encoder_dir)
    transformers.XLMRobertaForMaskedLM(config).save_pretrained(folder)  # lm_head unused, pooler missing
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    hf_root = logging.getLogger("transformers")
    hf_root.addHandler(handler)
    before = transformers.logging.get_verbosity()
    try:
        vecs = get_embedder(str(folder)).embed(["a house", "the city"])
    finally:
        hf_root.removeHandler(handler)
    assert vecs.shape == (2, 32)
    assert [r.getMessage()[:80] for r in records if r.levelno >= logging.WARNING] == []
    assert transformers.logging.get_verbosity() == before  # the caller's setting is restored


def test_model_loaded_once_per_process(monkeypatch, tmp_path, encoder_dir, _torch_one_thread):
    clear_loaded()
    calls: list[str] = []
    orig = transformers.AutoModel.from_pretrained

    def counting(path, *args, **kwargs):
        calls.append(str(path))
        return orig(path, *args, **kwargs)

    monkeypatch.setattr(transformers.AutoModel, "from_pretrained", counting)
    reports = [xlate.check(SK, EN, "sk", "en", embedder=str(encoder_dir)) for _ in range(2)]
    assert len(calls) == 1 and reports[0].config["embedder"] == reports[1].config["embedder"]
    a, b = get_embedder(str(encoder_dir)).load(), get_embedder(str(encoder_dir), pooling="cls").load()
    assert a.model is b.model and len(calls) == 1 and (a.pooling, b.pooling) == ("mean", "cls")

    copy = _copy(encoder_dir, tmp_path / "enc")
    get_embedder(str(copy)).load()
    os.utime(copy / "model.safetensors", ns=(1, 1))  # rebuilt in place: new fingerprint, new load
    get_embedder(str(copy)).load()
    assert len(calls) == 3


def test_input_capped_at_position_table(encoder_dir, st_encoder_dir, _torch_one_thread):
    long = " ".join(["minister police said"] * 120)  # far more than the 128 usable positions
    for max_length in (None, 512):
        emb = get_embedder(str(encoder_dir), max_length=max_length)
        vecs = emb.embed([long, "a house"])
        assert emb.max_length == 128 and np.isfinite(vecs).all()  # 130 positions minus XLM-R's offset
    assert get_embedder(str(st_encoder_dir)).load().max_length == 64  # sentence-transformers' own cap


@pytest.mark.parametrize(("model_type", "positions", "limit"), [
    ("xlm-roberta", 514, 512), ("roberta", 514, 512), ("camembert", 514, 512), ("bert", 512, 512),
])
def test_position_limit(model_type, positions, limit):
    config = transformers.AutoConfig.for_model(model_type, max_position_embeddings=positions)
    assert position_limit(config) == limit


def test_missing_model_found_missing_before_torch_import(tmp_path):
    code = (
        "import sys\n"
        "from xlate.config import ModelSettings\n"
        "from xlate.embed.hf import HFEmbedder\n"
        "from xlate.errors import MissingDependencyError\n"
        f"emb = HFEmbedder('sentence-transformers/LaBSE', ModelSettings(models_dir={str(tmp_path)!r}))\n"
        "try:\n"
        "    emb.load()\n"
        "except MissingDependencyError:\n"
        "    print('missing')\n"
        "print('torch' in sys.modules, 'transformers' in sys.modules)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split() == ["missing", "False", "False"]

