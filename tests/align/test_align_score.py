"""The vecalign-style scorer against hand-computed values."""

from __future__ import annotations

import pytest

from eval.align import by_type, read_beads, score

GOLD = read_beads("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n[3]:[3]\n[]:[4]\n")


def test_perfect_alignment_scores_one():
    s = score([GOLD], [GOLD])
    assert s["f1_strict"] == s["f1_lax"] == 1.0


def test_hand_computed_example():
    test = read_beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2, 3]:[3]\n[]:[4]\n")
    s = score([GOLD], [test])
    # Precision over all 5 test beads: strict hits [0]:[0] and []:[4]; lax also [1]:[1] and
    # [2, 3]:[3] (they share a src and a tgt sentence with gold links); []:[2] misses both.
    assert s["precision_strict"] == pytest.approx(2 / 5)
    assert s["precision_lax"] == pytest.approx(4 / 5)
    # Recall over gold beads with both sides (3 of them; 1-0/0-1 ignored), against test beads
    # with both sides: [0]:[0] strict; [1]:[1,2] and [3]:[3] lax only.
    assert s["recall_strict"] == pytest.approx(1 / 3)
    assert s["recall_lax"] == pytest.approx(3 / 3)
    assert s["f1_strict"] == pytest.approx(2 * (0.4 * 1 / 3) / (0.4 + 1 / 3))


def test_deletions_do_not_count_towards_recall():
    gold = read_beads("[0]:[0]\n[1]:[]\n")
    test = read_beads("[0]:[0]\n[1]:[]\n")
    assert score([gold], [test])["recall_strict"] == 1.0
    only_match = read_beads("[0]:[0]\n")
    s = score([gold], [only_match])
    assert s["recall_strict"] == 1.0 and s["precision_strict"] == 1.0


def test_counts_are_pooled_over_documents():
    a = read_beads("[0]:[0]\n[1]:[1]\n")
    bad = read_beads("[0, 1]:[0, 1]\n")
    # doc 1 perfect (2/2), doc 2 all wrong (0/1 test beads): pooled precision 2/3, not mean 1/2.
    assert score([a, a], [a, bad])["precision_strict"] == pytest.approx(2 / 3)


def test_breakdown_by_bead_type():
    test = read_beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2, 3]:[3]\n[]:[4]\n")
    got = by_type([GOLD], [test])
    assert got["1-1"] == {"gold": 2, "found": 1}
    assert got["1-2"] == {"gold": 1, "found": 0}
    assert got["0-1"] == {"gold": 1, "found": 1}
    assert got["1-0"] == {"gold": 1, "found": 0}


def test_missing_shared_data_skips_with_a_message(tmp_path, monkeypatch, capsys):
    from eval.align import main

    monkeypatch.setenv("XLATE_SHARED", str(tmp_path / "nowhere"))
    assert main(["--corpus", "textberg_dev", "--config", "lexical", "--out", str(tmp_path)]) == 0
    assert "not found" in capsys.readouterr().err
    assert "skipped: textberg_dev" in (tmp_path / "align.md").read_text(encoding="utf-8")
