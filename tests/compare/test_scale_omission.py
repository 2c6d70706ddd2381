"""Moved-sentence pairing computes only the cosines that can matter, and pairs exactly as the
full sentence-by-sentence comparison it replaced (kept here as the reference)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from xlate.compare import omission as O
from xlate.compare.base import SIDES, Context, other
from xlate.config import Config
from xlate.pipeline import stages

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _blocked_reference(row, col, pair, partner_of_s, partner_of_t, i, j) -> bool:
    for k in np.flatnonzero(row > row[j]):
        if k not in partner_of_t or pair[partner_of_t[k], k] < row[k]:
            return True
    for k in np.flatnonzero(col > col[i]):
        if k not in partner_of_s or pair[k, partner_of_s[k]] < col[k]:
            return True
    return False


def _moved_reference(ctx: Context, candidates):
    bags_s, bags_t = O._bags(ctx)
    matched = [(b.src[0].id, b.tgt[0].id) for b in ctx.beads if len(b.src) == 1 and len(b.tgt) == 1]
    if len(matched) < O.MIN_MATCHED:
        return []
    rows = {i: np.array([O._cos(bags_s[i], y) for y in bags_t]) for i in {a[1].id for a, _ in candidates}}
    cols = {j: np.array([O._cos(x, bags_t[j]) for x in bags_s]) for j in {b[1].id for _, b in candidates}}
    pair = {(i, j): O._cos(bags_s[i], bags_t[j]) for i, j in matched}
    typical = float(np.median(list(pair.values())))
    chance = O._chance(bags_s, bags_t, pair)
    floor = max(0.0, chance + O.MOVED_SHARE * (typical - chance))
    partner_of_s, partner_of_t = dict(matched), {j: i for i, j in matched}
    used_s, used_t, out = set(), set(), []
    for a, b in sorted(candidates, key=lambda ab: -rows[ab[0][1].id][ab[1][1].id]):
        i, j = a[1].id, b[1].id
        score = float(rows[i][j])
        if score <= floor:
            break
        if i in used_s or j in used_t or _blocked_reference(rows[i], cols[j], pair, partner_of_s, partner_of_t, i, j):
            continue
        used_s.add(i)
        used_t.add(j)
        out.append((i, j, score, floor))
    return out


def _context(pair: str, copies: int, seed: int) -> Context:
    import json

    exp = json.loads((SEEDS / pair / "expected.json").read_text(encoding="utf-8"))
    src = (SEEDS / pair / "source.txt").read_text(encoding="utf-8").split("\n\n") * copies
    tgt = (SEEDS / pair / "target.txt").read_text(encoding="utf-8").split("\n\n") * copies
    rng = random.Random(seed)
    for _ in range(len(tgt) // 3):  # move a third of the paragraphs
        tgt.insert(rng.randrange(len(tgt)), tgt.pop(rng.randrange(len(tgt))))
    config = Config.from_options(None, src_lang=exp["src_lang"], tgt_lang=exp["tgt_lang"])
    doc = stages.segment_pair("\n\n".join(src), "\n\n".join(tgt), config)
    backends = stages.load_backends(doc, config)
    mt = stages.translate_pair(doc, backends, config)
    alignment = stages.align_pair(doc, mt, None, config)
    return Context(src_lang=doc.src_lang, tgt_lang=doc.tgt_lang, src_text=doc.source, tgt_text=doc.target,
                   src_sents=doc.src_sents, tgt_sents=doc.tgt_sents, alignment=alignment, src_lex=doc.src_lex,
                   tgt_lex=doc.tgt_lex, furniture={("src", i) for i in doc.src_furniture}
                   | {("tgt", j) for j in doc.tgt_furniture})


@pytest.mark.parametrize("pair,copies,seed", [("fr-en_moved", 1, 0), ("sk-en_tasr_altered", 3, 1),
                                              ("de-en_dpa_altered", 4, 2), ("ru-en_tass_altered", 2, 3)])
def test_moved_pairs_match_the_full_comparison(pair, copies, seed):
    ctx = _context(pair, copies, seed)
    gaps = {side: O._sentences(ctx, side, lambda b: not (b.src and b.tgt)) for side in SIDES}
    riders = {side: O._sentences(ctx, side, lambda b, side=side: len(b.sents(side)) >= 2
                                 and bool(b.sents(other(side)))) for side in SIDES}
    blocks = [(gaps["src"], gaps["tgt"] + riders["tgt"]), (riders["src"], gaps["tgt"])]
    candidates = [(a, b) for sources, targets in blocks for a in sources for b in targets]
    assert candidates, "the shuffled pair leaves one-sided sentences"
    want = _moved_reference(ctx, candidates)
    got = [(a[1].id, b[1].id, score, floor) for a, b, (score, floor) in O._moved(ctx, blocks)]
    assert got == want
    if pair == "fr-en_moved":
        assert got, "the moved sentence is found"


def test_moved_finding_names_the_target_sentence_before_it():
    ctx = _context("fr-en_moved", 1, 0)
    before = O._target_before(ctx)
    for s in ctx.src_sents:
        want = max((b.tgt[-1].id for b in ctx.beads if b.src and b.tgt and b.src[-1].id < s.id), default=None)
        assert before(s.id) == want
