"""Planted cases for the default (lexical) aligner, through the public ``xlate.align.align``."""

from __future__ import annotations

import math
import random
import subprocess
import sys

import numpy as np
import pytest
from align_pairs import DE, EN

from xlate.align import LexicalAligner, LexicalParams, align
from xlate.align.dp import Band
from xlate.align.similarity import BandSimilarity
from xlate.errors import ConfigError


def beads(links):
    return [(link.src, link.tgt) for link in links]


def check_cover(links, n, m):
    i = j = 0
    for link in links:
        assert link.src == tuple(range(i, i + len(link.src)))
        assert link.tgt == tuple(range(j, j + len(link.tgt)))
        assert link.src or link.tgt
        assert 0.0 <= link.score <= 1.0
        i, j = i + len(link.src), j + len(link.tgt)
    assert (i, j) == (n, m)


def test_identical_lists_align_on_the_diagonal():
    links = align(EN, EN, "en", "en")
    assert beads(links) == [((i,), (i,)) for i in range(len(EN))]
    assert min(link.score for link in links) > 0.5


def test_translation_aligns_one_to_one():
    assert beads(align(EN, DE, "en", "de")) == [((i,), (i,)) for i in range(len(EN))]


def test_deleted_sentence_gives_a_1_0_bead_in_place():
    tgt = DE[:5] + DE[6:]
    got = beads(align(EN, tgt, "en", "de"))
    assert ((5,), ()) in got
    assert got == [((i,), (i,)) for i in range(5)] + [((5,), ())] + [
        ((i,), (i - 1,)) for i in range(6, len(EN))]


def test_split_sentence_gives_a_1_2_bead():
    split = ["Die Strompreise stiegen im Januar um 4,5 Prozent.",
             "Das teilte das Statistikamt am Montag mit."]
    tgt = DE[:3] + split + DE[4:]
    got = beads(align(EN, tgt, "en", "de"))
    assert ((3,), (3, 4)) in got
    assert ((4,), (5,)) in got and ((2,), (2,)) in got


@pytest.mark.parametrize("banded", [False, True])
def test_inserted_block_gives_0_1_beads(banded):
    rng = random.Random(1)
    filler = [f"Kapitel {k}: {' '.join(rng.sample(['Berg', 'Tal', 'Weg', 'Hütte', 'Gipfel'], 3))}"
              f" und mehr Text über das Wetter." for k in range(100, 130)]
    tgt = DE[:6] + filler + DE[6:]
    opts = {"full_band_cells": 0, "width": 3} if banded else {}
    got = beads(align(EN, tgt, "en", "de", **opts))
    expect = ([((i,), (i,)) for i in range(6)] + [((), (j,)) for j in range(6, 36)]
              + [((i,), (i + 30,)) for i in range(6, len(EN))])
    assert got == expect


def test_cyrillic_names_meet_latin_ones():
    src = ["Песков заявил, что переговоры продолжатся.", "Зеленский посетил Харьков.",
           "Шольц встретился с Макроном в Париже."]
    tgt = ["Scholz met Macron in Paris.", "Peskov said the talks would continue.",
           "Zelensky visited Kharkiv."]
    got = beads(align(src, tgt[1:], "ru", "en"))
    assert got == [((0,), (0,)), ((1,), (1,)), ((2,), ())]


@pytest.mark.parametrize("seed", range(8))
def test_random_inputs_cover_every_sentence_once_in_order(seed):
    rng = random.Random(seed)
    pool = EN + DE + ["", "?", "1 2 3", "Ωmega Ελλάδα", "中文句子。"]
    src = [rng.choice(pool) for _ in range(rng.randint(0, 30))]
    tgt = [rng.choice(pool) for _ in range(rng.randint(0, 30))]
    for opts in ({}, {"full_band_cells": 0, "width": 2}):
        check_cover(align(src, tgt, "en", "de", **opts), len(src), len(tgt))


@pytest.mark.parametrize(("n", "m"), [(0, 0), (3, 0), (0, 4)])
def test_empty_sides(n, m):
    links = align(EN[:n], DE[:m], "en", "de")
    check_cover(links, n, m)
    assert all(not (link.src and link.tgt) for link in links)


def test_machine_translation_is_used():
    # The "MT" is the English itself: with it, even unrelated-looking targets align.
    src = ["Ein ganz anderer Satz ohne jede Gemeinsamkeit, nur ungefähr so lang wie der zweite.",
           "Noch einer, der nichts mit dem anderen Satz teilt, aber ähnlich lang ist.", "Und der dritte, kurz."]
    got = beads(align(src, EN[:3], "de", "en", src_mt=EN[:3]))
    assert got == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


@pytest.mark.parametrize("member,split_length,merged", [(1.0, 0.5, False), (0.0, 1e9, True), (0.0, 0.5, False)])
def test_an_inserted_sentence_is_not_merged_into_its_neighbour(member, split_length, merged):
    # With MT, merges are cheap and each member of a bead must match on its own; without that
    # check (member=0) the unrelated sentence rides along with the strong match before it, unless
    # the split pass (align/gaps.py) takes it off again: it shares nothing and its length is extra.
    tgt = EN[:5] + ["The weather in the capital was sunny and warm."] + EN[5:]
    got = beads(LexicalAligner(member=member, split_length=split_length).align(DE, tgt, "de", "en", src_mt=EN))
    if merged:
        assert ((4,), (4, 5)) in got
    else:
        assert [b for b in got if len(b[0]) != 1 or len(b[1]) != 1] == [((), (5,))]


def test_bead_member_cosines_match_the_definition():
    rng = random.Random(3)
    vocab = [f"f{k}" for k in range(12)]

    def bag():
        return {f: rng.uniform(0.5, 2.0) for f in rng.sample(vocab, rng.randint(0, 5))}

    src, tgt = [bag() for _ in range(9)], [bag() for _ in range(11)]
    sim = BandSimilarity(src, tgt, Band.full(9, 11), max_bead=4)

    def cos(x, y):
        dot = sum(v * y.get(f, 0.0) for f, v in x.items())
        nx, ny = math.sqrt(sum(v * v for v in x.values())), math.sqrt(sum(v * v for v in y.values()))
        return dot / (nx * ny) if nx and ny else 0.0

    def total(bags):
        out: dict[str, float] = {}
        for b in bags:
            for f, v in b.items():
                out[f] = out.get(f, 0.0) + v
        return out

    for a, b in [(1, 2), (2, 1), (2, 2), (3, 2)]:
        i, j = np.arange(a, 10), np.full(10 - a, 11)
        got = sim.members(a, b, i, j)
        assert len(got) == a + b
        for k, (ii, jj) in enumerate(zip(i, j)):
            s_run, t_run = src[ii - a:ii], tgt[jj - b:jj]
            want = [cos(x, total(t_run)) for x in s_run] + [cos(y, total(s_run)) for y in t_run]
            assert [round(float(g[k]), 9) for g in got] == [round(w, 9) for w in want]


def test_mt_with_wrong_length_is_a_config_error():
    with pytest.raises(ConfigError, match="src_mt"):
        align(EN, DE, "en", "de", src_mt=EN[:2])


def test_params_override_the_defaults_one_knob_or_all():
    assert LexicalAligner(skip=0.5).params == LexicalParams(skip=0.5)
    assert LexicalAligner(params=LexicalParams(merge=0.1), skip=0.5).params == LexicalParams(merge=0.1, skip=0.5)
    with pytest.raises(TypeError, match="bogus"):
        LexicalAligner(bogus=1)
    # A costlier skip can only keep or remove one-sided beads, never add them.
    cheap = beads(align(EN, DE[:-1], "en", "de", params=LexicalParams(skip=0.2)))
    dear = beads(align(EN, DE[:-1], "en", "de", params=LexicalParams(skip=5.0)))
    assert sum(1 for b in dear if not (b[0] and b[1])) <= sum(1 for b in cheap if not (b[0] and b[1]))


def test_import_does_not_load_torch():
    code = ("import sys, xlate.align; from xlate.align import align; "
            "align(['a b'], ['a b'], 'en', 'en'); "
            "print('torch' in sys.modules or 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


NO_ANCHOR = {2, 6}  # EN[2], EN[6]: no number, no name; short, so the length barely shows them missing


@pytest.mark.parametrize("start", [0, 3, 6, 8])
@pytest.mark.parametrize("length", [3, 4])
def test_a_short_story_missing_a_sentence_gets_a_one_sided_bead(start, length):
    """In a 3-4 sentence story one missing sentence skews the length ratio; the re-estimated ratio
    and the member split (align/gaps.py) still give it a bead of its own, wherever it stood, when
    it names someone or gives a number the rest of the story's beads do not take."""
    src = EN[start:start + length]
    for k in range(length):
        if start + k in NO_ANCHOR:
            continue
        tgt = DE[start:start + k] + DE[start + k + 1:start + length]
        got = beads(align(src, tgt, "en", "de"))
        assert ((k,), ()) in got, (k, got)


def test_a_member_that_shares_something_stays_in_its_bead():
    """One German sentence that says what two English ones say (shared name and number) is a 2-1
    bead, not a 1-1 and a dropped sentence."""
    src = ["Siemens announced new jobs.", "There will be 2,300 of them in Bavaria.", EN[6], EN[7]]
    tgt = ["Siemens kündigte 2300 neue Stellen in Bayern an.", DE[6], DE[7]]
    assert beads(align(src, tgt, "en", "de"))[0] == ((0, 1), (0,))


def test_the_gap_passes_can_be_switched_off():
    src, tgt = EN[:3], [DE[0], DE[2]]
    assert ((1,), ()) in beads(align(src, tgt, "en", "de"))
    got = beads(align(src, tgt, "en", "de", short_cells=0, split_length=1e9, split_rest=1e9))
    assert ((1,), ()) not in got


def test_a_short_story_s_length_ratio_is_shrunk_towards_the_script_prior():
    from xlate.align.gaps import blend
    assert blend(None, 0, 1.0, 2.0) == 1.0
    assert blend(0.5, 4, 1.0, 0.0) == pytest.approx(0.5)
    # Four sentences against a prior worth two: two thirds of the way to the measured ratio, in log space.
    assert blend(0.5, 4, 1.0, 2.0) == pytest.approx(0.5 ** (2 / 3))


def test_a_member_sharing_only_what_the_rest_of_its_bead_already_shares_shares_nothing_new():
    """A dropped sentence next to its neighbour often repeats the neighbour's name: "Novak" is
    shared with the target, but the neighbour's translation already answers it."""
    from types import SimpleNamespace

    from xlate.align.gaps import _shares_more
    view = SimpleNamespace(src=[{"nnovak": 1.0, "pdema": 1.0}, {"nnovak": 1.0, "psay": 1.0}],
                           tgt=[{"nnovak": 1.0, "pdema": 1.0, "pford": 1.0}])
    bead = (0, 2, 0, 1)  # both source sentences with the one target sentence
    assert not _shares_more(view, bead, "src", 1)
    assert _shares_more(view, bead, "src", 0)  # "pdema" is its own
    view.src[1]["pford"] = 1.0
    assert _shares_more(view, bead, "src", 1)
