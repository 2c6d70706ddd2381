"""Planted minimal pairs: one hedge, attribution or negation removed or added, and nothing else."""

import pytest

import xlate


def run(src, tgt, sl, tl, check):
    return xlate.check(src, tgt, sl, tl, checks=(check,)).findings


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("USA útočia na údajných pašerákov drog.", "The US is attacking drug smugglers.", "sk", "en"),
    ("Die USA greifen mutmaßliche Drogenschmuggler an.", "The US is attacking drug smugglers.", "de", "en"),
    ("США атакуют якобы контрабандистов.", "The US is attacking smugglers.", "ru", "en"),
    ("Les États-Unis attaquent des trafiquants présumés.", "The US is attacking traffickers.", "fr", "en"),
])
def test_dropped_hedge(src, tgt, sl, tl):
    (f,) = run(src, tgt, sl, tl, "hedges")
    assert (f.type, f.change, f.severity) == ("hedge", "dropped", "high")
    assert f.src_span is not None and f.tgt_span is None
    assert src[f.src_span.start:f.src_span.end] == f.src_span.text


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("USA útočia na údajných pašerákov drog.", "The US is attacking alleged drug smugglers.", "sk", "en"),
    ("Die USA greifen mutmaßliche Drogenschmuggler an.", "The US is attacking suspected drug smugglers.",
     "de", "en"),
])
def test_kept_hedge_is_clean(src, tgt, sl, tl):
    assert run(src, tgt, sl, tl, "hedges") == []


def test_dropped_attribution_names_the_source():
    src = "„Sme v kontakte,“ odpovedal Peskov podľa agentúry TASS."
    tgt = "“We are in contact,” Peskov answered."
    (f,) = run(src, tgt, "sk", "en", "attribution")
    assert (f.type, f.change) == ("attribution", "dropped")
    assert "TASS" in f.src_span.text


@pytest.mark.parametrize("src,tgt,sl,tl,change", [
    ("Washington neuznáva Madurovo zvolenie.", "Washington recognizes Maduro's election.", "sk", "en", "dropped"),
    ("Die USA erkennen die Wahl nicht an.", "The US recognizes the election.", "de", "en", "dropped"),
    ("Вашингтон признает избрание Мадуро.", "Washington does not recognize Maduro's election.", "ru", "en",
     "added"),
])
def test_negation_flip(src, tgt, sl, tl, change):
    (f,) = run(src, tgt, sl, tl, "negation")
    assert (f.type, f.change, f.severity) == ("negation", change, "high")


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Washington neuznáva Madurovo zvolenie.", "Washington does not recognize Maduro's election.", "sk", "en"),
    ("Nikto nikdy nič nepovedal.", "Nobody ever said anything.", "sk", "en"),  # negative concord
    ("Rusko udržiava neustály kontakt s Venezuelou.", "Russia keeps constant contact with Venezuela.", "sk", "en"),
])
def test_negation_kept_is_clean(src, tgt, sl, tl):
    assert run(src, tgt, sl, tl, "negation") == []


def test_reporting_verb_with_pronoun_subject_is_only_low():
    (f,) = run("Polícia to potvrdila.", "She said the police confirmed it.", "sk", "en", "attribution")
    assert f.change == "added" and f.severity == "low"
