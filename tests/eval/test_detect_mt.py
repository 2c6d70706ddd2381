"""eval.detect_mt: shipped MT travels with its window, in both directions, and both runs see the same edits."""

from __future__ import annotations

import json

import pytest

from eval.detect import Doc, _clean, align_docs


def test_clean_keeps_every_side_line_parallel():
    src, tgt, mt = _clean(["a  b", "", "c"], ["x", "y", "z"], ["A B", "-", "C"])
    assert (src, tgt, mt) == (["a b", "c"], ["x", "z"], ["A B", "C"])


def test_reversed_doc_swaps_the_translations():
    d = Doc("d", "d", "c", "de", "fr", ["s"], ["t"], src_mt=["s in fr"], tgt_mt=["t in de"])
    r = d.reversed()
    assert (r.src, r.tgt, r.src_mt, r.tgt_mt) == (["t"], ["s"], ["t in de"], ["s in fr"])
    assert r.pair == "fr-de"


@pytest.mark.shared_data
def test_windows_carry_their_mt(shared_data):
    notes: list[str] = []
    docs = align_docs(shared_data, 10, 3, 13, notes, mt="google")
    if not docs:
        pytest.skip(f"no aligned corpus under {shared_data} ships google MT in both directions")
    assert all(d.corpus == "textberg_dev" for d in docs)  # the only one with MT both ways
    for d in docs:
        assert len(d.src) == len(d.tgt) == len(d.src_mt) == len(d.tgt_mt)
    assert any("ships no google MT" in n for n in notes)  # the others say why they are left out


@pytest.mark.shared_data
def test_detect_mt_smoke(shared_data, tmp_path):
    from eval import detect_mt

    if not (shared_data / "align" / "textberg_dev" / "mt_src2tgt_google").is_dir():
        pytest.skip(f"no shipped MT under {shared_data}/align/textberg_dev")
    assert detect_mt.main(["--max-windows", "2", "--copies", "1", "--out", str(tmp_path)]) == 0
    res = json.loads((tmp_path / "detect_mt.json").read_text(encoding="utf-8"))
    lex, mt = res["runs"]["lexical"], res["runs"]["lexical+mt"]
    assert lex["altered_copies"] == mt["altered_copies"] > 0
    planted = {t: v["planted"] for t, v in lex["thresholds"]["all"]["types"].items()}
    assert planted == {t: v["planted"] for t, v in mt["thresholds"]["all"]["types"].items()}
    assert "lexical → lexical+MT" in (tmp_path / "detect_mt.md").read_text(encoding="utf-8")
