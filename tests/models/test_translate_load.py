"""Loading translation models: broken folders, quiet loads, one load per process, devices, position
tables, and ``--translator PATH|HUB-ID``."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[mt]'")

from tiny_models import sentences  # noqa: E402

from xlate.config import ModelSettings  # noqa: E402
from xlate.errors import ConfigError, MissingDependencyError, ModelError  # noqa: E402
from xlate.translate import get_translator  # noqa: E402
from xlate.translate.m2m import M2M100, NLLB  # noqa: E402
from xlate.translate.marian import Marian  # noqa: E402

pytestmark = pytest.mark.model
SK_EN = "Helsinki-NLP--opus-mt-sk-en"
# Far past the tiny models' 128-entry position tables once tokenized.
LONG = " ".join(sentences(40, seed=9))


def _ct2():
    return pytest.importorskip("ctranslate2", reason="needs ctranslate2: pip install 'xlate[ct2]'")


def _broken(kind: str, folder: Path, marian: Path, encoder: Path) -> Path:
    """A found-but-unusable model folder of one ``kind``."""
    if kind == "no-weights":
        shutil.copytree(marian, folder, ignore=shutil.ignore_patterns("model.safetensors"))
    elif kind == "wrong-kind":
        shutil.copytree(encoder, folder)
    else:
        folder.mkdir(parents=True)
        (folder / "config.json").write_text({"bad-json": "{not json", "empty-config": "{}"}[kind])
    return folder


@pytest.mark.parametrize("kind", ["bad-json", "empty-config", "no-weights", "wrong-kind"])
@pytest.mark.parametrize("backend", ["marian", "m2m100", "nllb", "ct2-marian", "ct2-m2m100"])
def test_broken_folder_is_one_line_model_error(backend, kind, tmp_path, models_dir, encoder_dir):
    if backend.startswith("ct2"):
        _ct2()
        from xlate.translate.ct2 import CT2
    folder = _broken(kind, tmp_path / "models" / SK_EN, models_dir / SK_EN, encoder_dir)
    make = {
        "marian": lambda: Marian(ModelSettings(models_dir=folder.parent)),
        "m2m100": lambda: M2M100(model=folder),
        "nllb": lambda: NLLB(model=folder),
        "ct2-marian": lambda: CT2(ModelSettings(models_dir=folder.parent), ct2_dir=tmp_path / "ct2"),
        "ct2-m2m100": lambda: CT2(family="m2m100", model=folder, ct2_dir=tmp_path / "ct2"),
    }[backend]
    with pytest.raises(ModelError) as err:
        make().translate(["Dobrý deň."], "sk", "en")
    msg = str(err.value)
    assert "\n" not in msg and str(folder) in msg
    assert not [p for p in (tmp_path / "ct2").glob(".converting-*")]


def test_load_report_and_warnings_stay_off_stderr(tmp_path, models_dir, capfd, _torch_one_thread):
    import torch
    from safetensors.torch import load_file, save_file
    from transformers.utils import logging as hf_logging

    folder = shutil.copytree(models_dir / SK_EN, tmp_path / SK_EN)
    weights = load_file(str(folder / "model.safetensors"))
    weights["model.unused.weight"] = torch.zeros(2)  # an UNEXPECTED key: transformers logs a LOAD REPORT
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    level = hf_logging.get_verbosity()
    capfd.readouterr()
    Marian(ModelSettings(max_new_tokens=4), model=folder).translate(["mesto"], "sk", "en")
    err = capfd.readouterr().err
    assert "LOAD REPORT" not in err and "Loading weights" not in err and "UNEXPECTED" not in err
    assert hf_logging.get_verbosity() == level


def test_each_model_loads_once_per_process(tmp_path, m2m_dir, monkeypatch, _torch_one_thread):
    import transformers

    folder = shutil.copytree(m2m_dir, tmp_path / "m2m")  # a path no other test has loaded
    orig = transformers.AutoModelForSeq2SeqLM.from_pretrained
    calls: list[str] = []

    def counting(path, *args, **kwargs):
        calls.append(str(path))
        return orig(path, *args, **kwargs)

    monkeypatch.setattr(transformers.AutoModelForSeq2SeqLM, "from_pretrained", staticmethod(counting))
    forward = M2M100(ModelSettings(max_new_tokens=4), model=folder)
    backward = M2M100(ModelSettings(max_new_tokens=8), model=folder)
    forward.translate(["mesto"], "sk", "de")
    backward.translate(["Stadt"], "de", "sk")
    M2M100(ModelSettings(num_beams=2, max_new_tokens=4), model=folder).translate(["mesto"], "sk", "en")
    assert calls == [str(folder.resolve())]
    [m] = forward.route("sk", "de")
    assert forward.engine.load(m).model is backward.engine.load(m).model
    config = folder / "config.json"  # rebuilt in place: the fingerprint changes, so it loads afresh
    os.utime(config, ns=(config.stat().st_atime_ns, config.stat().st_mtime_ns + 10**9))
    M2M100(ModelSettings(max_new_tokens=4), model=folder).translate(["mesto"], "sk", "de")
    assert len(calls) == 2


def test_ct2_model_loads_once_per_process(tmp_path, models_dir, _torch_one_thread):
    _ct2()
    from xlate.translate.ct2 import CT2

    a = CT2(ModelSettings(models_dir=models_dir, max_new_tokens=4), ct2_dir=tmp_path, threads=1)
    b = CT2(ModelSettings(models_dir=models_dir, max_new_tokens=8), ct2_dir=tmp_path, threads=1)
    [m] = a.route("sk", "en")
    assert a.engine.load(m)[0] is b.engine.load(m)[0] and a.engine.load(m)[1] is b.engine.load(m)[1]


def test_ct2_cuda_without_gpu_is_config_error(monkeypatch, models_dir):
    ctranslate2 = _ct2()
    from xlate.translate.ct2 import CT2, ct2_device

    def on(device: str) -> CT2:
        return CT2(ModelSettings(device=device, models_dir=models_dir))

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(ConfigError, match="device 'cuda' requested but CUDA is not available"):
        on("cuda")
    with pytest.raises(ConfigError, match="device 'cuda:0' requested but CUDA is not available"):
        ct2_device(ctranslate2, "cuda:0")  # ModelSettings takes cpu|cuda|auto; the mapping takes cuda:N too
    auto = on("auto")
    assert (auto.device, auto.compute_type) == ("cpu", "int8")
    for bad in (lambda: on("gpu"), lambda: ct2_device(ctranslate2, "gpu")):
        with pytest.raises(ConfigError, match="unknown device"):
            bad()
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    assert on("cuda").compute_type == "int8_float16"
    with pytest.raises(ConfigError, match="'cuda:1' requested"):
        ct2_device(ctranslate2, "cuda:1")


def test_long_input_is_cut_to_the_position_table(models_dir, m2m_dir, nllb_dir, _torch_one_thread):
    m = Marian(ModelSettings(models_dir=models_dir, max_new_tokens=256))  # tiny models: 128 positions
    assert len(m.engine.load(m.route("sk", "en")[0]).tokenizer(LONG).input_ids) > 200
    assert isinstance(m.translate([LONG], "sk", "en")[0], str)
    for backend in (M2M100(ModelSettings(max_input_tokens=1000), model=m2m_dir),
                    NLLB(ModelSettings(max_new_tokens=1000), model=nllb_dir)):
        assert isinstance(backend.translate([LONG], "sk", "de")[0], str)


def test_ct2_long_input_is_cut_like_transformers(models_dir, m2m_dir, tmp_path, _torch_one_thread):
    _ct2()
    from xlate.translate.ct2 import CT2

    opts = ModelSettings(models_dir=models_dir, max_new_tokens=300, max_input_tokens=600)
    ct = CT2(opts, ct2_dir=tmp_path, compute_type="float32", threads=1)
    assert ct.translate([LONG], "sk", "en") == Marian(opts).translate([LONG], "sk", "en")
    ct = CT2(opts, family="m2m100", model=m2m_dir, ct2_dir=tmp_path, compute_type="float32", threads=1)
    assert ct.translate([LONG], "sk", "de") == M2M100(opts, model=m2m_dir).translate([LONG], "sk", "de")


def test_translator_by_folder_or_hub_id(models_dir, m2m_dir, nllb_dir, tmp_path, _torch_one_thread):
    opts = ModelSettings(mt_cache=str(tmp_path / "c.sqlite"), max_new_tokens=4)
    by_path = get_translator(str(models_dir / SK_EN), opts)
    assert type(by_path.inner) is Marian
    assert by_path.translate(["mesto"], "sk", "en") == Marian(
        ModelSettings(models_dir=models_dir, max_new_tokens=4)).translate(["mesto"], "sk", "en")
    with pytest.raises(MissingDependencyError, match="translates sk->en, not en->sk"):
        by_path.translate(["city"], "en", "sk")  # the pipeline turns this into a notice for the backward side
    by_id = get_translator("Helsinki-NLP/opus-mt-sk-en", replace(opts, models_dir=str(models_dir)))
    assert by_id.describe("sk", "en") == "marian:Helsinki-NLP/opus-mt-sk-en" and by_id.name == "marian"
    assert type(get_translator(str(m2m_dir), opts).inner) is M2M100
    nllb = get_translator(str(nllb_dir), opts)
    assert type(nllb.inner) is NLLB and nllb.describe("sk", "de") == f"nllb:{nllb_dir}"


def test_translator_spec_errors(models_dir, encoder_dir, tmp_path):
    for spec in ("google", "Helsinki-NLP/opus-mt-sk-xx", str(tmp_path / "nowhere")):
        with pytest.raises(ConfigError, match="choose one of: identity, marian, nllb, m2m100, ct2") as err:
            get_translator(spec, ModelSettings(models_dir=models_dir))
        assert "\n" not in str(err.value)
    with pytest.raises(ConfigError, match="hf download Helsinki-NLP/opus-mt-sk-xx"):
        get_translator("Helsinki-NLP/opus-mt-sk-xx", ModelSettings(models_dir=models_dir))
    with pytest.raises(ModelError, match="'xlm-roberta' model"):
        get_translator(str(encoder_dir))
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "config.json").write_text(json.dumps([1]))
    with pytest.raises(ModelError, match="no model_type"):
        get_translator(str(garbage))
