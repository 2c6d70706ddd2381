"""Classes of false alarm on faithful translations, each fixed at its root, with a planted change
beside each to show the check still sees a real difference."""

from __future__ import annotations

import pytest

import xlate


def _findings(src: str, tgt: str, sl: str, tl: str, type_: str) -> list:
    return [f for f in xlate.check(src, tgt, sl, tl, presegmented=True).findings if f.type == type_]


@pytest.mark.parametrize("src, sl, same, changed, why", [
    # times of day on 12- and 24-hour clocks
    ("Die Sitzung begann um 21.30 Uhr.", "de", "The meeting began at 9:30 p.m.", "The meeting began at 8:30 p.m.",
     "time changed"),
    ("Schůze začala v 19.45 hod.", "cs", "The meeting began at 7.45 PM.", "The meeting began at 7.15 PM.",
     "time changed"),
    ("Die Sitzung begann um 14:03.", "de", "The meeting began at 2:03 PM.", "The meeting began at 3:03 PM.",
     "time changed"),
    # CJK: full-width digits, dates, myriads
    ("会議には１２人が出席した。", "ja", "12 people attended.", "13 people attended.", "number changed"),
    ("他在12月11日发表讲话。", "zh", "He spoke on December 11.", "He spoke on December 12.", "number changed"),
    ("约3万人参加了集会。", "zh", "About 30,000 people joined the rally.", "About 3,000 people joined the rally.",
     "number changed"),
])
def test_number_forms_that_say_the_same(src, sl, same, changed, why):
    assert not _findings(src, same, sl, "en", "number")
    (f,) = _findings(src, changed, sl, "en", "number")
    assert f.change == "altered" and why in f.explanation


def test_a_concept_in_a_language_without_a_lexicon_is_a_low_guess():
    fs = _findings("他说这不是真的。", "He said it was not true.", "zh", "en", "negation")
    assert fs and all(f.severity == "low" for f in fs) and "no zh lexicon" in fs[0].explanation
    # With lexicons on both sides the same negation is a real finding.
    (f,) = _findings("Řekl, že je to pravda.", "He said it was not true.", "cs", "en", "negation")
    assert f.severity != "low"


def test_names_against_han_or_kana_are_low():
    fs = _findings("瑞士政府周二宣布了新措施。", "The Swiss government in Bern announced new measures on Tuesday.",
                   "zh", "en", "entity")
    assert all(f.severity == "low" for f in fs)


def test_a_cjk_quote_pairs_with_its_translation_by_length():
    src = "首相は「政府としてできることはすべてやる。国民の安全が最優先だ」と述べた。"
    tgt = "The prime minister said: “The government will do everything it can. People's safety comes first.”"
    assert not [f for f in _findings(src, tgt, "ja", "en", "quote") if f.severity != "low"]


def test_a_number_that_moved_far_is_low_and_says_so():
    src = ("Polícia zadržala 14 ľudí.\nDemonštrácia sa začala na námestí.\nPrišli tisíce ľudí.\n"
           "Situácia sa upokojila večer.")
    tgt = ("The police detained people.\nThe demonstration began in the square.\nThousands of people came.\n"
           "The situation calmed down in the evening, after 14 arrests.")
    (f,) = [f for f in xlate.check(src, tgt, "sk", "en", presegmented=True).findings
            if f.type == "number" and f.change == "dropped"]
    assert f.severity == "low" and "moved" in f.explanation
    # The same number nowhere else in the target is a real drop.
    (g,) = [f for f in xlate.check(src, tgt.replace(", after 14 arrests", ""), "sk", "en", presegmented=True).findings
            if f.type == "number"]
    assert g.severity != "low" and g.change == "dropped"


@pytest.mark.parametrize("src, sl, same, changed", [
    # peoples and languages: Czech writes them lowercase or as other words, English capitalises them
    ("Sem už nikdy nevtrhne Rus ani Němec.", "cs", "Never again will a Russian or a German invade here.",
     "Never again will a Russian or a Hungarian invade here."),
    ("Policie pátrá po nezvěstné Češce.", "cs", "Police are searching for a missing Czech woman.",
     "Police are searching for a missing Slovak woman."),
    # holidays and institutional designations: translated, not transliterated
    ("S kým stráví Vánoce v Brně?", "cs", "Who will he spend Christmas with in Brno?",
     "Who will he spend Christmas with in Ostrava?"),
    ("Секретар Ради безпеки Молдови подав у відставку.", "uk", "The secretary of Moldova's Security Council resigned.",
     "The secretary of Romania's Security Council resigned."),
])
def test_names_rendered_as_words_are_not_findings(src, sl, same, changed):
    assert not [f for f in _findings(src, same, sl, "en", "entity") if f.severity != "low"]
    assert [f for f in _findings(src, changed, sl, "en", "entity") if f.severity != "low"]
