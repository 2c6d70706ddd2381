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


@pytest.mark.parametrize("text,lang,quoted", [
    ('"Usually it costs tens of dollars," the collector explains.', "en",
     "Usually it costs tens of dollars,"),  # straight opener, curly closer
    ('We start renting skis this weekend," said Pavlína Nováková.', "en",
     "We start renting skis this weekend,"),  # the opener was lost: the quote began with the line
    ("which reads human target, 10 yuan an arrow” in black ink", "en", "which reads human target, 10 yuan an arrow"),
    ("Sagte er: „Und das ist noch nicht alles", "de", "Und das ist noch nicht alles"),  # runs on to the next line
])
def test_a_mark_whose_partner_is_missing_still_marks_a_quote(text, lang, quoted):
    assert [q.text for q in find_quotes(text, lang)] == [quoted]


@pytest.mark.parametrize("text,lang,quoted", [
    ('He is 6\'2" tall.', "en", []),  # inches
    ("Il a dit »oui« et parti.", "fr", []),  # a guillemet after a letter opens nothing
    ('Er sagte, "ja" sei falsch, und "nein".', "de", ["ja", "nein"]),  # paired straight quotes
    ("Han sa ”Hej då” och gick.", "sv", ["Hej då"]),  # ”…”: one mark both ways
])
def test_marks_that_are_not_lone_quotes(text, lang, quoted):
    assert [q.text for q in find_quotes(text, lang)] == quoted
