"""``xlate review``: a desk dismisses from the shell, and the decision holds on a rerun of edited text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from xlate.cli import main
from xlate.pipeline import check
from xlate.report.load import load_report
from xlate.review import apply_reviews, decide_finding, fingerprint, is_dismissed
from xlate.review.store import ReviewStore

TOP_SRC = "Správu zverejnili v utorok ráno na webovej stránke agentúry.\n\n"
TOP_TGT = "The report was published on Tuesday morning on the agency's website.\n\n"


@pytest.fixture
def saved(tmp_path, seed_pair) -> tuple[Path, str]:
    """A JSON report of the seed pair, and the id of its altered-number finding (61 -> 16)."""
    source, target, sl, tl = seed_pair
    (tmp_path / "s.txt").write_text(source, encoding="utf-8")
    (tmp_path / "t.txt").write_text(target, encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["check", str(tmp_path / "s.txt"), str(tmp_path / "t.txt"), "--src-lang", sl, "--tgt-lang", tl,
                 "--format", "json", "-o", str(out)]) == 0
    (fid,) = [f["id"] for f in json.loads(out.read_text("utf-8"))["findings"] if f["type"] == "number"]
    return out, fid


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("xlate: error: ") and err.count("\n") == 1 and "Traceback" not in err
    return err


def test_set_then_a_rerun_of_shifted_text_finds_the_decision(saved, seed_pair, capsys):
    report, fid = saved
    assert main(["review", "set", str(report), fid, "--status", "dismissed", "--note", "rounded", "--by", "ana"]) == 0
    assert "dismissed" in capsys.readouterr().out
    source, target, sl, tl = seed_pair
    rerun = check(TOP_SRC + source, TOP_TGT + target, src_lang=sl, tgt_lang=tl)  # every id and offset moves
    apply_reviews(rerun, ReviewStore())
    reviewed = [f for f in rerun.findings if f.review]
    assert [(f.type, f.src_span.text, f.tgt_span.text) for f in reviewed] == [("number", "61", "16")]
    assert reviewed[0].review["by"] == "ana" and reviewed[0].review["note"] == "rounded"
    assert is_dismissed(reviewed[0]) and not any(is_dismissed(f) for f in rerun.findings if not f.review)
    assert reviewed[0].to_dict()["review"]["status"] == "dismissed"
    assert all("review" not in f.to_dict() for f in rerun.findings if not f.review)


def test_list_and_filter(saved, capsys):
    report, fid = saved
    assert main(["review", "set", str(report), fid, "--status", "dismissed", "--by", "ana"]) == 0
    assert main(["review", "set", str(report), "F001", "--status", "confirmed", "--by", "ben"]) == 0
    capsys.readouterr()
    assert main(["review", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and any("dismissed" in x and "'61' -> '16'" in x and "ana" in x for x in lines)
    assert main(["review", "list", "--status", "confirmed"]) == 0
    out = capsys.readouterr().out
    assert "ben" in out and "ana" not in out


def test_export_and_import_into_another_store(saved, tmp_path, capsys):
    report, fid = saved
    assert main(["review", "set", str(report), fid, "--status", "dismissed", "--by", "ana"]) == 0
    capsys.readouterr()
    assert main(["review", "export"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["src_text"] == "61" and json.loads(line)["by"] == "ana"
    dump = tmp_path / "desk.jsonl"
    assert main(["review", "export", "-o", str(dump)]) == 0
    assert dump.read_text("utf-8").strip() == line
    other = tmp_path / "other.sqlite"
    capsys.readouterr()
    assert main(["review", "import", str(dump), "--reviews", str(other)]) == 0
    assert "1 added, 0 updated, 0 kept" in capsys.readouterr().out
    assert main(["review", "import", str(dump), "--reviews", str(other)]) == 0
    assert "0 added, 0 updated, 1 kept" in capsys.readouterr().out


def test_clear_forgets_the_decision(saved, capsys):
    report, fid = saved
    assert main(["review", "set", str(report), fid, "--status", "dismissed"]) == 0
    assert main(["review", "clear", str(report), fid]) == 0
    assert ReviewStore().all() == []
    capsys.readouterr()
    assert main(["review", "clear", str(report), fid]) == 2
    assert "holds no decision" in _one_error_line(capsys)


def test_an_unknown_finding_id_lists_the_ids(saved, capsys):
    report, _ = saved
    assert main(["review", "set", str(report), "F999", "--status", "dismissed"]) == 2
    assert "no finding 'F999' (it has F001" in _one_error_line(capsys)
    assert not Path(os.environ["XLATE_REVIEWS"]).exists()  # nothing stored, no store made


@pytest.mark.parametrize("content,needle", [(b"not json", "not a JSON file"), (b'{"schema": 9}', "report schema 9")])
def test_a_bad_report_is_one_line(tmp_path, capsys, content, needle):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert main(["review", "set", str(bad), "F001", "--status", "dismissed"]) == 2
    assert needle in _one_error_line(capsys)


def test_a_corrupt_store_is_one_line_and_left_alone(saved, tmp_path, capsys):
    report, fid = saved
    db = tmp_path / "desk.sqlite"
    db.write_bytes(b"this is a note, not a database\n")
    dump = tmp_path / "good.jsonl"
    dump.write_text(json.dumps({"fingerprint": "f" * 32, "status": "dismissed", "at": "2025-01-01T00:00:00Z"}) + "\n",
                    encoding="utf-8")
    for argv in (["review", "set", str(report), fid, "--status", "dismissed"], ["review", "list"],
                 ["review", "export"], ["review", "import", str(dump)]):
        assert main([*argv, "--reviews", str(db)]) == 2
        assert "not a SQLite database" in _one_error_line(capsys)
    assert db.read_bytes() == b"this is a note, not a database\n"


def test_reading_a_missing_store_creates_nothing(tmp_path, capsys):
    for argv in (["review", "list"], ["review", "export"]):
        assert main(argv) == 2
        assert "no review store there yet" in _one_error_line(capsys)
    assert not Path(os.environ["XLATE_REVIEWS"]).exists()


def test_a_bad_import_file_creates_no_store(tmp_path, capsys):
    bad = tmp_path / "in.jsonl"
    bad.write_text('{"fingerprint": "x", "status": "maybe", "at": "2025-01-01"}\n', encoding="utf-8")
    assert main(["review", "import", str(bad)]) == 2
    assert "in.jsonl line 1: 'status' is 'maybe'" in _one_error_line(capsys)
    assert not Path(os.environ["XLATE_REVIEWS"]).exists()


def test_apply_reviews_forgets_a_cleared_decision(seed_pair):
    source, target, sl, tl = seed_pair
    report = check(source, target, src_lang=sl, tgt_lang=tl)
    store = ReviewStore()
    finding = report.findings[0]
    decide_finding(store, report, finding, "confirmed", by="ana")
    assert finding.review["status"] == "confirmed"
    store.clear(fingerprint(finding, report))
    apply_reviews(report, store)
    assert all(f.review is None for f in report.findings)


def test_a_saved_report_keeps_its_reviews(seed_pair):
    source, target, sl, tl = seed_pair
    report = check(source, target, src_lang=sl, tgt_lang=tl)
    decide_finding(ReviewStore(), report, report.findings[0], "dismissed", note="n", by="b")
    loaded = load_report(json.dumps(report.to_dict()))
    assert loaded.findings[0].review == report.findings[0].review
    assert loaded.to_dict() == report.to_dict()
