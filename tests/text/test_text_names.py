"""Name matching across scripts and inflection, and the script helpers it relies on."""

import pytest

from xlate.text import fold
from xlate.text.names import is_acronym, keys_match, names_present, word_keys
from xlate.text.script import dominant_script, visible_length


@pytest.mark.parametrize("a,b", [("Песков", "Peskov"), ("Peskow", "Peskov"), ("Venezuely", "Venezuela"),
                                 ("Венесуэлой", "Venezuela"), ("Kremľa", "Kremlin"), ("Каракас", "Caracas")])
def test_names_match_across_scripts_and_cases(a, b):
    assert keys_match(fold(a), fold(b))


@pytest.mark.parametrize("a,b", [("Peskov", "Lavrov"), ("Caracas", "Bogotá"), ("Moskva", "Madrid")])
def test_different_names_do_not_match(a, b):
    assert not keys_match(fold(a), fold(b))


def test_gazetteer_exonyms_match():
    assert names_present(["Moskva"], word_keys(["Moscow"]))
    assert not names_present(["Madrid"], word_keys(["Moscow"]))


def test_acronyms():
    assert is_acronym("NATO") and is_acronym("ЗСУ") and not is_acronym("Nato") and not is_acronym("A")


@pytest.mark.parametrize("text,script", [
    ("Peskov said", "latin"), ("Песков заявил", "cyrillic"), ("北京", "other"), ("", "other"),
])
def test_dominant_script(text, script):
    assert dominant_script(text) == script


@pytest.mark.parametrize("text,length", [
    ("ab c", 3), ("北京", 6), ("ひら", 6), ("한국", 6), ("a 北", 4), ("", 0),
])
def test_visible_length_counts_wide_characters_three_times(text, length):
    assert visible_length(text) == length
