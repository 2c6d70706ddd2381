"""``xlate score reviewed``: precision per finding type as the desk judged it."""

from __future__ import annotations

import json
from pathlib import Path

from xlate.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_desk_precision_from_a_batch_and_a_store(tmp_path, capsys):
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text("id\tsource\ttarget\tsrc_lang\ttgt_lang\n" + "".join(
        f"{name}\t{SEEDS / name / 'source.txt'}\t{SEEDS / name / 'target.txt'}\t{name[:2]}\ten\n"
        for name in ("sk-en_tasr_altered", "de-en_dpa_altered")))
    assert main(["batch", str(manifest), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    reports = tmp_path / "out" / "reports"
    findings = {p.stem: json.loads(p.read_text())["findings"] for p in reports.glob("*.json")}
    db = str(tmp_path / "desk.sqlite")
    decided = {"confirmed": 0, "dismissed": 0}
    for name, fs in findings.items():
        for k, f in enumerate(fs[:4]):
            status = "dismissed" if k % 2 else "confirmed"
            decided[status] += 1
            assert main(["review", "set", str(reports / f"{name}.json"), f["id"], "--status", status,
                         "--reviews", db]) == 0
    capsys.readouterr()
    assert main(["score", "reviewed", "--reports", str(reports), "--reviews", db, "--format", "json"]) == 0
    score = json.loads(capsys.readouterr().out)
    pooled = score["pooled"]
    total = sum(len(fs) for fs in findings.values())
    assert (pooled["confirmed"], pooled["dismissed"]) == (decided["confirmed"], decided["dismissed"])
    assert pooled["open"] == total - sum(decided.values())
    assert pooled["precision"] == round(decided["confirmed"] / sum(decided.values()), 4)
    assert sum(v["confirmed"] + v["dismissed"] + v["open"] for v in score["by_type"].values()) == total
    assert score["signature"].startswith("xlate-score-reviewed|labels:store|")
    # Without the store the reports carry no decisions: everything is open.
    assert main(["score", "reviewed", "--reports", str(reports), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["pooled"]["precision"] is None
    assert main(["score", "reviewed", "--reports", str(reports), "--reviews", db]) == 0
    assert "| desk precision |" in capsys.readouterr().out
    assert main(["score", "reviewed", "--reports", str(tmp_path / "none")]) == 2
