"""The Streamlit app's flows, driven in-process with ``streamlit.testing.v1.AppTest`` (no browser)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

import xlate
from xlate.cli import main as cli_main
from xlate.errors import InputError
from xlate.report.render import to_json
from xlate.review import ReviewStore, fingerprint
from xlate.review.terms import Term, TermList

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SEED = ROOT / "seeds" / "sk-en_tasr_altered"
OTHER = ROOT / "seeds" / "de-en_dpa_altered"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


class Marks(HTMLParser):
    """Collects the bead table's rows and the <mark> elements in each side's column."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.marks: list[dict[str, str]] = []  # {side, finding, text}
        self._col = 0
        self._in_bead = False
        self._open: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr":
            self._in_bead = (a.get("class") or "").split()[:1] == ["bead"]
            self._col = 0
            if self._in_bead:
                self.rows.append(a.get("id") or "")
        elif tag == "td" and self._in_bead:
            self._col += 1
        elif tag == "mark" and self._in_bead:
            m = {"side": {2: "src", 3: "tgt"}.get(self._col, "?"), "finding": a.get("data-finding") or "",
                 "text": "", "class": a.get("class") or ""}
            self.marks.append(m)
            self._open.append(m)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for m in self._open:
            m["text"] += data


def parse(html: str) -> Marks:
    p = Marks()
    p.feed(html)
    return p


def table(at: AppTest) -> str:
    tables = [h.value for h in at.html if 'class="beads"' in h.value]
    assert len(tables) == 1, "expected exactly one bead table"
    return tables[0]


def pills(at: AppTest, label: str) -> Any:
    return next(p for p in at.pills if p.label == label)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def seed_report(d: Path) -> xlate.report.model.Report:
    meta = json.loads((d / "expected.json").read_text("utf-8"))
    return xlate.check((d / "source.txt").read_text("utf-8"), (d / "target.txt").read_text("utf-8"),
                       meta["src_lang"], meta["tgt_lang"])


def start(**state: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def assert_summary_matches(at: AppTest, report: xlate.report.model.Report) -> None:
    s = report.summary
    assert metrics(at) == {
        "Consistency score": f"{s['consistency_score']:.1f} / 100",
        "Findings": str(s["findings"]),
        "Mean alignment score": f"{s['alignment']['mean_score']:.2f}",
        "Low-confidence beads": f"{s['alignment']['low_confidence']} of {s['alignment']['beads']}",
    }


def assert_every_finding_marked_on_both_sides(html: str, report: xlate.report.model.Report,
                                              shown_from: str = "medium") -> None:
    """Every finding the severity filter shows (medium and high by default) is marked."""
    marks = parse(html).marks
    for f in (f for f in report.findings if f.severity >= shown_from):
        for side, span in (("src", f.src_span), ("tgt", f.tgt_span)):
            mine = [m for m in marks if m["finding"] == f.id and m["side"] == side]
            assert mine, f"{f.id} ({f.type}) has no <mark> on the {side} side"
            if span is not None:
                assert any(m["text"] == span.text for m in mine), (f.id, side, span.text, mine)


@pytest.fixture(scope="module")
def app_module() -> ModuleType:
    """app.py imported as a module (its page only runs under ``streamlit run``)."""
    if str(ROOT) not in sys.path:  # app.py imports viewer_review.py from beside it, as streamlit run does
        sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location("xlate_app", APP)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_default_page_shows_a_seed_report() -> None:
    at = start()
    report = seed_report(SEED)
    assert_summary_matches(at, report)
    # Low findings (under 70% measured precision) are behind the severity filter by default.
    shown = {m["finding"] for m in parse(table(at)).marks}
    assert shown == {f.id for f in report.findings if f.severity >= "medium"}
    pills(at, "Filter by severity").set_value(["low", "medium", "high"]).run()
    html = table(at)
    assert_every_finding_marked_on_both_sides(html, report, "low")
    marks = parse(html).marks
    assert {"61", "údajných"} <= {m["text"] for m in marks if m["side"] == "src"}
    assert "16" in {m["text"] for m in marks if m["side"] == "tgt"}
    assert len(parse(html).rows) == len(report.alignment)
    assert "no target sentence" in html  # the omitted sentence has an explicit empty cell
    assert [d.label for d in at.get("download_button")] == ["JSON", "HTML", "TSV"]
    assert not at.error


def test_choosing_another_sample_pair() -> None:
    at = start()
    at.selectbox(key="seed").select(OTHER.name).run()
    assert not at.exception and not at.error
    report = seed_report(OTHER)
    assert_summary_matches(at, report)
    assert_every_finding_marked_on_both_sides(table(at), report)
    assert any(h.value == "de → en" for h in at.subheader)


def test_pasting_two_texts() -> None:
    at = start(mode="Paste text")
    assert not at.html and at.info  # nothing to show until both texts are in
    source, target = (OTHER / "source.txt").read_text("utf-8"), (OTHER / "target.txt").read_text("utf-8")
    at.text_area(key="src_text").input(source)
    at.text_area(key="tgt_text").input(target)
    at.button(key="compare").click().run()
    assert not at.exception and not at.error
    report = xlate.check(source, target)  # auto-detected languages, as in the app
    assert_summary_matches(at, report)
    assert "language auto-detected for the source and target" in at.caption[0].value


def test_empty_paste_shows_an_error_not_a_traceback() -> None:
    at = start(mode="Paste text")
    at.text_area(key="tgt_text").input("Russia keeps in contact with Venezuela.")
    at.button(key="compare").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["the source text is empty"]
    assert not at.html


def test_undetectable_and_unknown_languages_show_errors() -> None:
    at = start(mode="Paste text")
    at.text_area(key="src_text").input("12 345 678")
    at.text_area(key="tgt_text").input("12 345 678")
    at.button(key="compare").click().run()
    assert not at.exception and "cannot detect the language" in at.error[0].value
    # A typed code the library does not know (the picker accepts new entries).
    at = start(src_lang="xx")
    assert not at.exception and "unknown language code 'xx'" in at.error[0].value


def test_upload_two_text_files() -> None:
    at = start(mode="Upload files")
    at.file_uploader(key="src_file").set_value(("source.txt", (SEED / "source.txt").read_bytes(), "text/plain"))
    at.file_uploader(key="tgt_file").set_value(("target.md", (SEED / "target.txt").read_bytes(), "text/markdown"))
    at.run()
    assert not at.exception and not at.error
    assert_summary_matches(at, seed_report(SEED))


def test_binary_upload_is_an_error_message() -> None:
    at = start(mode="Upload files")
    at.file_uploader(key="src_file").set_value(("photo.txt", PNG, "text/plain"))
    at.file_uploader(key="tgt_file").set_value(("target.txt", (SEED / "target.txt").read_bytes(), "text/plain"))
    at.run()
    assert not at.exception
    assert "photo.txt looks binary" in at.error[0].value


def test_read_upload_directly(app_module: ModuleType) -> None:
    assert app_module.read_upload("\ufeffDobrý deň.".encode(), "a.txt") == "Dobrý deň."
    assert app_module.read_upload(b"# Title\n\nText.", "story.MD") == "# Title\n\nText."
    for data, name, why in ((PNG, "x.txt", "binary"), (b"  \n", "x.txt", "empty"),
                            ("čaj".encode("cp1250"), "x.txt", "not UTF-8"), (b"Text.", "x.docx", "plain-text file")):
        with pytest.raises(InputError, match=why):
            app_module.read_upload(data, name)


def test_available_backends_lists_lexical(app_module: ModuleType) -> None:
    backends = app_module.available_backends()
    assert set(backends) == {"embedder", "translator"}
    assert backends["embedder"][0] == "lexical" and backends["translator"][0] == "none"  # no-model defaults


def test_run_check_translates_with_detected_languages(app_module: ModuleType) -> None:
    # The app hands the pipeline a Config; languages left to detection still get MT.
    source, target = (SEED / "source.txt").read_text("utf-8"), (SEED / "target.txt").read_text("utf-8")
    report = app_module.run_check(source, target, xlate.Config(translator="identity"))
    assert report.config["src_lang_detected"] and report.config["translator"] == "identity"
    assert len(report.translations["source"]) == len(report.source.sentences)
    assert report.config == xlate.check(source, target, translator="identity").config


def test_filters_change_what_is_rendered() -> None:
    at = start()
    report = seed_report(SEED)
    pills(at, "Filter by severity").set_value(["low", "medium", "high"]).run()
    all_ids = {m["finding"] for m in parse(table(at)).marks}
    assert all_ids == {f.id for f in report.findings}

    pills(at, "Filter by type").set_value(["number"]).run()
    assert {m["finding"] for m in parse(table(at)).marks} == {f.id for f in report.findings if f.type == "number"}

    pills(at, "Filter by type").set_value(sorted({f.type for f in report.findings})).run()
    pills(at, "Filter by severity").set_value(["high"]).run()
    assert {m["finding"] for m in parse(table(at)).marks} == {f.id for f in report.findings if f.severity == "high"}

    pills(at, "Filter by severity").set_value(["low", "medium", "high"]).run()
    at.toggle(key="only_findings").set_value(True).run()
    hit = [k for k, link in enumerate(report.alignment)
           if any(set(f.src) & set(link.src) or set(f.tgt) & set(link.tgt) for f in report.findings)]
    assert 0 < len(hit) < len(report.alignment)
    assert parse(table(at)).rows == [f"bead-{k}" for k in hit]
    assert any(f"{len(hit)} of {len(report.alignment)} beads shown" in c.value for c in at.caption)


def test_saved_report_is_viewed_without_recomputing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = seed_report(SEED)
    saved = tmp_path / "report.json"
    saved.write_text(to_json(report), encoding="utf-8")
    computed = start()
    expected_html, expected_metrics = table(computed), metrics(computed)

    def no_check(*args: object, **kwargs: object) -> None:
        raise AssertionError("xlate.check must not run for a saved report")

    monkeypatch.setattr(xlate, "check", no_check)
    st.cache_data.clear()
    at = start(mode="Open saved report")
    assert at.info and not at.html
    at.file_uploader(key="report_file").set_value((saved.name, saved.read_bytes(), "application/json")).run()
    assert not at.exception and not at.error
    assert metrics(at) == expected_metrics
    assert table(at) == expected_html


@pytest.mark.parametrize("content, message", [
    (b"{not json", "is not a JSON file"),
    (json.dumps({"schema": 3}).encode(), "has report schema 3; this xlate reads schema 1 and 2"),
    (json.dumps({"schema": 2, "findings": []}).encode(), "is not a valid xlate report"),
])
def test_bad_saved_report_is_an_error_message(content: bytes, message: str) -> None:
    at = start(mode="Open saved report")
    at.file_uploader(key="report_file").set_value(("old.json", content, "application/json")).run()
    assert not at.exception
    assert len(at.error) == 1 and message in at.error[0].value and "\n" not in at.error[0].value


def test_long_story_is_paged() -> None:
    source = "\n\n".join([(SEED / "source.txt").read_text("utf-8")] * 12)
    target = "\n\n".join([(SEED / "target.txt").read_text("utf-8")] * 12)
    at = start(mode="Paste text", src_text=source, tgt_text=target)
    assert not at.error
    shown = next(c.value for c in at.caption if "beads shown" in c.value)
    total = int(re.search(r"of (\d+) beads shown", shown).group(1))
    assert 100 < total <= 200 and "(page 1 of 2)" in shown
    assert parse(table(at)).rows == [f"bead-{k}" for k in range(100)]
    at.number_input(key="page_of_2").set_value(2).run()
    assert parse(table(at)).rows == [f"bead-{k}" for k in range(100, total)]


def test_machine_translation_glosses_toggle(tmp_path: Path) -> None:
    d = seed_report(SEED).to_dict()
    d["translations"] = {"source": [f"MT of source {s['id']}" for s in d["source"]["sentences"]],
                         "target": [f"MT of target {s['id']}" for s in d["target"]["sentences"]]}
    at = start(mode="Open saved report")
    at.file_uploader(key="report_file").set_value(("mt.json", json.dumps(d).encode(), "application/json")).run()
    assert not at.exception and not at.error
    assert "MT of source 6</div>" in table(at) and "MT of target 6</div>" in table(at)
    at.toggle(key="show_mt").set_value(False).run()
    assert "MT of source" not in table(at)


def test_auto_models_fall_back_with_a_visible_notice(tmp_path: Path, monkeypatch) -> None:
    """With no model on the machine, 'auto' still gives a report, and says what it fell back to."""
    pytest.importorskip("transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("XLATE_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    at = start()
    at.selectbox(key="embedder").set_value("auto").run()
    assert not at.exception and not at.error
    assert any("lexical" in i.value for i in at.info)


# The review loop: decisions on findings, kept in the store $XLATE_REVIEWS (a tmp file: tests/app/conftest.py).


def review_counts(at: AppTest) -> dict[str, int]:
    """The counts the review filter shows, e.g. {"open": 6, "confirmed": 0, "dismissed": 1}."""
    return {label.split()[0]: int(label.split()[1]) for label in pills(at, "Filter by review").options}


def listed(at: AppTest) -> list[str]:
    """Ids of the findings in the review list (each row has a Dismiss button)."""
    return [b.key.split("-")[1] for b in at.button if b.key and b.key.startswith("dismiss-")]


def marked(at: AppTest) -> set[str]:
    return {m["finding"] for m in parse(table(at)).marks}


def key_of(at: AppTest, widget: str, fid: str) -> str:
    keys = [w.key for w in (*at.button, *at.text_input) if w.key and w.key.startswith(f"{widget}-{fid}-")]
    assert len(keys) == 1, (widget, fid, keys)
    return keys[0]


def press(at: AppTest, action: str, fid: str) -> AppTest:
    at.button(key=key_of(at, action, fid)).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def finding(report: xlate.report.model.Report, fid: str) -> xlate.report.model.Finding:
    return next(f for f in report.findings if f.id == fid)


def stored(db: Path, fid: str) -> xlate.review.Decision | None:
    report = seed_report(SEED)
    fp = fingerprint(finding(report, fid), report)
    return ReviewStore(db, create=False).get([fp]).get(fp) if db.exists() else None


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The data each download button was last given, by label (JSON, HTML, TSV)."""
    got: dict[str, Any] = {}
    original = DeltaGenerator.download_button

    def record(self: DeltaGenerator, label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        got[label] = data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    return got


def test_dismissed_finding_leaves_the_default_view_and_survives_a_reload(reviews_db: Path) -> None:
    at = start()
    assert review_counts(at) == {"open": 7, "confirmed": 0, "dismissed": 0}
    assert "F005" in listed(at) and "F005" in marked(at)  # 61 → 16, high
    at.text_input(key="reviewer").input("ana")
    at.text_input(key=key_of(at, "note", "F005")).input("checked: the wire corrected it")
    press(at, "dismiss", "F005")
    assert not at.error
    assert review_counts(at) == {"open": 6, "confirmed": 0, "dismissed": 1}
    assert "F005" not in listed(at) and "F005" not in marked(at)
    assert {"F001", "F003", "F004", "F006"} <= set(listed(at)) & marked(at)  # the others stay
    d = stored(reviews_db, "F005")
    assert d and (d.status, d.by, d.note) == ("dismissed", "ana", "checked: the wire corrected it")

    at = start()  # a reload: a new session, nothing in session state
    assert review_counts(at) == {"open": 6, "confirmed": 0, "dismissed": 1}
    assert "F005" not in listed(at) and "F005" not in marked(at)
    assert at.text_input(key="reviewer").value == ""
    # One click shows it again, struck through rather than highlighted, with its stored note.
    pills(at, "Filter by review").set_value(["open", "confirmed", "dismissed"]).run()
    assert "F005" in listed(at) and "F005" in marked(at)
    html = table(at)
    assert '.xl mark[data-finding="F005"]' in html and "line-through" in html
    assert "[dismissed by ana: checked: the wire corrected it]" in html
    assert at.text_input(key=key_of(at, "note", "F005")).value == "checked: the wire corrected it"

    press(at, "clear", "F005")  # undo
    assert review_counts(at) == {"open": 7, "confirmed": 0, "dismissed": 0}
    assert stored(reviews_db, "F005") is None
    assert "line-through" not in table(at)
    assert review_counts(start()) == {"open": 7, "confirmed": 0, "dismissed": 0}


def test_decision_holds_when_the_same_text_is_checked_again() -> None:
    press(start(), "dismiss", "F004")
    source, target = (SEED / "source.txt").read_text("utf-8"), (SEED / "target.txt").read_text("utf-8")
    at = start(mode="Paste text", src_text=source, tgt_text=target, src_lang="sk", tgt_lang="en")
    assert not at.error
    assert review_counts(at) == {"open": 6, "confirmed": 0, "dismissed": 1}
    assert "F004" not in marked(at) and "F004" not in listed(at)


def test_confirmed_finding_is_in_the_downloads(reviews_db: Path, downloads: dict[str, Any]) -> None:
    at = start()
    at.text_input(key="reviewer").input("ana").run()
    assert "review" not in finding_json(downloads, "F001")
    press(at, "confirm", "F001")
    assert "F001" in listed(at) and "F001" in marked(at)  # confirmed findings stay in view
    review = finding_json(downloads, "F001")["review"]
    assert (review["status"], review["by"], review["note"]) == ("confirmed", "ana", "")
    reviews = json.loads(downloads["JSON"])["summary"]["reviews"]
    assert reviews == {"open": 6, "confirmed": 1, "dismissed": 0, "consistency_score": reviews["consistency_score"]}
    assert [f["id"] for f in json.loads(downloads["JSON"])["findings"] if "review" in f] == ["F001"]
    assert "[confirmed by ana]" in downloads["HTML"]
    assert "\tconfirmed\t\tana\t" in downloads["TSV"]

    press(at, "clear", "F001")
    assert "review" not in finding_json(downloads, "F001")
    assert review_counts(at)["confirmed"] == 0 and stored(reviews_db, "F001") is None


def finding_json(downloads: dict[str, Any], fid: str) -> dict[str, Any]:
    return next(f for f in json.loads(downloads["JSON"])["findings"] if f["id"] == fid)


def test_check_on_the_command_line_honours_viewer_dismissals(reviews_db: Path, terms_file: Path,
                                                             capsys: pytest.CaptureFixture) -> None:
    """Dismiss every high finding in the viewer: ``xlate check --fail-on high --reviews`` then passes."""
    assert not terms_file.exists()  # the desk's default list, not made yet: the CLI runs without one
    cmd = ["check", str(SEED / "source.txt"), str(SEED / "target.txt"), "--src-lang", "sk", "--tgt-lang", "en",
           "--reviews", str(reviews_db), "--fail-on", "high"]
    highs = [f.id for f in seed_report(SEED).findings if f.severity == "high"]
    assert len(highs) >= 2
    at = start()
    for fid in highs[:-1]:
        press(at, "dismiss", fid)
    assert cli_main(cmd) == 1  # one high finding is still open
    press(at, "dismiss", highs[-1])
    assert review_counts(at)["dismissed"] == len(highs)
    assert cli_main(cmd) == 0
    out = capsys.readouterr().out
    assert f"({len(highs)} finding(s) dismissed by reviewers not shown" in out


@pytest.mark.parametrize("content", [b"not a database\n" * 40, b"SQLite format 3\x00" + bytes(range(256)) * 8],
                         ids=["text", "damaged-sqlite"])
def test_corrupt_store_is_one_error_line_and_left_as_it_is(reviews_db: Path, content: bytes) -> None:
    reviews_db.write_bytes(content)
    at = start()
    assert len(at.error) == 1 and "\n" not in at.error[0].value
    assert at.error[0].value.startswith("Reviews are off: ") and str(reviews_db) in at.error[0].value
    assert reviews_db.read_bytes() == content
    assert "F005" in marked(at)  # the report still shows
    assert all(at.button(key=key_of(at, a, "F005")).disabled for a in ("confirm", "dismiss", "clear"))
    pills(at, "Filter by severity").set_value(["low"]).run()  # and a rerun neither crashes nor touches it
    assert len(at.error) == 1 and reviews_db.read_bytes() == content


def test_shared_desk_store_from_the_sidebar(tmp_path: Path, reviews_db: Path) -> None:
    missing = tmp_path / "no-such-folder" / "desk.sqlite"
    at = start(review_store=str(missing))
    assert len(at.error) == 1 and "does not exist" in at.error[0].value and not missing.parent.exists()

    desk = tmp_path / "desk.sqlite"
    at.text_input(key="review_store").input(str(desk)).run()
    assert not at.error
    press(at, "dismiss", "F006")
    assert stored(desk, "F006").status == "dismissed" and stored(reviews_db, "F006") is None
    other = start(review_store=str(desk))  # a colleague's session on the same desk file
    assert review_counts(other)["dismissed"] == 1 and "F006" not in listed(other)
    assert review_counts(start())["dismissed"] == 0  # their own default store knows nothing of it


def test_saved_report_decisions_missing_from_the_store_are_shown_as_open(tmp_path: Path) -> None:
    d = seed_report(SEED).to_dict()
    f5 = next(f for f in d["findings"] if f["id"] == "F005")
    f5["review"] = {"status": "dismissed", "note": "", "by": "bo", "at": "2025-01-31T09:30:00.000+00:00"}
    at = start(mode="Open saved report")
    at.file_uploader(key="report_file").set_value(("r.json", json.dumps(d).encode(), "application/json")).run()
    assert not at.exception and not at.error
    assert any("1 decision(s) saved in this report are not in the review store" in i.value for i in at.info)
    assert review_counts(at) == {"open": 7, "confirmed": 0, "dismissed": 0} and "F005" in listed(at)
    press(at, "dismiss", "F005")  # a decision on a saved report goes to the store like any other
    assert review_counts(at)["dismissed"] == 1 and not at.info


def test_dismissed_css_escapes_ids_and_follows_live_findings(app_module: ModuleType) -> None:
    review = app_module.review
    report = seed_report(SEED)
    f5 = finding(report, "F005")
    f5.id, f5.review = 'F"5</style>', {"status": "dismissed", "note": "", "by": "", "at": ""}
    rows = app_module.html.bead_rows(report)
    css = review.dismissed_css(rows)
    assert "</style>" not in css[:-len("</style>")] and '"]' in css and 'F"5' not in css
    row = next(r for r in rows if f5 in r.findings)
    assert f"tr#bead-{row.index} td.meta{{border-left-color:" in css
    f5.review = None
    assert review.dismissed_css(rows) == ""


# The desk's term list ($XLATE_TERMS, a tmp file: tests/app/conftest.py), grown one click at a time.


def term_buttons(at: AppTest) -> dict[str, Any]:
    """The review list's term buttons by key (``accept-F001-…``, ``never_src-F002-…``)."""
    return {b.key: b for b in at.button if b.key and b.key.split("-")[0] in ("accept", "never_src", "never_tgt")}


def spans_offered(at: AppTest) -> set[str]:
    """Every span a Never flag button names: the spans of the findings in the review list."""
    return {b.label.removeprefix("Never flag “").removesuffix("”") for b in term_buttons(at).values()
            if b.label.startswith("Never flag")}


def settled_report(d: Path, terms_file: Path) -> xlate.report.model.Report:
    meta = json.loads((d / "expected.json").read_text("utf-8"))
    config = xlate.Config(src_lang=meta["src_lang"], tgt_lang=meta["tgt_lang"], terms=TermList.load(terms_file))
    return xlate.check((d / "source.txt").read_text("utf-8"), (d / "target.txt").read_text("utf-8"), config=config)


def other_pair() -> AppTest:
    at = start()
    at.selectbox(key="seed").select(OTHER.name).run()
    assert not at.exception and not at.error
    return at


def test_accepting_a_rendering_settles_the_finding_for_good(terms_file: Path) -> None:
    at = other_pair()
    assert "Caracas" in spans_offered(at) and "Bogotá" in spans_offered(at)
    assert at.button(key=key_of(at, "accept", "F001")).label == "Accept “Caracas” = “Bogotá”"
    findings = int(metrics(at)["Findings"])
    press(at, "accept", "F001")
    assert not at.error
    assert TermList.load(terms_file).terms == (Term("accept", "de", "en", "Caracas", "Bogotá"),)
    assert "accept\tde\ten\tCaracas\tBogotá" in terms_file.read_text("utf-8").splitlines()
    assert [t.value for t in at.toast] == [f"Added accepted “Caracas” = “Bogotá” (de → en) to {terms_file}"]
    expected = settled_report(OTHER, terms_file)
    assert len(expected.findings) == findings - 1
    assert_summary_matches(at, expected)  # the rerun checked the texts with the grown list
    assert not {"Caracas", "Bogotá"} & spans_offered(at)
    assert any(f"|terms:{TermList.load(terms_file).sha}|" in c.value for c in at.caption)

    again = start(seed=OTHER.name)  # a reload: the list on disk applies by itself
    assert_summary_matches(again, expected)
    assert not {"Caracas", "Bogotá"} & spans_offered(again) and not again.toast


def test_never_flag_settles_a_one_sided_finding(terms_file: Path) -> None:
    at = other_pair()
    keys = [k for k in term_buttons(at) if "-F002-" in k]  # hedge dropped: “mutmaßliche”, nothing in the target
    assert [k.split("-")[0] for k in keys] == ["never_src"]
    assert at.button(key=keys[0]).label == "Never flag “mutmaßliche”"
    press(at, "never_src", "F002")
    assert TermList.load(terms_file).terms == (Term("ignore", "de", "en", "mutmaßliche", None),)
    assert "mutmaßliche" in at.toast[0].value and "in the source" in at.toast[0].value
    assert "mutmaßliche" not in spans_offered(at) and "Caracas" in spans_offered(at)  # only that one went
    assert_summary_matches(at, settled_report(OTHER, terms_file))
    assert "mutmaßliche" not in spans_offered(start(seed=OTHER.name))


def test_one_sided_name_is_accepted_with_the_typed_term(terms_file: Path) -> None:
    at = start()
    pills(at, "Filter by severity").set_value(["low", "medium", "high"]).run()
    accept = at.button(key=key_of(at, "accept", "F002"))  # entity added: “Russia”, low
    assert accept.disabled and accept.label == "Accept … = “Russia”"
    at.text_input(key=key_of(at, "rendering", "F002")).input("  Moskva ").run()
    accept = at.button(key=key_of(at, "accept", "F002"))
    assert not accept.disabled and accept.label == "Accept “Moskva” = “Russia”"
    assert not terms_file.exists()  # typing alone adds nothing
    accept.click().run()
    assert not at.exception and not at.error
    assert TermList.load(terms_file).terms == (Term("accept", "sk", "en", "Moskva", "Russia"),)
    assert "Russia" not in spans_offered(at) and "61" in spans_offered(at)
    assert_summary_matches(at, settled_report(SEED, terms_file))


def test_corrupt_term_list_is_one_error_line_and_findings_still_show(terms_file: Path) -> None:
    content = "accept\tde\tCaracas\n"  # three columns, not five
    terms_file.write_text(content, encoding="utf-8")
    at = start(seed=OTHER.name)
    assert [e.value.startswith("Term list is off: ") for e in at.error] == [True]
    assert "line 1: 3 columns" in at.error[0].value and "\n" not in at.error[0].value
    assert_summary_matches(at, seed_report(OTHER))  # checked without terms
    assert "F001" in listed(at) and "F001" in marked(at)
    assert term_buttons(at) and all(b.disabled for b in term_buttons(at).values())
    pills(at, "Filter by severity").set_value(["low"]).run()
    assert len(at.error) == 1 and terms_file.read_text("utf-8") == content


def test_term_list_follows_the_desk_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reviews_db: Path,
                                          app_module: ModuleType) -> None:
    review = app_module.review
    monkeypatch.delenv("XLATE_TERMS")
    desk = tmp_path / "desk" / "reviews.sqlite"
    desk.parent.mkdir()
    assert review.implied_terms_path(str(desk)) == desk.parent / "terms.tsv"
    assert review.implied_terms_path("") == reviews_db.parent / "terms.tsv"  # beside the store in use
    at = start(seed=OTHER.name, review_store=str(desk))
    assert at.text_input(key="terms_file").placeholder == str(desk.parent / "terms.tsv")
    press(at, "accept", "F001")
    assert TermList.load(desk.parent / "terms.tsv").terms == (Term("accept", "de", "en", "Caracas", "Bogotá"),)
    assert not (reviews_db.parent / "terms.tsv").exists()
    assert "Caracas" in spans_offered(start(seed=OTHER.name))  # one's own list knows nothing of the desk's
