"""Language-code tables for NLLB-200, M2M100 and Marian model names."""

from __future__ import annotations

import pytest

from xlate.errors import ConfigError
from xlate.translate import codes

REQUIRED = "en de fr es it pt nl pl cs sk sl hr sr bg ru uk hu is zh".split()


@pytest.mark.parametrize(
    ("iso", "nllb"),
    [("sk", "slk_Latn"), ("sr", "srp_Cyrl"), ("en", "eng_Latn"), ("zh", "zho_Hans"),
     ("uk", "ukr_Cyrl"), ("is", "isl_Latn"), ("pt-BR", "por_Latn"), ("slk_Latn", "slk_Latn")],
)
def test_nllb_codes(iso, nllb):
    assert codes.nllb_code(iso) == nllb


def test_every_required_language_is_covered():
    for iso in REQUIRED:
        assert codes.nllb_code(iso).count("_") == 1
        assert codes.m2m100_code(iso) == iso


@pytest.mark.parametrize(("code", "norm"), [("SK", "sk"), ("sr-Latn", "sr"), ("zh_Hans", "zh"),
                                            ("nb", "no")])
def test_normalize(code, norm):
    assert codes.normalize(code) == norm


@pytest.mark.parametrize("bad", ["", "e", "english-us", "12"])
def test_bad_codes_raise_config_error(bad):
    with pytest.raises(ConfigError):
        codes.nllb_code(bad)


def test_unknown_language_lists_known_ones():
    with pytest.raises(ConfigError, match="known: .*sk"):
        codes.nllb_code("xx")


def test_marian_names_and_pivot_routes():
    assert codes.marian_model_id("sk", "en") == "Helsinki-NLP/opus-mt-sk-en"
    assert codes.marian_routes("sk", "de") == [
        ["Helsinki-NLP/opus-mt-sk-de"],
        ["Helsinki-NLP/opus-mt-sk-en", "Helsinki-NLP/opus-mt-en-de"],
    ]
    assert codes.marian_routes("en", "de") == [["Helsinki-NLP/opus-mt-en-de"]]
