"""``xlate.Config``: one frozen, validated object; each bad value is one clear ConfigError."""

from __future__ import annotations

import dataclasses

import pytest

import xlate
from xlate.cli import main
from xlate.config import Config, ModelSettings
from xlate.errors import ConfigError

SK = "Operácie si vyžiadali už 61 životov. Washington neuznáva voľby."
EN = "The operations have already claimed 16 lives. Washington does not recognise the vote."


@pytest.mark.parametrize("kwargs, message", [
    ({"src_lang": "xx"}, "unknown language code 'xx'"),
    ({"checks": ("numbers", "vibes")}, "unknown check 'vibes'"),
    ({"max_length_ratio": float("nan")}, "max_length_ratio"),
    ({"max_length_ratio": -3}, "max_length_ratio"),
    ({"max_length_ratio": 0.5}, "max_length_ratio"),
    ({"source_mt": "one string, not lines"}, "source_mt must be a sequence of lines"),
    ({"models": ModelSettings()} | {"align": {"skip": 1}}, "align must be"),
    ({"presegmented": "no"}, "presegmented must be true or false"),
    ({"furniture": None}, "furniture must be true or false"),
    ({"embedder": 5}, "embedder must be a name"),
    ({"translator": object()}, "translator must be a name"),
])
def test_bad_values_are_config_errors(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        Config(**kwargs)


@pytest.mark.parametrize("kwargs, message", [
    ({"device": "tpu"}, "unknown device 'tpu'"),
    ({"num_beams": 0}, "num_beams"),
    ({"batch_size": True}, "batch_size"),
    ({"download": "no"}, "download must be"),
    ({"mt_cache": 5}, "mt_cache must be"),
])
def test_bad_model_settings_are_config_errors(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        ModelSettings(**kwargs)


def test_values_are_normalised_once():
    c = Config(src_lang="pt-BR", checks=["numbers"], source_mt=["a", "b"], max_length_ratio=4)
    assert (c.src_lang, c.checks, c.source_mt, c.max_length_ratio) == ("pt", ("numbers",), ("a", "b"), 4.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.src_lang = "en"  # type: ignore[misc]


def test_options_override_a_base_config_and_reach_model_settings():
    base = Config(presegmented=True)
    c = Config.from_options(base, device="auto", models_dir="/models", translator="auto")
    assert c.presegmented and c.translator == "auto"
    assert c.models == ModelSettings(device="auto", models_dir="/models")
    with pytest.raises(ConfigError, match="unknown option.*aligner"):
        Config.from_options(aligner="lexical")


def test_the_report_records_the_config_it_ran_with():
    r = xlate.check(SK, EN, config=Config(src_lang="sk", tgt_lang="en", checks=("numbers",), furniture=False))
    c = r.config
    assert (c["src_lang"], c["checks"], c["furniture"], c["src_lang_detected"]) == ("sk", ["numbers"], False, False)
    assert c["signature"].startswith("sk-en|seg:rules+nofurn|align:lexical|mt:none|")
    assert "|checks:numbers|" in c["signature"]
    assert {f.type for f in r.findings} == {"number"}
    # Keyword options and a Config say the same thing.
    assert xlate.check(SK, EN, "sk", "en", checks=("numbers",), furniture=False).config == c


@pytest.mark.parametrize("flag, value", [("--max-length-ratio", "nan"), ("--max-length-ratio", "-1"),
                                         ("--checks", "numbers,vibes"), ("--src-lang", "xx")])
def test_cli_bad_value_is_one_line_and_exit_2(tmp_path, capsys, flag, value):
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text(SK, encoding="utf-8")
    tgt.write_text(EN, encoding="utf-8")
    assert main(["check", str(src), str(tgt), flag, value]) == 2
    err = capsys.readouterr().err
    assert err.startswith("xlate: error:") and len(err.strip().splitlines()) == 1


def test_aligner_knobs_are_validated():
    from xlate.align.params import LexicalParams

    with pytest.raises(ConfigError, match="align.length_var must be above 0"):
        LexicalParams(length_var=0.0)
    with pytest.raises(ConfigError, match="align.skip must be a finite number"):
        LexicalParams(skip=float("inf"))
    with pytest.raises(ConfigError, match="align.ratio_check must be true or false"):
        LexicalParams(ratio_check=1)


def test_duplicates_and_devices():
    assert Config(checks=("numbers", "quotes", "numbers")).checks == ("numbers", "quotes")
    assert ModelSettings(device="cuda:1").device == "cuda:1"
    with pytest.raises(ConfigError, match="config must be an xlate.Config"):
        Config.from_options("sk")  # type: ignore[arg-type]


def test_every_setting_that_changes_results_changes_the_signature():
    from xlate.align.params import LexicalParams

    def sig(**kw):
        return xlate.check(SK, EN, "sk", "en", **kw).config["signature"]

    plain = sig()
    variants = [sig(furniture=False), sig(checks=("numbers",)), sig(checks=("quotes",)),
                sig(align=LexicalParams(skip=0.5)), sig(presegmented=True),
                sig(calibration="off"), sig(calibration="severity"),
                sig(translator="identity"), sig(translator="identity", num_beams=4),
                sig(presegmented=True, source_mt=[EN]), sig(presegmented=True, target_mt=[SK])]
    assert len({plain, *variants}) == len(variants) + 1
    assert sig(device="auto") == plain  # where a model runs does not change what it says
