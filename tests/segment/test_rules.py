import pytest

from xlate.segment import presegmented, segment


def texts(text: str, lang: str) -> list[str]:
    sents = segment(text, lang)
    for s in sents:
        assert text[s.start:s.end] == s.text  # offsets index the original text
    return [s.text for s in sents]


@pytest.mark.parametrize("text,lang,expected", [
    ("He came. She left.", "en", ["He came.", "She left."]),
    ("Dr. Smith met Mr. Jones. Then he left.", "en", ["Dr. Smith met Mr. Jones.", "Then he left."]),
    ("Er kam am 3. Oktober an. Dann ging er z. B. heim.", "de",
     ["Er kam am 3. Oktober an.", "Dann ging er z. B. heim."]),
    ("Stalo sa to 28. novembra. Polícia to potvrdila.", "sk",
     ["Stalo sa to 28. novembra.", "Polícia to potvrdila."]),
    ("„Sme tu.“ Povedal to Peskov.", "sk", ["„Sme tu.“", "Povedal to Peskov."]),
    ("Ist das so? Ja!", "de", ["Ist das so?", "Ja!"]),
    ("Это сказал Песков. Он добавил, что т. е. всё.", "ru", ["Это сказал Песков.", "Он добавил, что т. е. всё."]),
    ("他来了。她走了。", "zh", ["他来了。", "她走了。"]),
    ("Headline without stop\nFirst paragraph. Second one.", "en",
     ["Headline without stop", "First paragraph.", "Second one."]),
    ("The agent J. R. Smith arrived.", "en", ["The agent J. R. Smith arrived."]),
])
def test_segmentation(text, lang, expected):
    assert texts(text, lang) == expected


def test_presegmented_keeps_lines_and_offsets():
    text = "  one line.  \n\nsecond. line\r\nthird"
    sents = presegmented(text)
    assert [s.text for s in sents] == ["one line.", "second. line", "third"]
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert [s.id for s in sents] == [0, 1, 2]
