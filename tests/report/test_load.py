"""``xlate.report.load``: a saved JSON report reads back into the same ``Report``."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import xlate
from xlate.errors import InputError
from xlate.report.html import to_html
from xlate.report.load import load_report, report_from_dict
from xlate.report.render import to_json, to_markdown, to_tsv

ROOT = Path(__file__).resolve().parents[2]
PAIRS = sorted(p for p in (ROOT / "seeds").iterdir() if (p / "expected.json").is_file())


def _check(d: Path) -> xlate.report.model.Report:
    meta = json.loads((d / "expected.json").read_text("utf-8"))
    return xlate.check((d / "source.txt").read_text("utf-8"), (d / "target.txt").read_text("utf-8"),
                       meta["src_lang"], meta["tgt_lang"])


@pytest.fixture(scope="module")
def reports() -> dict[str, xlate.report.model.Report]:
    return {d.name: _check(d) for d in PAIRS}


@pytest.mark.parametrize("pair", [d.name for d in PAIRS])
def test_round_trip_renders_the_same(reports: dict, pair: str) -> None:
    report = reports[pair]
    loaded = load_report(to_json(report).encode(), "r.json")
    assert loaded.to_dict() == report.to_dict()
    for render in (to_html, to_tsv, to_markdown):
        assert render(loaded) == render(report)
    assert loaded.source.furniture == report.source.furniture
    assert loaded.target.furniture == report.target.furniture


def test_translations_survive(reports: dict) -> None:
    d = reports["sk-en_tasr_altered"].to_dict()
    d["translations"] = {"source": [f"gloss {s['id']}" for s in d["source"]["sentences"]], "target": []}
    assert report_from_dict(copy.deepcopy(d)).to_dict() == d


def _broken(reports: dict, change) -> dict:
    d = copy.deepcopy(reports["sk-en_tasr_altered"].to_dict())
    change(d)
    return d


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(schema=3), "report.json has report schema 3; this xlate reads schema 1 and 2"),
    (lambda d: d.pop("schema"), "not an xlate report (no 'schema' field)"),
    (lambda d: d.pop("alignment"), "not a valid xlate report (missing field 'alignment')"),
    (lambda d: d["alignment"].append({"src": [99], "tgt": [], "score": 1}),
     "names a sentence that is not in the report"),
    (lambda d: d["findings"][0].update(tgt=[77]), "names a sentence that is not in the report"),
    (lambda d: d["source"]["sentences"][0].update(end=3), "does not fit its offsets"),
    (lambda d: d["source"]["sentences"][1].update(id=5), "sentence ids must be 0, 1, 2"),
    (lambda d: d["findings"][0].update(confidence="high"), "not a valid xlate report (ValueError"),
])
def test_bad_reports_are_one_line_input_errors(reports: dict, change, message: str) -> None:
    with pytest.raises(InputError) as e:
        report_from_dict(_broken(reports, change), "report.json")
    assert message in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("data", [b"{oops", b"\xff\xfe\x00", "[1, 2]", b"null"])
def test_not_json_or_not_a_report(data: bytes | str) -> None:
    with pytest.raises(InputError, match="x.json"):
        load_report(data, "x.json")
