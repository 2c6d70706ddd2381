"""The quote and entity checks on planted minimal pairs."""

import xlate


def test_quote_turned_into_reported_speech_is_dropped():
    src = "„Sme v neustálej komunikácii s Venezuelou,“ odpovedal Peskov."
    tgt = "Peskov replied that Russia was in constant communication with Venezuela."
    (f,) = xlate.check(src, tgt, "sk", "en", checks=("quotes",)).findings
    assert (f.type, f.change, f.severity) == ("quote", "dropped", "high")
    assert "reported speech" in f.explanation
    assert f.src_span.text.startswith("„Sme")


def test_a_quote_with_a_lost_mark_pairs_but_alone_is_only_low():
    """The opener stood on the paragraph before: the lone closer still pairs with the other side's
    quote, and a lone quote the other side lacks is a low note, not a dropped statement."""
    src = "Ми розпочали цей процес сьогодні та продовжимо завтра\", - сказав Сунак."
    paired = "“We started this process today and will continue tomorrow,” Sunak said."
    assert xlate.check(src, paired, "uk", "en", checks=("quotes",)).findings == []
    (f,) = xlate.check(src, "Sunak said they started the process today.", "uk", "en", checks=("quotes",)).findings
    assert (f.change, f.severity) == ("dropped", "low") and "missing" in f.explanation


def test_quote_with_changed_number_is_altered():
    src = "„Zomrelo 61 ľudí a nič sa nezmenilo,“ povedal."
    tgt = "“Sixteen people died and nothing has changed,” he said, “16 people.”"
    fs = xlate.check(src, tgt, "sk", "en", checks=("quotes",)).findings
    assert any(f.change == "altered" and "numbers" in f.explanation for f in fs)


def test_swapped_name_is_altered():
    src = "Moskva odmietla poskytnúť Caracasu pomoc, uviedol Peskov."
    tgt = "Moscow refused to give aid to Bogotá, Peskov said."
    fs = xlate.check(src, tgt, "sk", "en", checks=("entities",)).findings
    assert [(f.change, f.src_span.text, f.tgt_span.text) for f in fs] == [("altered", "Caracasu", "Bogotá")]


def test_exonyms_and_transliterations_are_clean():
    src = "Песков заявил в Москве, что Россия поддерживает Каракас."
    tgt = "Peskov said in Moscow that Russia supports Caracas."
    assert xlate.check(src, tgt, "ru", "en", checks=("entities",)).findings == []
