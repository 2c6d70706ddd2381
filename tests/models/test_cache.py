"""The sqlite translation cache: re-running costs no backend calls."""

from __future__ import annotations

import pytest

from xlate.errors import BackendError, ConfigError
from xlate.translate import get_translator, run_translator
from xlate.translate.cache import CachedTranslator, TranslationCache


class Counting:
    """Fake backend: upper-cases and counts sentences sent to it."""

    def __init__(self, key="count@1"):
        self.name = "counting"
        self.key = key
        self.calls = 0
        self.sent = 0

    def cache_key(self, src, tgt):
        return self.key

    def translate(self, sents, src, tgt):
        self.calls += 1
        self.sent += len(sents)
        return [s.upper() for s in sents]


def test_second_run_costs_nothing(tmp_path):
    cache = TranslationCache(tmp_path / "mt.sqlite")
    inner = Counting()
    sents = ["a b", "c", "a b", "ďakujem"]
    first = run_translator(CachedTranslator(inner, cache), sents, "sk", "en")
    assert first == ["A B", "C", "A B", "ĎAKUJEM"]
    assert (inner.calls, inner.sent) == (1, 3)  # duplicate sent once
    again = CachedTranslator(inner, TranslationCache(tmp_path / "mt.sqlite"))  # fresh object
    assert again.translate(sents, "sk", "en") == first
    assert (inner.calls, again.hits, again.misses) == (1, 4, 0)


def test_only_misses_reach_the_backend(tmp_path):
    cached = CachedTranslator(inner := Counting(), TranslationCache(tmp_path / "c.sqlite"))
    cached.translate(["one", "two"], "sk", "en")
    assert cached.translate(["two", "three", "one"], "sk", "en") == ["TWO", "THREE", "ONE"]
    assert inner.sent == 3


def test_key_includes_model_and_direction(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite")
    CachedTranslator(Counting("m@1"), cache).translate(["x"], "sk", "en")
    other_model = Counting("m@2")
    CachedTranslator(other_model, cache).translate(["x"], "sk", "en")
    other_dir = Counting("m@1")
    CachedTranslator(other_dir, cache).translate(["x"], "en", "sk")
    assert (other_model.calls, other_dir.calls) == (1, 1)


def test_empty_input(tmp_path):
    inner = Counting()
    assert CachedTranslator(inner, TranslationCache(tmp_path / "c.sqlite")).translate(
        [], "sk", "en") == []
    assert inner.calls == 0


def test_backend_contract_is_checked(tmp_path):
    class Broken(Counting):
        def translate(self, sents, src, tgt):
            return []

    with pytest.raises(BackendError):
        CachedTranslator(Broken(), TranslationCache(tmp_path / "c.sqlite")).translate(
            ["x"], "sk", "en")


def test_registry(tmp_path):
    assert get_translator("identity").translate(["x"], "sk", "en") == ["x"]
    with pytest.raises(ConfigError, match="marian, nllb, m2m100, ct2"):
        get_translator("google")
