"""The number check on planted minimal pairs (12 → 21, a scale change, a dropped number)."""

import xlate


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
