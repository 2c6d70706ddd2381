"""``xlate check --reviews DB``: dismissed findings stay in the JSON, marked, and leave the text
report and ``--fail-on``; confirmed ones are marked everywhere; exports carry the state."""

from __future__ import annotations

import json
from pathlib import Path

from xlate.cli import main

SEED = Path(__file__).resolve().parents[2] / "seeds" / "sk-en_tasr_altered"
ARGS = [str(SEED / "source.txt"), str(SEED / "target.txt"), "--src-lang", "sk", "--tgt-lang", "en"]


def _report(tmp_path: Path, capsys, *extra: str) -> dict:
    out = tmp_path / "r.json"
    assert main(["check", *ARGS, "--format", "json", "-o", str(out), *extra]) == 0
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))


def test_dismissed_high_findings_leave_fail_on_and_the_text_report(tmp_path, capsys):
    db = tmp_path / "desk.sqlite"
    report = _report(tmp_path, capsys)
    highs = [f for f in report["findings"] if f["severity"] == "high"]
    assert highs and main(["check", *ARGS, "--fail-on", "high"]) == 1
    capsys.readouterr()
    for f in highs:
        assert main(["review", "set", str(tmp_path / "r.json"), f["id"], "--status", "dismissed",
                     "--note", "desk: fine", "--by", "ana", "--reviews", str(db)]) == 0
    medium = next(f for f in report["findings"] if f["severity"] == "medium")
    assert main(["review", "set", str(tmp_path / "r.json"), medium["id"], "--status", "confirmed",
                 "--by", "ben", "--reviews", str(db)]) == 0
    capsys.readouterr()

    assert main(["check", *ARGS, "--fail-on", "high", "--reviews", str(db)]) == 0
    text = capsys.readouterr().out
    assert all(f"{f['id']} [HIGH]" not in text for f in highs)
    assert f"{len(highs)} finding(s) dismissed by reviewers not shown" in text
    assert f"{medium['id']} [MEDIUM] [confirmed by ben]" in text

    reviewed = _report(tmp_path, capsys, "--reviews", str(db))
    by_id = {f["id"]: f for f in reviewed["findings"]}
    assert all(by_id[f["id"]]["review"]["status"] == "dismissed" for f in highs)
    assert by_id[medium["id"]]["review"]["by"] == "ben"
    reviews = reviewed["summary"]["reviews"]
    assert reviews.pop("consistency_score") > reviewed["summary"]["consistency_score"]
    assert reviews == {"open": len(by_id) - len(highs) - 1, "confirmed": 1, "dismissed": len(highs)}
    assert f"without the {len(highs)} dismissed" in text
    assert main(["check", *ARGS, "--reviews", str(db), "--format", "tsv"]) == 0
    rows = [r.split("\t") for r in capsys.readouterr().out.splitlines()]
    col = rows[0].index("review")
    assert sorted(r[col] for r in rows[1:] if r[col]) == ["confirmed"] + ["dismissed"] * len(highs)


def test_a_missing_review_store_is_one_line(tmp_path, capsys):
    assert main(["check", *ARGS, "--reviews", str(tmp_path / "nope.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("xlate: error:") and len(err.strip().splitlines()) == 1


def test_html_and_markdown_exports_carry_the_decision(tmp_path, capsys):
    db = tmp_path / "desk.sqlite"
    report = _report(tmp_path, capsys)
    first = report["findings"][0]
    assert main(["review", "set", str(tmp_path / "r.json"), first["id"], "--status", "dismissed",
                 "--note", "a <rounded> figure", "--by", "ana", "--reviews", str(db)]) == 0
    capsys.readouterr()
    assert main(["check", *ARGS, "--reviews", str(db), "--format", "html"]) == 0
    assert "[dismissed by ana: a &lt;rounded&gt; figure]" in capsys.readouterr().out
    assert main(["check", *ARGS, "--reviews", str(db), "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "| review |" in md and "dismissed by ana: a <rounded> figure |" in md
