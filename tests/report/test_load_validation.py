"""A saved report is untrusted input: shape, types and offsets are checked before the viewer builds
anything from it, and a bad one is one line (``InputError``), in the CLI's terms and in the viewer."""

from __future__ import annotations

import copy
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import xlate
from xlate.errors import InputError
from xlate.report import html
from xlate.report.load import MAX_REPORT_BYTES, MAX_TEXT_CHARS, load_report, report_from_dict
from xlate.report.render import to_markdown, to_text, to_tsv

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "sk-en_tasr_altered"


@pytest.fixture(scope="module")
def saved() -> dict[str, Any]:
    meta = json.loads((SEED / "expected.json").read_text("utf-8"))
    report = xlate.check((SEED / "source.txt").read_text("utf-8"), (SEED / "target.txt").read_text("utf-8"),
                         meta["src_lang"], meta["tgt_lang"])
    return report.to_dict()


def _with(saved: dict[str, Any], change) -> dict[str, Any]:
    d = copy.deepcopy(saved)
    change(d)
    return d


def _span_finding(d: dict[str, Any]) -> dict[str, Any]:
    return next(f for f in d["findings"] if f["src_span"])


def _far(span: dict[str, Any], end: int) -> None:
    """Move ``span`` to end at ``end``, its text still fitting its offsets."""
    span.update(start=end - len(span["text"]), end=end)


def _set(path: str, value: Any):
    """A change that sets ``a.b.0.c`` (list indexes as numbers) to ``value``."""
    def change(d: dict[str, Any]) -> None:
        *head, last = path.split(".")
        for key in head:
            d = d[int(key)] if key.isdigit() else d[key]
        d[int(last) if last.isdigit() else last] = value
    return change


BAD = [
    # offsets: what made a 100-byte report take gigabytes in the viewer
    ("span end 10^9", lambda d: _far(_span_finding(d)["src_span"], 10**9), "does not fit its offsets"),
    ("span past the text", lambda d: _span_finding(d)["src_span"].update(
        start=d["source"]["sentences"][-1]["end"], end=d["source"]["sentences"][-1]["end"] + 3, text="abc"),
     "does not fit its offsets"),
    ("negative span start", lambda d: _span_finding(d)["src_span"].update(start=-4), "does not fit its offsets"),
    ("sentence at 10^9", lambda d: d["source"]["sentences"][-1].update(
        start=10**9, end=10**9 + len(d["source"]["sentences"][-1]["text"])), "xlate opens reports of texts up to"),
    ("overlapping sentences", lambda d: d["source"]["sentences"][1].update(
        start=d["source"]["sentences"][0]["start"],
        end=d["source"]["sentences"][0]["start"] + len(d["source"]["sentences"][1]["text"])),
     "inside the sentence before it"),
    ("span disagrees with its sentence", lambda d: _span_finding(d)["src_span"].update(
        text="x" * len(_span_finding(d)["src_span"]["text"])), "disagrees with sentence"),
    # types
    ("offset as a string", _set("source.sentences.0.start", "0"), "source.sentences[0].start must be a whole number"),
    ("offset as a float", _set("source.sentences.0.end", 3.5), "must be a whole number, not 3.5"),
    ("offset as a boolean", _set("source.sentences.0.start", False), "must be a whole number, not False"),
    ("text as a number", _set("target.sentences.0.text", 7), "target.sentences[0].text must be a string"),
    ("findings not a list", _set("findings", {}), "findings must be a list"),
    ("sentence id as a string", _set("findings.0.src", ["0"]), "findings[0].src[0] must be a whole number"),
    ("score NaN", _set("alignment.0.score", float("nan")), "alignment[0].score must be a finite number"),
    ("confidence out of range", _set("findings.0.confidence", 7), "a confidence lies in [0, 1]"),
    ("unknown severity", _set("findings.0.severity", "urgent"), "severity 'urgent'"),
    ("translations of numbers", _set("translations", {"source": [1, 2]}), "translations.source must be a list"),
    # required fields the renderers read
    ("no signature", lambda d: d["config"].pop("signature"), "missing field 'config.signature'"),
    ("no summary counts", lambda d: d["summary"].pop("findings_by_severity"),
     "missing field 'summary.findings_by_severity'"),
    ("no span start", lambda d: _span_finding(d)["src_span"].pop("start"), "missing field 'findings["),
    ("no sentence text", lambda d: d["target"]["sentences"][2].pop("text"),
     "missing field 'target.sentences[2].text'"),
    ("no explanation", _set("findings.0.explanation", None), "missing field 'findings[0].explanation'"),
    # schema version
    ("schema true", _set("schema", True), "has report schema True"),
    ("schema 0", _set("schema", 0), "has report schema 0"),
    ("sentence id out of range", _set("findings.0.src", [999]), "names a sentence that is not in the report"),
]


@pytest.mark.parametrize("change, message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_saved_report_is_one_line(saved: dict, change, message: str) -> None:
    with pytest.raises(InputError) as e:
        load_report(json.dumps(_with(saved, change)), "saved.json")
    assert message in str(e.value) and str(e.value).startswith("saved.json") and "\n" not in str(e.value)


def test_a_far_offset_is_refused_without_building_the_text(saved: dict) -> None:
    d = _with(saved, lambda d: _far(_span_finding(d)["src_span"], 10**8))
    tracemalloc.start()
    try:
        with pytest.raises(InputError):
            report_from_dict(d, "r.json")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000  # bytes: the old loader allocated a list of 10^9 characters here


def test_too_big_a_file_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match=r"^big.json is 50 MB; xlate opens saved reports of up to 50 MB$"):
        load_report(b" " * (MAX_REPORT_BYTES + 1), "big.json")


def test_deeply_nested_json_is_one_line() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        load_report("[" * 200_000, "deep.json")


def test_numbers_too_long_to_read_are_one_line() -> None:
    with pytest.raises(InputError, match="is not a JSON file"):
        load_report('{"schema": ' + "1" * 5000 + "}", "long.json")


def test_text_cap_is_generous() -> None:
    assert MAX_TEXT_CHARS >= 10 * 2_000 * 500  # ten times a 2,000-sentence story of long sentences


def test_valid_reports_render_in_every_format_after_loading(saved: dict) -> None:
    loaded = load_report(json.dumps(saved), "ok.json")
    assert loaded.to_dict() == saved
    for render in (to_text, to_tsv, to_markdown, html.to_html):
        assert render(loaded)


def test_a_span_across_a_line_break_between_sentences_still_loads(saved: dict) -> None:
    # Reports saved before spans were kept inside their sentences may cover the line break
    # between two sentences: the text is rebuilt with it.
    d = copy.deepcopy(saved)
    s0, s1 = d["source"]["sentences"][:2]
    gap = s1["start"] - s0["end"]
    text = s0["text"][-4:] + "\n" * gap + s1["text"][:4]
    d["findings"][0]["src_span"] = {"text": text, "start": s0["end"] - 4, "end": s1["start"] + 4}
    loaded = report_from_dict(d, "old.json")
    assert loaded.source.text[s0["end"] - 4:s1["start"] + 4] == text
    assert [s.text for s in loaded.source.sentences] == [s["text"] for s in d["source"]["sentences"]]


def test_the_viewer_shows_the_line_not_a_traceback(saved: dict) -> None:
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    content = json.dumps(_with(saved, lambda d: _far(_span_finding(d)["src_span"], 10**9))).encode()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["mode"] = "Open saved report"
    at.run()
    at.file_uploader(key="report_file").set_value(("far.json", content, "application/json")).run()
    assert not at.exception
    assert len(at.error) == 1 and "far.json" in at.error[0].value and "does not fit its offsets" in at.error[0].value
