import pytest

import xlate
from xlate.compare.numbers import extract, parse_number
from xlate.lexicons import load_lexicon
from xlate.report.model import Sentence


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


def findings(src: str, tgt: str, sl: str, tl: str):
    return [f for f in xlate.check(src, tgt, sl, tl, checks=("numbers",)).findings]


def test_changed_number_is_altered_with_both_spans():
    src = "Operácie si vyžiadali už 61 životov."
    tgt = "The operations have already claimed 16 lives."
    (f,) = findings(src, tgt, "sk", "en")
    assert (f.type, f.change, f.severity) == ("number", "altered", "high")
    assert f.src_span.text == "61" and f.tgt_span.text == "16"
    assert src[f.src_span.start:f.src_span.end] == "61"
    assert tgt[f.tgt_span.start:f.tgt_span.end] == "16"


def test_scale_change_is_explained():
    (f,) = findings("Er bot 50 Millionen Dollar.", "He offered $50 billion.", "de", "en")
    assert f.change == "altered" and "scale" in f.explanation


def test_equal_values_in_other_notation_are_clean():
    assert findings("Es kostete 1,5 Millionen Euro und 1.500 Dollar.",
                    "It cost 1.5 million euros and 1,500 dollars.", "de", "en") == []


def test_dropped_and_added_numbers():
    fs = findings("Zomrelo 61 ľudí.", "People died.", "sk", "en")
    assert [(f.change, f.src_span.text) for f in fs] == [("dropped", "61")]
    fs = findings("Ľudia zomreli.", "61 people died.", "sk", "en")
    assert [(f.change, f.tgt_span.text) for f in fs] == [("added", "61")]


def test_changed_month_is_caught():
    (f,) = findings("Stalo sa to 28. novembra.", "It happened on October 28th.", "sk", "en")
    assert f.change == "altered" and "date" in f.explanation
