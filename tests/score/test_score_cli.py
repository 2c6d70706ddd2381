"""``xlate score``: exit codes, one-line errors, no half-written output, JSON and Markdown."""

from __future__ import annotations

import json

import pytest

from xlate.cli import main

GOLD = "[0]:[0]\n[1]:[1, 2]\n[2]:[]\n[3]:[3]\n[]:[4]\n"
PRED = "[0]:[0]:0.91\n[1]:[1]:0.5\n[]:[2]:0\n[2, 3]:[3]:0.4\n[]:[4]:0\n"


@pytest.fixture
def dirs(tmp_path):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    for name in ("a.align", "b.align"):
        (gold / name).write_text(GOLD, encoding="utf-8")
        (pred / name).write_text(PRED if name == "a.align" else GOLD, encoding="utf-8")
    return gold, pred


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_align_json_to_stdout(dirs, capsys):
    gold, pred = dirs
    rc, out, err = _run(capsys, "score", "align", "--gold", str(gold), "--pred", str(pred), "--format", "json")
    assert rc == 0 and err == ""
    d = json.loads(out)
    assert d["signature"].startswith("xlate-score-align|scoring:vecalign|") and "|docs:2|" in d["signature"]
    assert d["precision_strict"] == pytest.approx(7 / 10)  # 2 of 5 in a, 5 of 5 in b
    assert set(d["docs"]) == {"a.align", "b.align"} and d["docs"]["b.align"]["f1_strict"] == 1.0
    assert d["by_type"]["1-2"] == {"gold": 2, "found": 1, "pred": 1, "correct": 1, "precision": 1.0,
                                   "recall": 0.5, "f1": pytest.approx(2 / 3)}


def test_align_markdown_to_a_file(dirs, tmp_path, capsys):
    gold, pred = dirs
    out_file = tmp_path / "scores.md"
    rc, out, _ = _run(capsys, "score", "align", "--gold", str(gold), "--pred", str(pred), "-o", str(out_file))
    assert rc == 0 and out == ""
    md = out_file.read_text(encoding="utf-8")
    assert md.startswith("# Sentence alignment scores") and "| a.align | 5 | 5 |" in md
    assert "Signature: `xlate-score-align|" in md


def _assert_one_line_error(rc: int, out: str, err: str, *needles: str) -> None:
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("xlate: error: ") and "Traceback" not in err
    for n in needles:
        assert n in err


def test_a_missing_prediction_names_the_file(dirs, capsys):
    gold, pred = dirs
    (pred / "b.align").unlink()
    _assert_one_line_error(*_run(capsys, "score", "align", "--gold", str(gold), "--pred", str(pred)),
                           str(pred / "b.align"), "no such file")


def test_a_prediction_without_gold_names_the_file(dirs, capsys):
    gold, pred = dirs
    (pred / "c.align").write_text(GOLD, encoding="utf-8")
    _assert_one_line_error(*_run(capsys, "score", "align", "--gold", str(gold), "--pred", str(pred)),
                           str(gold / "c.align"))


def test_an_unparsable_line_names_file_and_line_and_writes_nothing(dirs, tmp_path, capsys):
    gold, pred = dirs
    (pred / "a.align").write_text("[0]:[0]\n[1]:[1]\n[2] [2]\n", encoding="utf-8")
    out_file = tmp_path / "scores.json"
    _assert_one_line_error(*_run(capsys, "score", "align", "--gold", str(gold), "--pred", str(pred),
                                 "--format", "json", "-o", str(out_file)), f"{pred / 'a.align'}:3:")
    assert not out_file.exists()


@pytest.mark.parametrize("argv, needle", [
    (["--gold", "{tmp}/nowhere", "--pred", "{pred}"], "no such directory"),
    (["--gold", "{empty}", "--pred", "{pred}"], "no bead files"),
    (["--gold", "{gold}", "--pred", "{pred}", "--types", "1-1,x"], "bead types look like"),
])
def test_bad_arguments_exit_2(dirs, tmp_path, capsys, argv, needle):
    gold, pred = dirs
    (tmp_path / "empty").mkdir()
    argv = [a.format(tmp=tmp_path, gold=gold, pred=pred, empty=tmp_path / "empty") for a in argv]
    _assert_one_line_error(*_run(capsys, "score", "align", *argv), needle)


def test_score_needs_a_kind(capsys):
    with pytest.raises(SystemExit) as e:
        main(["score"])
    assert e.value.code == 2


# --- findings ------------------------------------------------------------------------------------


@pytest.fixture
def seed_dirs(tmp_path):
    """One seed pair's expectations and its JSON report, in the layout the command reads."""
    from tests.conftest import SEEDS

    pair = SEEDS / "sk-en_tasr_altered"
    exp_dir, rep_dir = tmp_path / "expected", tmp_path / "reports"
    (exp_dir / pair.name).mkdir(parents=True)
    rep_dir.mkdir()
    (exp_dir / pair.name / "expected.json").write_text((pair / "expected.json").read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    assert main(["check", str(pair / "source.txt"), str(pair / "target.txt"), "--src-lang", "sk",
                 "--tgt-lang", "en", "--format", "json", "-o", str(rep_dir / f"{pair.name}.json")]) == 0
    return exp_dir, rep_dir, pair.name


def test_findings_markdown_and_json(seed_dirs, capsys):
    exp_dir, rep_dir, name = seed_dirs
    capsys.readouterr()
    rc, out, _ = _run(capsys, "score", "findings", "--expected", str(exp_dir), "--reports", str(rep_dir))
    assert rc == 0 and out.startswith("# Finding scores") and f"| {name} | 5 |" in out
    assert "Signature: `xlate-score-findings|match:type+change+overlap|" in out
    rc, out, _ = _run(capsys, "score", "findings", "--expected", str(exp_dir), "--reports", str(rep_dir),
                      "--format", "json")
    d = json.loads(out)
    assert rc == 0 and d["tp"] == 5 and d["fn"] == 0 and d["docs"][name]["recall"] == 1.0


def test_findings_a_missing_report_names_it(seed_dirs, capsys):
    exp_dir, rep_dir, name = seed_dirs
    (rep_dir / f"{name}.json").unlink()
    capsys.readouterr()
    _assert_one_line_error(*_run(capsys, "score", "findings", "--expected", str(exp_dir), "--reports",
                                 str(rep_dir)), f"{rep_dir / name}.json: no such file")


def test_findings_a_broken_report_or_expectation_is_one_line(seed_dirs, tmp_path, capsys):
    exp_dir, rep_dir, name = seed_dirs
    report = rep_dir / f"{name}.json"
    report.write_text('{"schema": 2, "findings": [', encoding="utf-8")
    capsys.readouterr()
    _assert_one_line_error(*_run(capsys, "score", "findings", "--expected", str(exp_dir), "--reports",
                                 str(rep_dir)), str(report), "not a JSON file")
    exp = exp_dir / name / "expected.json"
    exp.write_text('{"findings": [{"type": "number", "change": "swapped"}]}', encoding="utf-8")
    _assert_one_line_error(*_run(capsys, "score", "findings", "--expected", str(exp_dir), "--reports",
                                 str(rep_dir)), str(exp), "finding 0: type must be one of")


def test_findings_a_report_of_another_pair_is_caught(seed_dirs, tmp_path, capsys):
    exp_dir, rep_dir, name = seed_dirs
    other = exp_dir / name / "expected.json"
    data = json.loads(other.read_text(encoding="utf-8"))
    data["findings"][0]["src_contains"] = "this text is in no report"
    other.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    _assert_one_line_error(*_run(capsys, "score", "findings", "--expected", str(exp_dir), "--reports",
                                 str(rep_dir)), "is not in the report's source text")


def test_findings_a_report_without_expectations_is_an_error(seed_dirs, capsys):
    exp_dir, rep_dir, name = seed_dirs
    (rep_dir / "stray.json").write_text((rep_dir / f"{name}.json").read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    _assert_one_line_error(*_run(capsys, "score", "findings", "--expected", str(exp_dir), "--reports",
                                 str(rep_dir)), "stray.json: no expected findings named stray")
