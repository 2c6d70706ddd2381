"""The MT divergence note: a 1-1 bead whose target shares little with a translation of the source."""

from xlate.compare.base import Context
from xlate.compare.mt import DivergenceChecker
from xlate.lexicons import load_lexicon
from xlate.report.model import Link
from xlate.segment import segment

SRC = "Ministr v pondělí rezignoval. Šlo o život."
MT = ["The minister resigned on Monday.", "It was about life."]


def divergence(tgt: str) -> list:
    ctx = Context(src_lang="cs", tgt_lang="en", src_text=SRC, tgt_text=tgt, src_sents=segment(SRC, "cs"),
                  tgt_sents=segment(tgt, "en"), alignment=[Link((0,), (0,), 1.0), Link((1,), (1,), 1.0)],
                  src_lex=load_lexicon("cs"), tgt_lex=load_lexicon("en"), src_mt=MT)
    return DivergenceChecker().check(ctx)


def test_a_target_that_says_much_more_than_the_mt_is_a_low_note():
    (f,) = divergence(MT[0] + " Everyone in the crowded hall knew at once that nothing in the village would "
                              "ever be quite the same again.")
    assert (f.type, f.change, f.severity, f.src, f.tgt) == ("addition", "altered", "low", [1], [1])


def test_a_few_words_said_another_way_are_not_a_divergence():
    assert not divergence(MT[0] + " Seriously, a matter of survival!")
