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


@pytest.mark.parametrize("src,tgt,sl,tl,word", [
    ("Upřímnost se nelíbila ani jeho sestře.", "His sister hated the honesty too.", "cs", "en", "hated"),
    ("Zákazníci často nedodávají údaje.", "Customers often fail to provide details.", "cs", "en", "fail"),
    ("Це нелегко прийняти.", "It is not easy to make.", "uk", "en", "нелегко"),
    ("Takové zmizení je pro ni velmi neobvyklé.", "It is not normal for her to disappear.", "cs", "en",
     "neobvyklé"),
])
def test_negation_said_by_a_word_of_opposite_meaning_is_only_low(src, tgt, sl, tl, word):
    """'nelíbila se' is 'hated': the other side's negative word may say it, so the finding is a
    low paraphrase note, and says which word."""
    (f,) = run(src, tgt, sl, tl, "negation")
    assert f.severity == "low" and f.evidence["paraphrase"] is True
    assert f"“{word}”" in f.explanation


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("O den později se Berbr sešel nejen s Nezmarem, ale i s Tvrdíkem.",
     "A day later Berbr met not only Nezmar but also Tvrdík.", "cs", "en"),  # "not only" negates nothing
    ("Jeho trenér Nedvěd odešel.", "His coach Nedvěd left.", "cs", "en"),  # a name that starts with ne-
    ("Poslanci hlasování odložili, dokud ho nezanalyzuje komise.",
     "MPs postponed the vote until a committee analysed it.", "cs", "en"),  # "dokud ne-" is "until"
])
def test_negation_words_that_negate_nothing_are_clean(src, tgt, sl, tl):
    assert run(src, tgt, sl, tl, "negation") == []


def test_a_planted_negation_beside_a_negative_word_is_still_found():
    """A NEG_LEXICAL word answers one negation only: the second stays high."""
    src = "Výsledek se mu nelíbil, a proto nezaplatil."
    tgt = "He hated the result, and so he paid."
    low, high = sorted(run(src, tgt, "cs", "en", "negation"), key=lambda f: f.severity)
    assert (low.severity, low.src_span.text) == ("low", "nelíbil")
    assert (high.severity, high.src_span.text) == ("high", "nezaplatil")


def test_a_dropped_negation_the_source_mt_lacks_too_is_low():
    """The fresh MT renders the negation the target's way: the language did it, not the rewrite."""
    src, tgt = "Výsledek se mu nelíbil.", "He disliked the result."
    kw = {"presegmented": True, "checks": ("negation",)}
    assert xlate.check(src, tgt, "cs", "en", **kw).findings[0].severity == "low"
    f, = xlate.check(src, "He liked the result.", "cs", "en", source_mt=["He did not like the result."], **kw).findings
    assert f.severity == "high" and f.evidence["mt"] == "confirms"
    f, = xlate.check(src, "He liked the result.", "cs", "en", source_mt=["He liked the result."], **kw).findings
    assert f.severity == "low" and f.evidence["mt"] == "shares"


@pytest.mark.parametrize("src,tgt,sl,tl,check,word", [
    ("Své podřízené prý pověřil tímto úkolem.", "He said he had charged his staff with the task.", "cs", "en",
     "hedges", "said"),
    ("За даними ЗМІ, нападника виписали з лікарні.",
     "According to media reports, the attacker was discharged from hospital.", "uk", "en", "hedges", "According to"),
    ("Podle agentury TASS Peskov odmítl podrobnosti.", "Peskov reportedly refused to give details.", "cs", "en",
     "attribution", "reportedly"),
])
def test_hearsay_said_as_an_attribution_is_only_low(src, tgt, sl, tl, check, word):
    """'prý' is 'he said': a leftover hedge the other side's leftover attribution can answer (and
    the reverse) is a low paraphrase note that names the word."""
    found = [f for f in run(src, tgt, sl, tl, check) if f.change == "dropped"]
    (f,) = found
    assert f.severity == "low" and f.evidence["paraphrase"] is True
    assert f"“{word}”" in f.explanation


@pytest.mark.parametrize("src,tgt,sl,tl,named", [
    ("Peskov odmietol podrobnosti, uviedla TASS.", "Peskov refused to give details.", "sk", "en", True),
    ("TASS uviedla, že Peskov odmietol podrobnosti.", "Peskov refused to give details.", "sk", "en", True),
    ("Zároveň upozorňuje na tento fakt.", "It also highlights the fact.", "cs", "en", False),  # sentence-initial
    ("Worauf der Mann die Lösung mitteilte.", "The man provided the solution.", "de", "en", False),  # a noun
    ("Das sei wichtig, erklärte Landrat Sebastian Schuster.",
     "This is important, County Commissioner Sebastian Schuster clarified.", "de", "en", False),  # still named
])
def test_a_reporting_verb_is_a_dropped_attribution_only_with_its_named_source(src, tgt, sl, tl, named):
    (f,) = [f for f in run(src, tgt, sl, tl, "attribution") if f.change == "dropped"]
    assert (f.severity == "medium") is named
    assert bool(f.evidence.get("named_source")) is named
    if named:
        assert "TASS" in f.src_span.text and "attribution to TASS" in f.explanation
