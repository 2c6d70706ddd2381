"""The comparison context: per-side views, one-sided findings, moved material, and layering."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from xlate.compare import CHECKS, get_checker
from xlate.compare.base import Context, one_sided, other, sentence_span, without_moved
from xlate.errors import ConfigError
from xlate.lexicons import load_lexicon
from xlate.report.model import Link, Severity
from xlate.segment import segment

COMPARE = Path(__file__).resolve().parents[2] / "xlate" / "compare"


def _ctx(src: str, tgt: str, links: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> Context:
    return Context(src_lang="sk", tgt_lang="en", src_text=src, tgt_text=tgt, src_sents=segment(src, "sk"),
                   tgt_sents=segment(tgt, "en"), alignment=[Link(s, t, 1.0) for s, t in links],
                   src_lex=load_lexicon("sk"), tgt_lex=load_lexicon("en"), furniture={("tgt", 1)},
                   src_mt=["One.", "Two."])


def test_side_views_carry_each_sides_facts():
    ctx = _ctx("Jeden. Dva.", "One. Two.", [((0,), (0,)), ((1,), (1,))])
    src, tgt = ctx.side("src"), ctx.other("src")
    assert (src.lang, src.label, src.mt, src.furniture) == ("sk", "source", ["One.", "Two."], frozenset())
    assert (tgt.lang, tgt.label, tgt.mt, tgt.furniture) == ("en", "target", None, frozenset({1}))
    assert tgt.sents is ctx.tgt_sents and src.lex is ctx.src_lex and other("tgt") == "src"


def test_one_sided_finding_fills_the_other_side():
    ctx = _ctx("Jeden. Dva.", "One and two.", [((0, 1), (0,))])
    bead = ctx.beads[0]
    f = one_sided("src", type="omission", severity=Severity.HIGH, bead=bead, ids=[1],
                  span=sentence_span(bead.src[1]), explanation="x", confidence=0.5)
    assert (f.change, f.src, f.tgt, f.tgt_span, f.src_span.text) == ("dropped", [1], [0], None, "Dva.")
    f = one_sided("tgt", type="number", severity=Severity.LOW, bead=bead, span=sentence_span(bead.tgt[0]),
                  explanation="x", confidence=0.5)
    assert (f.change, f.src, f.tgt, f.src_span) == ("added", [0, 1], [0], None)


def test_leftovers_that_moved_to_a_neighbouring_bead_are_not_reported():
    ctx = _ctx("Raz. Dva. Tri. Štyri.", "One. Two. Three. Four.", [((i,), (i,)) for i in range(4)])
    left = {0: (["x"], []), 1: ([], ["x"]), 3: ([], ["y"])}
    kept = without_moved(ctx, left, str.__eq__)
    # bead 0's "x" moved to bead 1 and back; bead 3 has no neighbour holding a "y"
    assert kept == {0: ([], []), 1: ([], []), 3: ([], ["y"])}


def test_unknown_check_lists_the_valid_ones():
    with pytest.raises(ConfigError, match="unknown check 'nope'; valid: numbers, quotes"):
        get_checker("nope")
    assert all(get_checker(name).name for name in CHECKS)


def test_checkers_depend_only_on_text_lexicons_and_base():
    """No checker imports another (their shared analysis lives in xlate.text), nor the aligner."""
    allowed = ("xlate.compare.base", "xlate.text", "xlate.lexicons", "xlate.report.model", "xlate.errors",
               "xlate.registry")
    for path in COMPARE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("xlate"):
                assert node.module.startswith(allowed), f"{path.name} imports {node.module}"
