import pytest

import xlate
from xlate.compare.entities import keys_match
from xlate.compare.quotes import find_quotes
from xlate.text import fold


@pytest.mark.parametrize("text,lang,content", [
    ("Er sagte: „Wir sind bereit.“ Dann ging er.", "de", "Wir sind bereit."),
    ("Il a dit : « Nous sommes prêts. »", "fr", "Nous sommes prêts."),
    ("Он сказал: «Мы готовы».", "ru", "Мы готовы"),
    ("He said: “We are ready.”", "en", "We are ready."),
    ("He said: \"We are ready.\"", "en", "We are ready."),
    ("Er sagte: »Wir sind bereit.«", "de", "Wir sind bereit."),
    ("Powiedział: „Jesteśmy gotowi”.", "pl", "Jesteśmy gotowi"),
])
def test_every_quote_convention(text, lang, content):
    (q,) = find_quotes(text, lang)
    assert q.text == content
    assert text[q.start] in "„«“\"»" and text[q.end - 1] in "“»”\"«"


def test_apostrophes_are_not_quotes():
    assert find_quotes("Maduro’s election and the country’s future", "en") == []


def test_quote_turned_into_reported_speech_is_dropped():
    src = "„Sme v neustálej komunikácii s Venezuelou,“ odpovedal Peskov."
    tgt = "Peskov replied that Russia was in constant communication with Venezuela."
    (f,) = xlate.check(src, tgt, "sk", "en", checks=("quotes",)).findings
    assert (f.type, f.change, f.severity) == ("quote", "dropped", "high")
    assert "reported speech" in f.explanation
    assert f.src_span.text.startswith("„Sme")


def test_quote_with_changed_number_is_altered():
    src = "„Zomrelo 61 ľudí a nič sa nezmenilo,“ povedal."
    tgt = "“Sixteen people died and nothing has changed,” he said, “16 people.”"
    fs = xlate.check(src, tgt, "sk", "en", checks=("quotes",)).findings
    assert any(f.change == "altered" and "numbers" in f.explanation for f in fs)


@pytest.mark.parametrize("a,b", [("Песков", "Peskov"), ("Peskow", "Peskov"), ("Venezuely", "Venezuela"),
                                 ("Венесуэлой", "Venezuela"), ("Kremľa", "Kremlin"), ("Каракас", "Caracas")])
def test_names_match_across_scripts_and_cases(a, b):
    assert keys_match(fold(a), fold(b))


@pytest.mark.parametrize("a,b", [("Peskov", "Lavrov"), ("Caracas", "Bogotá"), ("Moskva", "Madrid")])
def test_different_names_do_not_match(a, b):
    assert not keys_match(fold(a), fold(b))


def test_swapped_name_is_altered():
    src = "Moskva odmietla poskytnúť Caracasu pomoc, uviedol Peskov."
    tgt = "Moscow refused to give aid to Bogotá, Peskov said."
    fs = xlate.check(src, tgt, "sk", "en", checks=("entities",)).findings
    assert [(f.change, f.src_span.text, f.tgt_span.text) for f in fs] == [("altered", "Caracasu", "Bogotá")]


def test_exonyms_and_transliterations_are_clean():
    src = "Песков заявил в Москве, что Россия поддерживает Каракас."
    tgt = "Peskov said in Moscow that Russia supports Caracas."
    assert xlate.check(src, tgt, "ru", "en", checks=("entities",)).findings == []
