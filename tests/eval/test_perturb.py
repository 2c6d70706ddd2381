"""Planted edits (eval.perturb): each does exactly what it says, is labelled right, is reproducible,
says when it does not apply; and xlate.check finds one planted edit of each major kind."""

from __future__ import annotations

import json
import random

import pytest

import xlate
from eval.perturb import (
    EXPECTED,
    KINDS,
    Perturbed,
    Pool,
    Skip,
    find_quotes,
    perturb,
    perturb_copies,
)

SK = [
    "Rusko je v neustálom kontakte s Venezuelou, kde USA útočia na údajných pašerákov drog.",
    "„Sme v neustálej komunikácii s Venezuelou a nič viac,“ povedal Peskov podľa agentúry TASS.",
    "Útoky si doteraz vyžiadali 61 životov.",
    "USA ponúkajú odmenu 50 miliónov dolárov za informácie o Madurovi.",
    "Washington neuznáva Madurovo zvolenie za prezidenta.",
]
EN = [
    "Russia is in constant contact with Venezuela, where the US is attacking alleged drug smugglers.",
    "“We are in constant communication with Venezuela and nothing more,” Peskov said, according to the TASS agency.",
    "The attacks have so far claimed 61 lives.",
    "The US offers a reward of 50 million dollars for information on Maduro.",
    "Washington does not recognize Maduro’s election as president.",
]
DE = [
    "Russland steht in ständigem Kontakt mit Venezuela, wo die USA mutmaßliche Drogenschmuggler angreifen.",
    "„Wir sind in ständiger Kommunikation mit Venezuela und nichts weiter“, sagte Peskow laut TASS.",
    "Die Angriffe haben bisher 61 Menschenleben gefordert.",
    "Die USA bieten eine Belohnung von 50 Millionen Dollar für Informationen über Maduro.",
    "Washington erkennt Maduros Wahl zum Präsidenten nicht an.",
]
# One sentence with a clause of its own, so that clause_added has material too.
POOL = Pool(sentences=["The weather in Prague was sunny and warm for the whole week, as forecasters at the local "
                       "station had expected."],
            names=["Lavrov", "Bogotá"], words=["banana", "window"])


def edit(kind: str, src=SK, tgt=EN, sl="sk", tl="en", seed=1, segment=None, pool=POOL) -> Perturbed:
    out = perturb(kind, src, tgt, sl, tl, random.Random(seed), segment=segment, pool=pool)
    assert isinstance(out, Perturbed), out
    return out


def changed(out: Perturbed, tgt=EN) -> list[int]:
    return [i for i, (a, b) in enumerate(zip(tgt, out.target)) if a != b]


# --- each edit does what it says -------------------------------------------------------------------


def test_number_value_changes_one_anchored_number():
    out = edit("number_value", segment=2)
    assert changed(out) == [2] and out.label.src_seg == out.label.tgt_seg == 2
    d = out.label.detail
    assert d["old"] == "61" and d["new"] != "61" and d["new"].isdigit()
    assert out.target[2] == EN[2].replace("61", d["new"])
    assert (out.label.type, out.label.change) == ("number", "altered")


def test_number_value_modes():
    modes = {edit("number_value", segment=2, seed=s).label.detail["mode"].split("_")[0] for s in range(40)}
    assert modes == {"reverse", "plus", "digit"}
    assert {edit("number_value", segment=2, seed=s).label.detail["new"] for s in range(40)} >= {"16"}


@pytest.mark.parametrize("tgt,tl,old,new", [
    (EN, "en", "million", "billion"),
    (DE, "de", "Millionen", "Milliarden"),
])
def test_scale_word_changes_in_the_target_language(tgt, tl, old, new):
    out = edit("number_scale", tgt=tgt, tl=tl)
    assert changed(out, tgt) == [3]
    assert out.target[3] == tgt[3].replace(old, new)
    assert (out.label.type, out.label.change) == ("number", "altered")


def test_scale_word_keeps_a_slavic_ending():
    src = ["Firma zarobila 5 miliónov korún."]
    out = edit("number_scale", src=src, tgt=["Firma vydělala 5 milionů korun."], sl="sk", tl="cs")
    assert out.target == ["Firma vydělala 5 miliardů korun."]


def test_hedge_dropped_removes_only_the_hedge():
    out = edit("hedge_dropped")
    assert out.target[0] == EN[0].replace("alleged ", "")
    assert out.label.detail["concept"] == "ALLEGED"
    assert (out.label.type, out.label.change, out.label.src_seg) == ("hedge", "dropped", 0)


def test_attribution_dropped_takes_its_source_and_tidies_punctuation():
    out = edit("attribution_dropped")
    assert out.target[1] == "“We are in constant communication with Venezuela and nothing more,” Peskov said."
    assert out.label.detail["removed"] == "according to the TASS agency"


def test_attribution_at_the_start_leaves_a_capitalised_sentence():
    src, tgt = ["Podľa agentúry TASS Rusko pomôže."], ["According to TASS, Russia will help."]
    out = edit("attribution_dropped", src=src, tgt=tgt)
    assert out.target == ["Russia will help."]


@pytest.mark.parametrize("tgt,after", [
    ("Peskov refused to give details, TASS reported.", "Peskov refused to give details."),
    ("The government rejected the plan, Babiš told journalists.", "The government rejected the plan."),
])
def test_attribution_dropped_takes_a_reporting_clause_with_its_named_source(tgt, after):
    src = ["Vláda plán odmietla, povedal Babiš novinárom, uviedla TASS."]
    out = edit("attribution_dropped", src=src, tgt=[tgt])
    assert out.target == [after] and out.label.detail["concept"] == "SAY"


@pytest.mark.parametrize("tgt", [
    "The government rejected the plan, he said.",  # no named source
    "“We reject the plan,” said Babiš.",  # the clause would take the quote's closing mark
    "The government rejected the plan, Novak said.",  # the source segment does not name Novak
])
def test_reporting_clauses_that_cannot_be_cut_cleanly_are_skipped(tgt):
    src = ["„Vláda plán odmietla,“ povedal Babiš novinárom."]
    assert isinstance(perturb("attribution_dropped", src, [tgt], "sk", "en", random.Random(1)), Skip)


def test_quote_unquoted_removes_both_marks_only():
    out = edit("quote_unquoted")
    assert out.target[1] == EN[1].replace("“", "").replace("”", "")
    assert not find_quotes(out.target[1], "en")
    assert (out.label.type, out.label.change) == ("quote", "dropped")


def test_quote_reworded_replaces_one_word_inside_the_quote():
    out = edit("quote_reworded")
    d = out.label.detail
    assert d["new"] in POOL.words and d["old"] in d["quote"]
    (q,) = find_quotes(out.target[1], "en")
    assert d["new"] in out.target[1][q[0]:q[1]] and out.target[1][q[1]:] == EN[1][len(d["quote"]) + 0:]
    assert out.label.needs_mt


def test_negation_added_and_dropped_in_english():
    added = edit("negation_added", segment=0)
    assert added.target[0] == EN[0].replace("Russia is in", "Russia is not in", 1) or "is not" in added.target[0]
    dropped = edit("negation_dropped")
    assert dropped.target[4] == "Washington does recognize Maduro’s election as president."
    assert (dropped.label.type, dropped.label.change) == ("negation", "dropped")
    assert (added.label.type, added.label.change) == ("negation", "added")


@pytest.mark.parametrize("src,sl,tgt,tl,expected", [
    (["Er ist nicht hier."], "de", ["Il n'est pas ici."], "fr", "Il est ici."),
    (["Il n'est pas ici."], "fr", ["Er ist nicht hier."], "de", "Er ist hier."),
    (["He is not here."], "en", ["Він не був тут."], "uk", "Він був тут."),
    (["He was not here."], "en", ["Nebyl tady."], "cs", "Byl tady."),
])
def test_negation_dropped_in_other_languages(src, sl, tgt, tl, expected):
    assert edit("negation_dropped", src=src, sl=sl, tgt=tgt, tl=tl).target == [expected]


def test_negation_not_only_is_left_alone():
    out = perturb("negation_dropped", ["Nielen to."], ["Not only that, but it is not only him."], "sk", "en",
                  random.Random(0))
    assert isinstance(out, Skip)


def test_entity_swap_uses_an_unused_name_and_is_anchored():
    out = edit("entity_swapped", segment=3)
    d = out.label.detail
    assert d["old"] == "Maduro" and d["new"] in {"Lavrov", "Bogotá"}
    assert out.target[3] == EN[3].replace("Maduro", d["new"])
    assert out.label.accept == ("dropped", "added")


def test_sentence_dropped_and_added_shift_the_right_side():
    dropped = edit("sentence_dropped", segment=2)
    assert dropped.target == EN[:2] + EN[3:]
    assert (dropped.label.src_seg, dropped.label.tgt_seg) == (2, None)
    added = edit("sentence_added", segment=1)
    assert added.target == EN[:1] + POOL.sentences + EN[1:]
    assert (added.label.src_seg, added.label.tgt_seg) == (None, 1)


# --- labels, reproducibility, non-applicable cases -------------------------------------------------------


def test_every_label_maps_to_its_expected_finding_and_is_json():
    for kind in KINDS:
        out = edit(kind)
        typ, change, accept, needs_mt = EXPECTED[kind]
        assert (out.label.kind, out.label.type, out.label.change) == (kind, typ, change)
        assert out.label.accept == accept and out.label.needs_mt == needs_mt
        json.dumps(out.label.to_dict(), ensure_ascii=False)
        assert not any(k.startswith("_") for k in out.label.detail)
        assert len(out.target) == len(EN) + (kind == "sentence_added") - (kind == "sentence_dropped")


def test_seeded_reproducibility():
    for kind in KINDS:
        a = perturb_copies(kind, SK, EN, "sk", "en", random.Random("13:doc"), 3, POOL)
        b = perturb_copies(kind, SK, EN, "sk", "en", random.Random("13:doc"), 3, POOL)
        assert a == b
    runs = {tuple(edit("sentence_added", seed=s).target) for s in range(10)}
    assert len(runs) > 1  # the seed matters


def test_copies_are_in_different_segments():
    out = perturb_copies("sentence_dropped", SK, EN, "sk", "en", random.Random(0), 3, POOL)
    assert len(out) == 3 and len({p.label.src_seg for p in out}) == 3


@pytest.mark.parametrize("kind", ["hedge_dropped", "attribution_dropped", "quote_unquoted", "quote_reworded",
                                  "negation_dropped", "number_value", "number_scale", "entity_swapped"])
def test_not_applicable_says_why(kind):
    out = perturb(kind, ["Prší."], ["it rains today in the north"], "sk", "en", random.Random(0), pool=POOL)
    assert isinstance(out, Skip) and out.kind == kind and out.reason


def test_unanchored_sites_are_skipped():
    # The target has a hedge and a number the source lacks: removing them would fix, not plant, an error.
    out = perturb("hedge_dropped", ["Útočia na pašerákov."], ["They attack alleged smugglers."], "sk", "en",
                  random.Random(0))
    assert isinstance(out, Skip)
    assert isinstance(perturb("number_value", ["Prišli."], ["12 came."], "sk", "en", random.Random(0)), Skip)


def test_sentence_added_needs_material_from_another_document():
    assert isinstance(perturb("sentence_added", SK, EN, "sk", "en", random.Random(0), pool=Pool()), Skip)


def test_unknown_kind_lists_the_valid_ones():
    with pytest.raises(ValueError, match="number_value"):
        perturb("typo", SK, EN, "sk", "en", random.Random(0))


# --- end to end: xlate finds a planted edit ---------------------------------------------------------------


def found(out: Perturbed, src=SK, sl="sk", tl="en") -> bool:
    rep = xlate.check("\n".join(src), "\n".join(out.target), sl, tl, presegmented=True)
    lab = out.label
    for f in rep.findings:
        on = (lab.src_seg in f.src) if lab.tgt_seg is None else (lab.tgt_seg in f.tgt) if lab.src_seg is None \
            else (lab.src_seg in f.src or lab.tgt_seg in f.tgt)
        if on and f.type == lab.type and f.change in (lab.change, *lab.accept):
            return True
    return False


def test_faithful_pair_is_clean_where_edits_are_planted():
    rep = xlate.check("\n".join(SK), "\n".join(EN), "sk", "en", presegmented=True)
    assert not [f for f in rep.findings if f.severity != "low"], [f.explanation for f in rep.findings]


@pytest.mark.parametrize("kind,segment", [
    ("number_value", None), ("number_scale", None), ("hedge_dropped", None), ("attribution_dropped", None),
    ("quote_unquoted", None), ("negation_added", 0), ("negation_dropped", None), ("entity_swapped", None),
    ("sentence_dropped", 3), ("sentence_added", None),
])
def test_xlate_finds_planted_edit_sk_en(kind, segment):
    assert found(edit(kind, segment=segment))


@pytest.mark.parametrize("kind,segment", [
    ("number_value", None), ("number_scale", None), ("hedge_dropped", None), ("negation_dropped", None),
    ("sentence_dropped", 3),
])
def test_xlate_finds_planted_edit_en_de(kind, segment):
    assert found(edit(kind, src=EN, sl="en", tgt=DE, tl="de", segment=segment), src=EN, sl="en", tl="de")


@pytest.mark.parametrize("segment", range(len(SK)))
def test_a_dropped_sentence_is_an_omission_wherever_it_stood(segment):
    """Five sentences: one dropped skews the length ratio enough to merge it into a neighbour,
    unless the aligner re-estimates the ratio and splits off the member that matches nothing."""
    assert found(edit("sentence_dropped", segment=segment))


@pytest.mark.shared_data
def test_detect_smoke_on_two_documents(shared_data, tmp_path):
    from eval import detect

    if not (shared_data / "news").is_dir():
        pytest.skip(f"no news pairs under {shared_data} (set XLATE_SHARED to the shared folder)")
    assert detect.main(["--max-docs", "2", "--copies", "1", "--out", str(tmp_path)]) == 0
    res = json.loads((tmp_path / "detect.json").read_text(encoding="utf-8"))
    assert res["counts"]["docs"] == 2 and res["counts"]["altered_copies"] > 0
    assert res["thresholds"]["all"]["types"]["number"]["planted"] > 0
    assert "lexical" in (tmp_path / "detect.md").read_text(encoding="utf-8")
