"""Number mentions: separators by language, scale words, currencies and number words."""

import pytest

from xlate.lexicons import load_lexicon
from xlate.report.model import Sentence
from xlate.text.numbers import Mention, extract, parse_number, same_number


@pytest.mark.parametrize("s,lang,value", [
    ("1,5", "sk", 1.5), ("1.5", "en", 1.5), ("1.500", "de", 1500), ("1,500", "en", 1500),
    ("1 000", "sk", 1000), ("1\u00a0000", "fr", 1000), ("1.234,5", "de", 1234.5),
    ("1,234.5", "en", 1234.5), ("12", "en", 12), ("2024", "cs", 2024), ("1'000", "de", 1000),
])
def test_parse_number_follows_language_conventions(s, lang, value):
    assert parse_number(s, lang) == pytest.approx(value)


def values(text: str, lang: str) -> list[float]:
    return [m.value for m in extract(Sentence(0, text, 0, len(text)), lang, load_lexicon(lang))
            if m.kind == "number"]


@pytest.mark.parametrize("text,lang,value", [
    ("a $50 million reward", "en", 50e6),
    ("odmenu 50 miliónov dolárov", "sk", 50e6),
    ("eine Belohnung von 50 Millionen Dollar", "de", 50e6),
    ("вознаграждение в 50 млн долларов", "ru", 50e6),
    ("1,5 mld. eur", "sk", 1.5e9),
    ("rose by 12%", "en", 12),
    ("twenty-one people", "en", 21),
])
def test_scale_and_currency_words(text, lang, value):
    assert value in [pytest.approx(v) for v in values(text, lang)]


@pytest.mark.parametrize("text,lang,unit", [
    ("$5", "en", "USD"), ("5 Kč", "cs", "CZK"), ("50 zł", "pl", "PLN"), ("€12", "de", "EUR"),
    ("12 USD", "en", "USD"), ("Kč 5", "cs", ""),  # Kč only ever follows the number
])
def test_currency_symbols_before_and_after(text, lang, unit):
    (m,) = [m for m in extract(Sentence(0, text, 0, len(text)), lang, load_lexicon(lang)) if m.kind == "number"]
    assert m.unit == unit


def test_a_bare_scale_word_answers_the_number_it_names():
    million = Mention(1e6, "number", 0, 1)
    assert same_number(Mention(1e6, "scale", 0, 1), million)
    assert not same_number(Mention(1e6, "month", 0, 1), million)
