"""The number check on planted minimal pairs (12 → 21, a scale change, a dropped number)."""

import pytest

import xlate
from xlate.text.numbers import cjk_numeral


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


def test_a_bare_clock_reading_answers_a_time_of_day():
    """"okolo 19:45" has no time cue, so it reads as two numbers (it may be a score); the other
    side's 7.45pm says which it was. A different time is still a change."""
    src = "Pohřešovaná Češka v neděli okolo 19:45 odešla z práce."
    same = xlate.check(src, "The missing Czech woman left work on Sunday at around 7.45pm.", "cs", "en",
                       checks=("numbers",)).findings
    assert same == []
    other = xlate.check(src, "The missing Czech woman left work on Sunday at around 8.45pm.", "cs", "en",
                        checks=("numbers",)).findings
    assert any(f.change == "altered" and f.tgt_span.text.startswith("8.45") for f in other)


@pytest.mark.parametrize("src,tgt", [
    ("沙巴今年至今共发出2万4801张报生纸。", "Sabah has issued 24,801 birth certificates so far this year."),
    ("进出口总额达1.3万亿元。", "Imports and exports reached 1.3 trillion yuan."),
    ("他们休息了四五天。", "They rested for a few days."),
])
def test_cjk_myriads_and_numeral_runs_read_as_written(src, tgt):
    """2万4801 is one number, 万亿 a trillion; 十四五 and 四五 (four or five) are not numbers."""
    assert xlate.check(src, tgt, "zh", "en", checks=("numbers",)).findings == []


def test_cjk_numeral_values():
    assert (cjk_numeral("三万五千"), cjk_numeral("一万亿"), cjk_numeral("两百")) == (35000, 10**12, 200)
    assert cjk_numeral("十四五") is None and cjk_numeral("四五") is None  # an abbreviation, "four or five"


def test_digits_read_as_part_of_a_name_on_the_other_side_are_there():
    src = "中越两军“和平救援-2021”卫勤联合演习圆满结束。"
    kept = xlate.check(src, "The “Peaceful Rescue-2021” joint exercise ended successfully.", "zh", "en",
                       checks=("numbers",)).findings
    assert [f.severity for f in kept] == ["low"]
    lost = xlate.check(src, "The “Peaceful Rescue” joint exercise ended successfully.", "zh", "en",
                       checks=("numbers",)).findings
    assert [f.severity for f in lost] == ["medium"]
