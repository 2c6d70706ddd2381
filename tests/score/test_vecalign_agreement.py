"""xlate.score.align gives vecalign's numbers, exactly, on every gold corpus in ../shared/data/align.

Predictions: xlate's own alignments (the lexical aligner and the Gale-Church baseline of eval/) and
perturbed copies of the gold (merged, split, shifted, dropped, duplicated and one-sided beads).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from vecalign_reference import read_alignments, score_multiple

from eval.align import _lines, make_aligner
from xlate.cli import main
from xlate.score.align import AlignMetric, Bead, parse_beads

pytestmark = pytest.mark.shared_data
CORPORA = ("textberg_dev", "parice_en_is", "hunalign_dtm_hu_en", "mac_dev")


def _corpus(shared_data: Path, name: str) -> Path:
    corpus = shared_data / "align" / name
    if not (corpus / "corpus.json").is_file():
        pytest.skip(f"gold-aligned corpus not found at {corpus} (set XLATE_SHARED to the shared folder)")
    return corpus


def _docs(corpus: Path) -> list[str]:
    return json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))["docs"]


def perturb(gold: list[Bead], seed: int) -> list[Bead]:
    """A plausible wrong alignment: every kind of error an aligner makes, at random places."""
    rng, out = random.Random(seed), []
    k = 0
    while k < len(gold):
        s, t = gold[k]
        r = rng.random()
        if r < 0.08 and k + 1 < len(gold):  # merge with the next bead
            out.append((s + gold[k + 1][0], t + gold[k + 1][1]))
            k += 1
        elif r < 0.14 and len(s) + len(t) > 2:  # split a many-to-one bead
            out += [(s[:1], t[:1]), (s[1:], t[1:])]
        elif r < 0.18 and s and t:  # one-sided pair instead of a link
            out += [(s, ()), ((), t)]
        elif r < 0.22 and t:  # shift the target side
            out.append((s, tuple(j + 1 for j in t)))
        elif r < 0.25:  # dropped bead
            pass
        elif r < 0.27:  # duplicated bead and an empty one (both ignored by the rules)
            out += [(s, t), (s, t), ((), ())]
        else:
            out.append((s, t))
        k += 1
    return out


def _xlate_alignments(corpus: Path, config: str) -> list[list[Bead]]:
    meta = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
    aligner = make_aligner(config)
    preds = []
    for doc in meta["docs"]:
        src, tgt = _lines(corpus / "src" / f"{doc}.txt"), _lines(corpus / "tgt" / f"{doc}.txt")
        links = aligner.align(src, tgt, meta["src_lang"], meta["tgt_lang"])
        preds.append([(tuple(x.src), tuple(x.tgt)) for x in links])
    return preds


def _assert_same(gold: list[list[Bead]], pred: list[list[Bead]]) -> dict[str, float]:
    ours = AlignMetric().score_lists(gold, pred)
    want = score_multiple(gold, pred)
    assert ours.flat() == want  # exact float equality, not approx
    for g, p, doc in zip(gold, pred, ours.docs.values()):
        assert doc.flat() == score_multiple([g], [p])
    return want


@pytest.mark.parametrize("name", CORPORA)
def test_gold_files_parse_as_vecalign_reads_them(shared_data, name):
    corpus = _corpus(shared_data, name)
    for doc in _docs(corpus):
        path = corpus / "gold" / f"{doc}.align"
        theirs = [(tuple(s), tuple(t)) for s, t in read_alignments(path)]
        assert parse_beads(path.read_text(encoding="utf-8"), str(path)) == theirs


@pytest.mark.parametrize("config", ["lexical", "gale-church"])
@pytest.mark.parametrize("name", CORPORA)
def test_xlate_alignments_score_as_vecalign_scores_them(shared_data, name, config):
    corpus = _corpus(shared_data, name)
    gold = [[(tuple(s), tuple(t)) for s, t in read_alignments(corpus / "gold" / f"{d}.align")]
            for d in _docs(corpus)]
    want = _assert_same(gold, _xlate_alignments(corpus, config))
    assert 0.3 < want["f1_strict"] < 1.0  # a real, imperfect alignment, so the comparison has teeth


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("name", CORPORA)
def test_perturbed_gold_scores_as_vecalign_scores_it(shared_data, name, seed):
    corpus = _corpus(shared_data, name)
    gold = [[(tuple(s), tuple(t)) for s, t in read_alignments(corpus / "gold" / f"{d}.align")]
            for d in _docs(corpus)]
    pred = [perturb(g, seed * 1000 + i) for i, g in enumerate(gold)]
    want = _assert_same(gold, pred)
    assert want["f1_strict"] < want["f1_lax"] < 1.0
    assert _assert_same(gold, gold)["f1_strict"] == 1.0


def test_cli_on_files_agrees_with_vecalign(shared_data, tmp_path, capsys):
    """End to end: bead files on disk, ``xlate score align --format json``, vecalign's reader and scorer."""
    corpus = _corpus(shared_data, "parice_en_is")
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    golds, preds = [], []
    for i, doc in enumerate(_docs(corpus)):
        gold_file = corpus / "gold" / f"{doc}.align"
        beads = perturb(parse_beads(gold_file.read_text(encoding="utf-8")), i)
        (pred_dir / gold_file.name).write_text(
            "".join(f"{list(s)}:{list(t)}:0.5\n" for s, t in beads), encoding="utf-8")
        golds.append(read_alignments(gold_file))
        preds.append(read_alignments(pred_dir / gold_file.name))
    assert main(["score", "align", "--gold", str(corpus / "gold"), "--pred", str(pred_dir), "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    want = score_multiple(golds, preds)
    assert {k: got[k] for k in want} == want
    assert f"docs:{len(golds)}" in got["signature"]
