"""Fingerprints survive reruns and edits elsewhere, and change when the cited wording changes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from xlate.pipeline import check
from xlate.report.load import load_report
from xlate.report.model import Report
from xlate.review.fingerprint import fingerprint, normalise

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TOP_SRC = "Správu zverejnili v utorok ráno na webovej stránke agentúry.\n\n"
TOP_TGT = "The report was published on Tuesday morning on the agency's website.\n\n"


def _run(pair: tuple[str, str, str, str], src: str | None = None, tgt: str | None = None) -> Report:
    source, target, sl, tl = pair
    return check(src if src is not None else source, tgt if tgt is not None else target, src_lang=sl, tgt_lang=tl)


def _prints(report: Report) -> dict[tuple, str]:
    """Fingerprint by what a finding says (type, change, span texts), for findings that say it once."""
    out: dict[tuple, str] = {}
    for f in report.findings:
        key = (f.type, f.change, f.src_span and f.src_span.text, f.tgt_span and f.tgt_span.text)
        out[key] = fingerprint(f, report)
    return out


def _number(report: Report):
    (f,) = [f for f in report.findings if f.type == "number" and f.change == "altered"]
    return f


@pytest.fixture(scope="module")
def base(seed_pair) -> Report:
    return _run(seed_pair)


def test_normalise_nfkc_whitespace_and_case():
    assert normalise("  Ｓtraße\u00a0 \n ﬁnal  ") == "strasse final"


def test_fingerprints_are_distinct_and_stable_across_reruns(base, seed_pair):
    prints = [fingerprint(f, base) for f in base.findings]
    assert len(base.findings) >= 5
    assert len(set(prints)) == len(prints)
    assert all(len(p) == 32 and int(p, 16) >= 0 for p in prints)
    assert [fingerprint(f, r) for r in [_run(seed_pair)] for f in r.findings] == prints


def test_inserting_a_sentence_at_the_top_keeps_every_fingerprint(base, seed_pair):
    source, target, _, _ = seed_pair
    moved = _run(seed_pair, TOP_SRC + source, TOP_TGT + target)
    old, new = _number(base), _number(moved)
    assert new.src[0] == old.src[0] + 1 and new.src_span.start > old.src_span.start  # ids and offsets shifted
    assert set(_prints(base).items()) <= set(_prints(moved).items())


def test_editing_another_sentence_keeps_fingerprints_of_the_others(base, seed_pair):
    _, target, _, _ = seed_pair
    edited = target.replace("Washington does not recognize", "Washington does not accept")
    assert edited != target
    after = _run(seed_pair, tgt=edited)
    assert fingerprint(_number(after), after) == fingerprint(_number(base), base)
    assert set(_prints(base).items()) <= set(_prints(after).items())


def test_editing_the_cited_sentence_gives_a_new_fingerprint(base, seed_pair):
    _, target, _, _ = seed_pair
    edited = target.replace("US military operations in the Caribbean", "American military operations in the Caribbean")
    assert edited != target
    after = _run(seed_pair, tgt=edited)
    assert _number(after).tgt_span.text == "16"  # the same finding, in a reworded sentence
    assert fingerprint(_number(after), after) != fingerprint(_number(base), base)
    others = {k: v for k, v in _prints(base).items() if k[0] != "number"}
    assert set(others.items()) <= set(_prints(after).items())


def test_whitespace_inside_a_cited_sentence_does_not_matter(base, seed_pair):
    _, target, _, _ = seed_pair
    edited = target.replace("have already claimed 16 lives", "have  already\u00a0claimed 16 lives")
    assert edited != target
    after = _run(seed_pair, tgt=edited)
    assert fingerprint(_number(after), after) == fingerprint(_number(base), base)


def test_a_saved_and_reloaded_report_gives_the_same_fingerprints(base):
    loaded = load_report(json.dumps(base.to_dict()))
    assert [fingerprint(f, loaded) for f in loaded.findings] == [fingerprint(f, base) for f in base.findings]


def test_the_language_pair_is_part_of_the_fingerprint(base):
    other = dataclasses.replace(base, target=dataclasses.replace(base.target, lang="de"))
    f = _number(base)
    assert fingerprint(f, other) != fingerprint(f, base)


def test_type_change_and_span_are_part_of_the_fingerprint(base):
    f = _number(base)
    variants = [dataclasses.replace(f, change="dropped"), dataclasses.replace(f, type="entity"),
                dataclasses.replace(f, tgt_span=dataclasses.replace(f.tgt_span, text="17"))]
    assert len({fingerprint(v, base) for v in variants} | {fingerprint(f, base)}) == 4


def test_id_severity_and_confidence_are_not(base):
    f = _number(base)
    same = dataclasses.replace(f, id="F999", confidence=0.01, severity="low", explanation="other words")
    assert fingerprint(same, base) == fingerprint(f, base)


OPENING = {  # one faithful sentence pair per source language, put above a story
    "sk": TOP_SRC,
    "de": "Die Meldung wurde am Dienstagmorgen auf der Website der Agentur veröffentlicht.\n\n",
    "ru": "Сообщение было опубликовано во вторник утром на сайте агентства.\n\n",
    "fr": "Le communiqué a été publié mardi matin sur le site de l'agence.\n\n",
}


@pytest.mark.parametrize("name", sorted(p.parent.name for p in SEEDS.glob("*/expected.json")))
def test_every_seed_pair_keeps_its_fingerprints_under_an_inserted_opening(name):
    folder = SEEDS / name
    langs = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    source, target = (folder / "source.txt").read_text(encoding="utf-8"), (folder / "target.txt").read_text("utf-8")
    sl, tl = langs["src_lang"], langs["tgt_lang"]
    assert tl == "en" and sl in OPENING, f"add an opening sentence for {sl}-{tl}"
    before = check(source, target, src_lang=sl, tgt_lang=tl)
    after = check(OPENING[sl] + source, TOP_TGT + target, src_lang=sl, tgt_lang=tl)
    assert set(_prints(before).items()) <= set(_prints(after).items())
