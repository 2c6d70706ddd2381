"""Quotations in every convention, with their offsets."""

import pytest

from xlate.text.quotes import find_quotes


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


def test_inward_guillemets_open_only_where_the_language_quotes_so():
    assert [q.text for q in find_quotes("Er sagte »Ja« und ging.", "de")] == ["Ja"]
    assert find_quotes("Il a dit »oui« et parti.", "fr") == []
