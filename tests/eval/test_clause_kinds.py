"""Clause edits (eval.perturb clause_dropped / clause_added) and the span rule of eval.detect:
a cut removes exactly one chunk and names the source chunk at the same index as the gold span; an
addition names exactly the inserted words; detects() wants a finding on those words, not on the
whole sentence."""

from __future__ import annotations

import random

import xlate
from eval.detect import _finding, detects, lines_of, seg_span
from eval.perturb import EXPECTED, KINDS, Perturbed, Pool, Skip, clause_chunks, perturb, sentence_spans
from xlate.report.model import Span

CS = ["Vláda v pondělí schválila rozpočet na příští rok.",
      "Ruský prezident Vladimir Putin, který vede zemi od roku 2000, v pondělí navštívil Peking a jednal s "
      "čínským vůdcem."]
EN = ["The government approved next year's budget on Monday.",
      "Russian President Vladimir Putin, who has led the country since 2000, visited Beijing on Monday and met "
      "the Chinese leader."]
DE = ["Die Regierung hat das Gesetz gebilligt – trotz heftiger Proteste der Opposition im Parlament – und will es "
      "bald umsetzen."]
EN_DE = ["The government approved the law – despite fierce protests by the opposition in parliament – and wants to "
         "implement it soon."]
JA = ["東京電力は２０日、福島第一原子力発電所の処理水を海に放出する計画について、地元の漁業関係者に説明した。"]
EN_JA = ["On Monday, Tokyo Electric Power explained its plan to release treated water from the Fukushima nuclear "
         "plant into the sea, to local fishermen."]
POOL = Pool(sentences=["The storm hit the coast early on Tuesday, which forced thousands of people to leave their "
                       "homes."], words=["storm"])


def outcomes(kind: str, src: list[str], tgt: list[str], sl: str, tl: str, pool: Pool | None = None,
             seeds: int = 40) -> dict[str, Perturbed]:
    """Every distinct edited segment that ``kind`` produces over a range of seeds."""
    out = {}
    for seed in range(seeds):
        p = perturb(kind, src, tgt, sl, tl, random.Random(seed), pool=pool)
        assert isinstance(p, Perturbed), p
        out[p.target[p.label.tgt_seg]] = p
    return out


def src_gold(p: Perturbed, src: list[str]) -> str:
    d = p.label.detail
    return src[p.label.src_seg][d["src_start"]:d["src_end"]]


# --- the perturbations --------------------------------------------------------------------------------


def test_clause_kinds_are_benchmark_kinds():
    assert EXPECTED["clause_dropped"] == ("omission", "dropped", (), False)
    assert EXPECTED["clause_added"] == ("addition", "added", (), False)
    assert {"clause_dropped", "clause_added"} <= set(KINDS)


def test_chunks_split_at_clause_punctuation_not_inside_numbers():
    text = "In 2019, 1,500 people came, the police said: most of them at 10:30."
    assert [text[c.start:c.end] for c in clause_chunks(text)] == [
        "In 2019", "1,500 people came", "the police said", "most of them at 10:30"]
    assert [JA[0][c.start:c.end] for c in clause_chunks(JA[0])] == [
        "東京電力は２０日", "福島第一原子力発電所の処理水を海に放出する計画について", "地元の漁業関係者に説明した"]


def test_sentence_ends_bound_chunks_but_abbreviations_do_not():
    text = "Mr. Smith left the U.S. Army, they said. Then he came home."
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Mr. Smith left the U.S. Army, they said.",
                                                             "Then he came home."]


def test_cs_en_cut_removes_exactly_one_chunk_and_names_the_source_chunk():
    got = outcomes("clause_dropped", CS, EN, "cs", "en")
    assert set(got) == {  # "Russian President Vladimir Putin" is 4 words: too short to be cut
        "Russian President Vladimir Putin visited Beijing on Monday and met the Chinese leader.",
        "Russian President Vladimir Putin, who has led the country since 2000.",
    }
    aside = got["Russian President Vladimir Putin visited Beijing on Monday and met the Chinese leader."]
    assert aside.label.detail["removed"] == "who has led the country since 2000"
    assert aside.label.detail["form"] == "subordinate"
    assert src_gold(aside, CS) == "který vede zemi od roku 2000"
    last = got["Russian President Vladimir Putin, who has led the country since 2000."]
    assert last.label.detail["removed"] == "visited Beijing on Monday and met the Chinese leader"
    assert src_gold(last, CS) == "v pondělí navštívil Peking a jednal s čínským vůdcem"
    assert (last.label.src_seg, last.label.tgt_seg) == (1, 1) and last.target[0] == EN[0]


def test_de_en_cut_of_a_dashed_aside_takes_both_dashes():
    got = outcomes("clause_dropped", DE, EN_DE, "de", "en")
    cut = got["The government approved the law and wants to implement it soon."]
    assert src_gold(cut, DE) == "trotz heftiger Proteste der Opposition im Parlament"
    assert set(got) == {"The government approved the law and wants to implement it soon.",
                        "The government approved the law – despite fierce protests by the opposition in parliament.",
                        "Despite fierce protests by the opposition in parliament – and wants to implement it soon."}


def test_ja_en_gold_span_is_the_cjk_chunk_at_the_same_index():
    got = outcomes("clause_dropped", JA, EN_JA, "ja", "en")
    assert set(got) == {"On Monday, to local fishermen."}
    gold = src_gold(got["On Monday, to local fishermen."], JA)
    assert gold == "福島第一原子力発電所の処理水を海に放出する計画について"


def test_no_cut_when_the_chunks_do_not_line_up():
    one_chunk = ["Putin navštívil Peking a jednal s čínským vůdcem o obchodu a o válce."]
    tgt = ["Putin visited Beijing, where he met the Chinese leader to discuss trade and the war."]
    assert isinstance(perturb("clause_dropped", one_chunk, tgt, "cs", "en", random.Random(0)), Skip)
    # Same number of chunks, but the source's first is a short aside where the target's is long.
    tgt = ["Putin arrived in Beijing early on Monday morning after a long flight, and met the Chinese leader."]
    lopsided = ["Putin přiletěl, a v Pekingu se pak dlouze setkal s čínským prezidentem Si Ťin-pchingem."]
    assert isinstance(perturb("clause_dropped", lopsided, tgt, "cs", "en", random.Random(0)), Skip)
    even = ["Putin přiletěl do Pekingu brzy v pondělí ráno po dlouhém letu, a setkal se s čínským vůdcem."]
    assert isinstance(perturb("clause_dropped", even, tgt, "cs", "en", random.Random(0)), Perturbed)


def test_no_cut_inside_a_quote():
    src = ["„Budeme jednat se všemi stranami, které o to projeví zájem,“ řekl v pondělí ministr zahraničí."]
    tgt = ["“We will negotiate with all parties, which show an interest in it,” the foreign minister said on Monday."]
    assert isinstance(perturb("clause_dropped", src, tgt, "cs", "en", random.Random(0)), Skip)
    # A quote that opened in the segment before: only its closing mark is here.
    src = ["Nikdy jsme nic neukradli, nikomu jsme nedali žádné peníze v této souvislosti,\" uvedl v pondělí Tvrdík."]
    tgt = ["We never stole anything, we gave no money to anyone in this matter,\" Tvrdík said on Monday."]
    assert isinstance(perturb("clause_dropped", src, tgt, "cs", "en", random.Random(0)), Skip)
    assert isinstance(perturb("clause_added", src, tgt, "cs", "en", random.Random(0), pool=POOL), Skip)


def test_clause_added_gold_span_is_exactly_the_inserted_clause():
    got = outcomes("clause_added", CS, EN, "cs", "en", POOL)
    assert len(got) > 2  # several insertion points
    for text, p in got.items():
        d, i = p.label.detail, p.label.tgt_seg
        assert d["inserted"] in {"the storm hit the coast early on Tuesday",
                                 "which forced thousands of people to leave their homes"}
        assert text[d["tgt_start"]:d["tgt_end"]] == d["inserted"]
        assert text[:d["tgt_start"] - 2] + text[d["tgt_end"]:] == EN[i]  # ", " + clause, nothing else
        assert text[d["tgt_start"] - 2:d["tgt_start"]] == ", " and p.label.src_seg == i


def test_clause_added_into_japanese_uses_the_japanese_comma():
    pool = Pool(sentences=["台風は火曜日の朝に沿岸を直撃し、数千人が避難を余儀なくされた。"])
    for text, p in outcomes("clause_added", EN_JA, JA, "en", "ja", pool).items():
        d = p.label.detail
        assert text[d["tgt_start"] - 1:d["tgt_end"]] == "、" + d["inserted"]
        assert text[:d["tgt_start"] - 1] + text[d["tgt_end"]:] == JA[0]


def test_clause_added_never_brings_a_name_or_number_the_sentence_has():
    pool = Pool(sentences=[
        "Officials said on Tuesday, as Vladimir Putin arrived in the capital for talks, that all was ready.",
        "The storm hit the coast early in 2000, which forced thousands of people to leave."])
    got = outcomes("clause_added", CS[1:], EN[1:], "cs", "en", pool)
    assert {p.label.detail["inserted"] for p in got.values()} == {
        "which forced thousands of people to leave"}  # the others name Putin or 2000
    assert isinstance(perturb("clause_added", CS, EN, "cs", "en", random.Random(0), pool=Pool()), Skip)


# --- the span rule of eval.detect ---------------------------------------------------------------------------


def _label(kind: str = "clause_dropped", **detail) -> dict:
    typ, change, accept, needs_mt = EXPECTED[kind]
    return {"kind": kind, "type": typ, "change": change, "src_seg": 1, "tgt_seg": 1, "detail": detail,
            "accept": accept, "needs_mt": needs_mt}


def _f(typ: str = "omission", change: str = "dropped", src_span=None, src_whole=False, tgt_span=None,
       tgt_whole=False) -> dict:
    return {"type": typ, "change": change, "new": True, "src": [1], "tgt": [1], "src_seg_span": src_span,
            "src_whole": src_whole, "tgt_seg_span": tgt_span, "tgt_whole": tgt_whole}


def test_detects_needs_a_span_on_the_dropped_words():
    label = _label(src_start=31, src_end=59)
    assert detects(_f(src_span=[1, 50, 70]), label)  # overlaps
    assert detects(_f(src_span=[1, 58, 59]), label)  # one character is enough
    assert not detects(_f(src_span=[1, 0, 31]), label)  # ends where the gold span starts
    assert not detects(_f(src_span=[1, 59, 80]), label)  # starts where it ends
    assert not detects(_f(src_span=[0, 31, 59]), label)  # same offsets, another segment
    assert not detects(_f(src_span=None), label)
    assert not detects(_f(src_span=[1, 0, 120], src_whole=True), label)  # the whole sentence says nothing
    assert not detects(_f(src_span=[1, 0, 120], src_whole=True), label, "type")
    assert detects(_f(src_span=[1, 0, 120], src_whole=True), label, "any")
    assert not detects(_f("addition", "added", src_span=[1, 40, 50]), label)  # wrong type still fails


def test_detects_needs_a_span_on_the_added_words():
    label = _label("clause_added", tgt_start=10, tgt_end=40)
    assert detects(_f("addition", "added", tgt_span=[1, 12, 20]), label)
    assert not detects(_f("addition", "added", src_span=[1, 12, 20]), label)  # wrong side
    assert not detects(_f("addition", "added", tgt_span=[1, 0, 90], tgt_whole=True), label)


def test_other_kinds_keep_the_sentence_rule():
    label = {**_label(), "kind": "sentence_dropped", "tgt_seg": None, "detail": {"removed": "x"}}
    assert detects(_f(src_span=[1, 0, 90], src_whole=True), label)
    assert detects(_f(), label)


def test_seg_span_is_relative_to_the_line():
    text = "First line here.\nSecond line, with a clause."
    lines = lines_of(text)
    start = text.index("with")
    assert seg_span(Span("with a clause", start, start + 13), lines) == ([1, 13, 26], False)
    assert seg_span(Span("Second line, with a clause", 17, 43), lines) == ([1, 0, 26], True)  # "." is no word
    assert seg_span(Span("First line here.", 0, 16), lines) == ([0, 0, 16], True)
    assert seg_span(None, lines) == (None, None)


def test_recorded_spans_point_into_the_checked_segments():
    src, tgt = "\n".join(CS), "\n".join(EN[:1] + ["Russian President Vladimir Putin visited Beijing on Monday."])
    rep = xlate.check(src, tgt, "cs", "en", presegmented=True)
    sides = (lines_of(src), lines_of(tgt))
    spans = 0
    for f in rep.findings:
        rec = _finding(f, sides)
        for side, text, span in (("src", CS, f.src_span), ("tgt", None, f.tgt_span)):
            seg = rec[f"{side}_seg_span"]
            if span is None:
                assert seg is None
                continue
            lines = (text or tgt.split("\n"))[seg[0]]
            assert lines[seg[1]:seg[2]] == span.text
            spans += 1
    assert spans  # the dropped clause left at least one finding with a span to check
