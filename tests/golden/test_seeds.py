"""Each story pair in seeds/ against its expected.json: planted changes found, nothing else loud."""

from __future__ import annotations

import json

import pytest

import xlate
from tests.conftest import seed_pairs

PAIRS = seed_pairs()


def _load(path):
    exp = json.loads((path / "expected.json").read_text(encoding="utf-8"))
    src = (path / "source.txt").read_text(encoding="utf-8")
    tgt = (path / "target.txt").read_text(encoding="utf-8")
    return exp, xlate.check(src, tgt, exp["src_lang"], exp["tgt_lang"])


def _text(report, side, ids):
    sents = report.source.sentences if side == "src" else report.target.sentences
    return " ".join(sents[i].text for i in ids)


def _matches(report, finding, want) -> bool:
    if (finding.type, finding.change) != (want["type"], want["change"]):
        return False
    if want.get("src_contains") and want["src_contains"] not in _text(report, "src", finding.src):
        return False
    if want.get("tgt_contains") and want["tgt_contains"] not in _text(report, "tgt", finding.tgt):
        return False
    for side in ("src", "tgt"):  # where the expected finding names its span exactly (a cut clause)
        span = finding.span(side)
        if want.get(f"{side}_span") and (span is None or span.text != want[f"{side}_span"]):
            return False
    return True


def test_there_are_seed_pairs():
    assert len(PAIRS) >= 5
    langs = {json.loads((p / "expected.json").read_text())["src_lang"] for p in PAIRS}
    assert {"sk", "ru"} <= langs  # the wire story's language and one Cyrillic pair


@pytest.mark.parametrize("path", PAIRS, ids=[p.name for p in PAIRS])
def test_planted_findings_are_found(path):
    exp, report = _load(path)
    missing = [w for w in exp["findings"] if not any(_matches(report, f, w) for f in report.findings)]
    assert not missing, "not found: " + "; ".join(f"{w['type']} {w['change']} ({w.get('note', '')})"
                                                   for w in missing)


@pytest.mark.parametrize("path", PAIRS, ids=[p.name for p in PAIRS])
def test_nothing_else_is_loud(path):
    """Findings that answer no planted change may only be low severity or an allowed side effect."""
    exp, report = _load(path)
    allowed = set(exp.get("allowed_extra", []))
    extra = [f for f in report.findings
             if not any(_matches(report, f, w) for w in exp["findings"])
             and f.type not in allowed and f.severity != "low"]
    assert not extra, "unexpected: " + "; ".join(f"{f.id} {f.type} {f.change}: {f.explanation}" for f in extra)


@pytest.mark.parametrize("path", PAIRS, ids=[p.name for p in PAIRS])
def test_furniture_is_not_reported(path):
    exp, report = _load(path)
    furniture = set(exp.get("furniture", []))
    for f in report.findings:
        if f.type in ("addition", "omission"):
            side = "tgt" if f.type == "addition" else "src"
            assert _text(report, side, f.tgt if side == "tgt" else f.src) not in furniture, f.explanation
