"""Whole sentences on one side only: omission, addition, and a sentence that changed place (moved)."""

import sys
from pathlib import Path

import pytest

import xlate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "align"))
from align_pairs import DE, EN  # noqa: E402


def gaps(src, tgt, **kw):
    rep = xlate.check("\n".join(src), "\n".join(tgt), "en", "de", presegmented=True, checks=("omission",), **kw)
    return [(f.change, f.src, f.tgt, f.severity.value) for f in rep.findings]


@pytest.mark.parametrize("k,to", [(1, 6), (7, 2), (0, 9)])
def test_a_moved_sentence_is_one_moved_finding_not_an_omission_and_an_addition(k, to):
    tgt = DE[:k] + DE[k + 1:]
    tgt.insert(to, DE[k])
    (found,) = gaps(EN, tgt)
    assert found[:3] == ("moved", [k], [to])
    assert found[3] == "medium"


def test_the_moved_finding_says_where_the_sentence_went_and_carries_both_sentences():
    tgt = DE[:1] + DE[2:]
    tgt.insert(6, DE[1])
    rep = xlate.check("\n".join(EN), "\n".join(tgt), "en", "de", presegmented=True, checks=("omission",))
    (f,) = rep.findings
    assert f.src_span.text == EN[1] and f.tgt_span.text == DE[1]
    assert "stands as target sentence 6" in f.explanation and f.evidence["moved_to"] == 6


def test_a_dropped_and_an_unrelated_added_sentence_stay_an_omission_and_an_addition():
    tgt = DE[:3] + DE[4:8] + ["Das Wetter in der Hauptstadt war die ganze Woche sonnig und warm."] + DE[8:]
    assert sorted(c for c, *_ in gaps(EN, tgt)) == ["added", "dropped"]
