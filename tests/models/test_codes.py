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


def test_every_accepted_language_has_an_nllb_code_in_the_model_vocabulary():
    tok = pytest.importorskip("transformers.models.nllb.tokenization_nllb",
                              reason="needs transformers: pip install 'xlate[mt]'")
    from xlate.langs import known_languages

    flores = set(tok.FAIRSEQ_LANGUAGE_CODES)
    assert {lang: codes.nllb_code(lang) for lang in known_languages()
            if codes.nllb_code(lang) not in flores} == {}


def test_m2m100_covers_every_accepted_language_it_supports():
    tok = pytest.importorskip("transformers.models.m2m_100.tokenization_m2m_100",
                              reason="needs transformers: pip install 'xlate[mt]'")
    from xlate.langs import known_languages

    m2m = set(tok.FAIRSEQ_LANGUAGE_CODES["m2m100"])
    assert codes.M2M100 <= m2m
    assert {codes.normalize(lang) for lang in known_languages()} - codes.M2M100 == {"eu", "mt"}
    assert {codes.normalize(lang) for lang in known_languages()} & m2m <= codes.M2M100


@pytest.mark.parametrize(("iso", "nllb"), [("he", "heb_Hebr"), ("vi", "vie_Latn"), ("fa", "pes_Arab"),
                                           ("ms", "zsm_Latn"), ("sw", "swh_Latn"), ("ka", "kat_Geor"),
                                           ("lb", "ltz_Latn"), ("iw", "heb_Hebr"), ("id", "ind_Latn")])
def test_more_nllb_codes(iso, nllb):
    assert codes.nllb_code(iso) == nllb


def test_m2m100_has_no_basque_or_maltese():
    with pytest.raises(ConfigError, match="no M2M100 code for 'eu'"):
        codes.m2m100_code("eu")
    assert codes.m2m100_code("he") == "he" and codes.m2m100_code("vi") == "vi"
