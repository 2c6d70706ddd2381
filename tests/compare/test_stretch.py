"""Part of a sentence on one side only: the stretch (a clause) that was cut or added, with its span."""

import re
from collections import Counter
from types import SimpleNamespace

import pytest

import xlate
from xlate.compare.base import Bead, bead_finding, one_sided, span_of
from xlate.compare.stretch import _key, _missing_clauses, absorb, clauses, project
from xlate.report.model import Sentence, Severity

CS = [
    "Ministr vnitra Jan Novák v pondělí rezignoval.",
    "Podle agentury ČTK to oznámil na tiskové konferenci v Praze, kde ho podpořil premiér Petr Fiala.",
    "Novák byl ministrem od roku 2021 a předtím vedl policii.",
    "Jeho nástupce má vláda jmenovat příští týden.",
]
EN = [
    "Interior Minister Jan Novák resigned on Monday.",
    "According to the CTK agency, he announced it at a press conference in Prague, where he was supported by "
    "Prime Minister Petr Fiala.",
    "Novák had been minister since 2021 and previously headed the police.",
    "The government is to appoint his successor next week.",
]
MT = [
    "Interior Minister Jan Novák resigned on Monday.",
    "According to the CTK agency, he announced this at a press conference in Prague, where he was supported by "
    "Prime Minister Petr Fiala.",
    "Novák had been a minister since 2021 and previously led the police.",
    "The government is to appoint his successor next week.",
]
CUT = EN[:1] + ["According to the CTK agency, he announced it at a press conference in Prague."] + EN[2:]


def check(src, tgt, **kw):
    return xlate.check("\n".join(src), "\n".join(tgt), "cs", "en", presegmented=True, **kw).findings


def stretches(findings):
    return [f for f in findings if f.evidence.get("stretch")]


def test_clauses_are_the_pieces_between_clause_punctuation_trimmed():
    text = "He said, after a pause, that it was over (for now)."
    assert [text[a:b] for a, b in clauses(text)] == ["He said", "after a pause", "that it was over", "for now"]
    assert [x for a, b in clauses("It cost 10,000 euros, he said.") for x in ["It cost 10,000 euros, he said."[a:b]]] \
        == ["It cost 10,000 euros", "he said"]
    cjk = "北京、上海，广州。"
    assert [cjk[a:b] for a, b in clauses(cjk)] == ["北京", "上海", "广州"]


def test_an_mt_stretch_is_drawn_on_the_source_clause_at_the_same_place():
    mt = "He came, and then he saw the big house, and left."
    src = "Přišel, a pak uviděl velký dům, a odešel."
    a = mt.index("and then")
    assert src[slice(*project(mt, a, mt.index(", and left"), src))] == "a pak uviděl velký dům"
    # Clause counts differ: the source clauses the stretch covers by their share of the sentence.
    src2 = "Přišel, pak uviděl velký dům a odešel."
    x, y = project(mt, mt.index("and then"), mt.index(", and left"), src2)
    assert src2[x:y] == "pak uviděl velký dům a odešel"


def test_with_mt_a_cut_clause_is_one_omission_whose_span_is_the_source_clause():
    found = check(CS, CUT, source_mt=MT)
    (f,) = stretches(found)
    assert (f.type, f.change, f.src, f.tgt) == ("omission", "dropped", [1], [1])
    assert f.src_span.text == "kde ho podpořil premiér Petr Fiala"
    assert f.evidence["mt_text"] == "where he was supported by Prime Minister Petr Fiala"
    # The dropped names inside it are folded into it: one cut, one finding.
    assert "entity" in f.evidence["includes"]
    assert not [g for g in found if g.type == "entity" and g.change == "dropped" and g.src == [1]]


def test_with_mt_an_added_clause_is_one_addition_whose_span_is_exactly_the_added_words():
    added = EN[:2] + ["Novák had been minister since 2021, when the coalition took office after a long crisis, "
                      "and previously headed the police."] + EN[3:]
    (f,) = stretches(check(CS, added, source_mt=MT))
    assert (f.type, f.change, f.tgt) == ("addition", "added", [2])
    assert f.tgt_span.text == "when the coalition took office after a long crisis"


def test_without_mt_a_cut_clause_with_names_is_found_and_one_without_anchors_is_not():
    (f,) = stretches(check(CS, CUT))
    assert f.src_span.text == "kde ho podpořil premiér Petr Fiala" and f.src == [1]
    # "a předtím vedl policii" has no number, name or cognate: nothing can show it was cut.
    plain = EN[:2] + ["Novák had been minister since 2021."] + EN[3:]
    assert not stretches(check(CS, plain))


@pytest.mark.parametrize("mt", [None, MT])
def test_a_faithful_translation_has_no_stretch(mt):
    assert not stretches(check(CS, EN, source_mt=mt))


def test_a_word_the_other_text_has_once_answers_one_clause_not_two():
    mt = "Then it looks good in the polls, west good, east bad."
    words = [_key(w) for w in re.findall(r"\w+", mt)]
    runs = list(_missing_clauses(mt, Counter(_key(w) for w in ["West", "good", "east", "bad"]), Counter(words),
                                 frozenset({"then", "it", "in", "the"})))
    assert [mt[a:b] for a, b, _, _ in runs] == ["Then it looks good in the polls"]


def test_a_cut_clause_whose_names_a_neighbour_also_translates_is_still_cut():
    """The next sentence names Fiala too, but its own source says so: nothing moved there."""
    praised_cs, praised_en = "Premiér Petr Fiala ho za to pochválil.", "Prime Minister Petr Fiala praised him for it."
    src, mt = CS[:2] + [praised_cs] + CS[2:], MT[:2] + [praised_en] + MT[2:]
    (f,) = stretches(check(src, CUT[:2] + [praised_en] + CUT[2:], source_mt=mt))
    assert f.type == "omission" and f.src_span.text == "kde ho podpořil premiér Petr Fiala"


def test_a_clause_that_moved_to_the_next_sentence_is_not_cut():
    moved = [EN[0], CUT[1], "Prime Minister Petr Fiala supported him there. " + EN[2], EN[3]]
    assert not [f for f in stretches(check(CS, moved, source_mt=MT)) if f.type == "omission"]


def test_the_stretch_takes_in_the_bead_level_finding_and_the_names_inside_it_but_not_concept_findings():
    bead = Bead(0, [Sentence(0, CS[1], 0, len(CS[1]))], [Sentence(0, CUT[1], 0, len(CUT[1]))], 0.9)
    a = CS[1].index("kde")
    st = one_sided("src", type="omission", severity=Severity.MEDIUM, bead=bead, span=span_of(CS[1], a, len(CS[1]) - 1),
                   explanation="cut", confidence=0.5)
    st.evidence["stretch"] = True
    p = CS[1].index("Petr")
    name = one_sided("src", type="entity", severity=Severity.MEDIUM, bead=bead, span=span_of(CS[1], p, p + 10),
                     explanation="n", confidence=0.5)
    length = bead_finding(bead, type="omission", severity=Severity.MEDIUM, explanation="short", confidence=0.5)
    hedge = one_sided("src", type="attribution", severity=Severity.MEDIUM, bead=bead, span=span_of(CS[1], a, a + 3),
                      explanation="a", confidence=0.5)
    ctx = SimpleNamespace(src_mt=["x"])  # with MT nothing is grown; only folding happens
    assert absorb([st, name, length, hedge], ctx) == [st, hedge]
    assert st.evidence["includes"] == ["entity"]


def test_a_stretch_inside_a_sentence_reported_as_one_sided_is_left_out():
    bead = Bead(0, [Sentence(0, CS[1], 0, len(CS[1]))], [Sentence(0, CUT[1], 0, len(CUT[1]))], 0.9)
    whole = one_sided("src", type="omission", severity=Severity.MEDIUM, bead=bead,
                      span=span_of(CS[1], 0, len(CS[1])), explanation="s", confidence=0.5)
    st = one_sided("src", type="omission", severity=Severity.MEDIUM, bead=bead, span=span_of(CS[1], 5, 30),
                   explanation="cut", confidence=0.5)
    st.evidence["stretch"] = True
    assert absorb([whole, st], SimpleNamespace(src_mt=["x"])) == [whole]


UK = [
    "Міністр внутрішніх справ Ян Новак у понеділок подав у відставку.",
    "За даними агентства ЧТК, він оголосив про це на пресконференції в Празі, де його підтримав прем'єр-міністр "
    "Петр Фіала.",
    "Новак був міністром з 2021 року і раніше очолював поліцію.",
    "Його наступника уряд має призначити наступного тижня.",
]


ZH = [
    "内政部长扬·诺瓦克周一辞职。",
    "据捷克通讯社报道，他在布拉格的新闻发布会上宣布了这一消息，总理彼得·菲亚拉在会上表示支持。",
    "诺瓦克自2021年起担任部长，此前领导警察部门。",
    "政府将于下周任命他的继任者。",
]


@pytest.mark.parametrize("src, lang, severity, clause", [
    (CS, "cs", "medium", "kde ho podpořil"), (UK, "uk", "medium", "де його підтримав"), (ZH, "zh", "low", "总理彼得"),
])
def test_from_chinese_or_japanese_an_mt_stretch_the_target_partly_answers_is_only_low(src, lang, severity, clause):
    """A word of the clause ("minister") stands in the target: translated from Czech or Ukrainian the
    clause is still missing (medium); from Chinese or Japanese, whose human translations part ways
    with an MT more, it is low."""
    cut = CUT[:1] + ["According to the CTK agency, the minister announced it at a press conference in Prague."] \
        + CUT[2:]
    found = xlate.check("\n".join(src), "\n".join(cut), lang, "en", presegmented=True, source_mt=MT).findings
    (f,) = stretches(found)
    assert f.severity == severity and f.src_span.text.startswith(clause)


BEHAVED_CS = "Novák se choval, jak se ve slušné společnosti patří, pracoval, fungoval a ženy nebil."
BEHAVED_MT = "Novák behaved as he should in a decent society, worked, functioned and did not beat women."


@pytest.mark.parametrize("tgt, severity", [
    # The MT's "worked, functioned" stands where the target says "working hard … daily business":
    # the same content said another way, only a low note.
    ("Novák behaved as he should in a decent society, working hard and going about his daily business, "
     "never hitting women.", "low"),
    # The MT has nothing of its own where this clause stands: words were added.
    ("Novák behaved as he should in a decent society, although the opposition accused him of corruption "
     "last year, worked, functioned and did not beat women.", "medium"),
])
def test_with_mt_a_clause_said_another_way_is_low_and_an_added_one_is_not(tgt, severity):
    src, mt = CS[:2] + [BEHAVED_CS] + CS[3:], MT[:2] + [BEHAVED_MT] + MT[3:]
    (f,) = stretches(check(src, EN[:2] + [tgt] + EN[3:], source_mt=mt))
    assert (f.type, f.tgt, f.severity) == ("addition", [2], severity)
