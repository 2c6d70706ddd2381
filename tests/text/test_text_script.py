"""Script facts the aligner and the length check share when a text is too short to measure them."""

import pytest

from xlate.text.script import cross_script, script_ratio


def test_equal_visible_length_means_a_third_as_many_characters_in_han():
    en = ["The prime minister spoke about the economy."]
    ja = ["首相は経済について話した。"]
    assert script_ratio(en, ja) == pytest.approx(1 / 3, rel=0.25)
    assert script_ratio(en, ["Der Premierminister sprach über die Wirtschaft."]) == pytest.approx(1.0, rel=0.1)


@pytest.mark.parametrize("src,tgt,cross", [
    (["Песков сказал."], ["Peskov said."], True),
    (["首相は話した。"], ["他说了。"], True),  # Han on both sides: no cognates to share
    (["Peskov povedal."], ["Peskov said."], False),
])
def test_cross_script(src, tgt, cross):
    assert cross_script(src, tgt) is cross
