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


def test_a_number_changed_inside_a_quote_is_one_number_finding():
    """The number check owns numbers, quoted or not: one alarm for one change, not a second one
    from the quote check's cruder reading."""
    src = "„Zomrelo 61 ľudí a nič sa nezmenilo,“ povedal."
    tgt = "“16 people died and nothing has changed,” he said."
    fs = xlate.check(src, tgt, "sk", "en").findings
    assert [(f.type, f.change, f.src_span.text, f.tgt_span.text) for f in fs] == [("number", "altered", "61", "16")]
    assert xlate.check(src, tgt, "sk", "en", checks=("quotes",)).findings == []


def test_quotes_after_han_characters_are_found():
    """Chinese writes no space before a straight or full-width quotation mark: 举办"领导人民主峰会"."""
    src = '美国举办"领导人民主峰会 " ， 是"富人游戏 " 。澳门大学举行“2021年荣誉学位颁授典礼 ＂ 。'
    tgt = ('The US hosted the “Leaders’ Democracy Summit”, a “game of the rich”. '
           'The “2021 honorary degree ceremony” was held.')
    assert xlate.check(src, tgt, "zh", "en", checks=("quotes",)).findings == []
    assert xlate.check(src, tgt.replace("“", "").replace("”", ""), "zh", "en", checks=("quotes",)).findings


def test_swapped_name_is_altered():
    src = "Moskva odmietla poskytnúť Caracasu pomoc, uviedol Peskov."
    tgt = "Moscow refused to give aid to Bogotá, Peskov said."
    fs = xlate.check(src, tgt, "sk", "en", checks=("entities",)).findings
    assert [(f.change, f.src_span.text, f.tgt_span.text) for f in fs] == [("altered", "Caracasu", "Bogotá")]


def test_exonyms_and_transliterations_are_clean():
    src = "Песков заявил в Москве, что Россия поддерживает Каракас."
    tgt = "Peskov said in Moscow that Russia supports Caracas."
    assert xlate.check(src, tgt, "ru", "en", checks=("entities",)).findings == []


def test_the_source_mt_settles_quotes_read_across_scripts():
    """With the source's MT the quotes are compared in one language: a target quote the MT has too
    is no addition, a source quote the MT does not quote either is no dropped statement, and one
    the MT keeps while the target lost it stays a dropped quote."""
    kw = {"presegmented": True, "checks": ("quotes",)}
    src = "中国外交部称，美国的民主是富人游戏。"  # no quotation marks
    tgt = "The Chinese Foreign Ministry said American democracy was a “game of the rich”."
    (f,) = xlate.check(src, tgt, "zh", "en", **kw).findings  # across scripts the marks are a guess
    assert (f.change, f.severity, f.evidence["convention"]) == ("added", "low", True)
    mt = ['The ministry said US democracy is a "rich man\'s game of the rich".']
    (f,) = xlate.check(src, tgt, "zh", "en", source_mt=mt, **kw).findings
    assert (f.change, f.severity, f.evidence["mt"]) == ("added", "low", "shares")

    src = "拜登说：「连邦政府将尽一切努力提供帮助」。"
    tgt = "Biden said the federal government would do everything it could to help."
    (f,) = xlate.check(src, tgt, "zh", "en", **kw).findings
    assert (f.change, f.severity) == ("dropped", "low") and "conventions" in f.explanation
    mt = ['Biden said: "The federal government will do everything to help."']
    kept = xlate.check(src, tgt, "zh", "en", source_mt=mt, **kw).findings  # the MT keeps the quote
    assert [(g.change, g.severity, g.evidence["mt"]) for g in kept] == [("dropped", "medium", "confirms")]
    mt = ["Biden said the federal government will do everything to help."]
    (g,) = xlate.check(src, tgt, "zh", "en", source_mt=mt, **kw).findings
    assert (g.change, g.severity, g.evidence["mt"]) == ("dropped", "low", "shares")
