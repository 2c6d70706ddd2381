"""``xlate batch``: manifests, outputs, resuming, parallel workers, and the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.batch.conftest import folder_state
from xlate.batch import pairs_from_dirs, read_manifest, run_batch
from xlate.cli import main
from xlate.config import Config
from xlate.errors import InputError


def test_manifest_formats_agree(tmp_path: Path, corpus: Path) -> None:
    tsv = read_manifest(corpus)
    rows = [dict(zip(corpus.read_text().splitlines()[0].split("\t"), line.split("\t")))
            for line in corpus.read_text().splitlines()[1:]]
    (tmp_path / "pairs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "pairs.csv").write_text("\n".join(",".join(r.values()) for r in [dict(zip(rows[0], rows[0]))]
                                                  + rows) + "\n")
    assert read_manifest(tmp_path / "pairs.jsonl") == tsv == read_manifest(tmp_path / "pairs.csv")
    assert all(Path(p.source).is_absolute() or Path(p.source).exists() for p in tsv)
    assert tsv[0].source == str(corpus.parent / "files" / f"{tsv[0].id}.source.txt")


@pytest.mark.parametrize("text, message", [
    ("source\ttarget\na\tb\n", "header needs id, source, target"),
    ("id\tsource\ttarget\nx\ta\tb\nx\tc\td\n", "line 3: id 'x' appears twice"),
    ("id\tsource\ttarget\n../up\ta\tb\n", "not a safe file name"),
    ("id\tsource\ttarget\tcolour\nx\ta\tb\tred\n", "unknown field(s) colour"),
    ("id\tsource\ttarget\nx\t\tb\n", "'source' is empty"),
    ("id\tsource\ttarget\n", "no pairs listed"),
])
def test_bad_manifest_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "m.tsv").write_text(text)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_manifest(tmp_path / "m.tsv")


def test_bad_jsonl_row_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_text('{"id": "a", "source": "s", "target": "t"}\n{oops\n')
    with pytest.raises(InputError, match="line 2: not JSON"):
        read_manifest(tmp_path / "m.jsonl")


def test_pairs_from_two_folders(tmp_path: Path) -> None:
    for d, names in (("de", ["a.txt", "b.txt", "only-de.txt"]), ("en", ["a.txt", "b.txt", "only-en.txt"])):
        (tmp_path / d).mkdir()
        for n in names:
            (tmp_path / d / n).write_text("x")
    pairs = pairs_from_dirs(tmp_path / "de", tmp_path / "en", src_lang="de", tgt_lang="en")
    assert [(p.id, Path(p.source).parent.name, Path(p.target).parent.name, p.src_lang) for p in pairs] == [
        ("a", "de", "en", "de"), ("b", "de", "en", "de")]
    with pytest.raises(InputError, match="no file name in common"):
        pairs_from_dirs(tmp_path / "de", tmp_path / "de" / "..", src_lang="de")  # parent has only folders


def test_outputs_errors_and_worst_first(tmp_path: Path, corpus: Path) -> None:
    pairs = read_manifest(corpus)
    out = tmp_path / "out"
    result = run_batch(pairs, out, html=True)
    s = result.summary
    assert (s["pairs"], s["ok"], s["failed"], s["pending"]) == (len(pairs), len(pairs) - 1, 1, 0)
    assert [r["id"] for r in s["failures"]] == ["broken"] and "binary" in s["failures"][0]["error"]
    assert [json.loads(x)["id"] for x in (out / "errors.jsonl").read_text().splitlines()] == ["broken"]
    scores = [r["consistency_score"] for r in s["rows"]]
    assert scores == sorted(scores) and len(set(scores)) > 1
    for row in s["rows"]:
        report = json.loads((out / row["report"]).read_text())
        assert report["batch"]["id"] == row["id"] and report["summary"]["consistency_score"] == row["consistency_score"]
        assert (out / row["html"]).read_text().startswith("<!doctype html>")
    index = (out / "index.html").read_text()
    positions = [index.index(f'href="reports/{r["id"]}.html"') for r in s["rows"]]
    assert positions == sorted(positions)  # listed worst first, each linked
    assert "broken" in (out / "summary.md").read_text()
    assert not list(out.rglob(".*.tmp"))


def test_rerun_skips_what_is_up_to_date_and_redoes_what_changed(tmp_path: Path, corpus: Path) -> None:
    pairs = read_manifest(corpus)
    out = tmp_path / "out"
    run_batch(pairs, out)
    before = folder_state(out)
    again = run_batch(pairs, out)
    assert (again.skipped, again.checked, again.failed) == (len(pairs) - 1, 0, 1)  # a failed pair is retried
    assert folder_state(out) == before
    changed = pairs[0]
    Path(changed.target).write_text(Path(changed.target).read_text() + "\nOne more sentence at the end.\n")
    third = run_batch(pairs, out)
    assert (third.checked, third.skipped) == (1, len(pairs) - 2)
    assert json.loads((out / "reports" / f"{changed.id}.json").read_text())["batch"]["input_sha256"] \
        != before[f"reports/{changed.id}.json"]["batch"]["input_sha256"]
    assert run_batch(pairs, out, force=True).checked == len(pairs) - 1
    other = run_batch(pairs, out, Config(calibration="off"))  # other settings: every pair again
    assert other.checked == len(pairs) - 1 and other.summary["settings"] != third.summary["settings"]


def test_worker_processes_give_the_same_folder(tmp_path: Path, corpus: Path) -> None:
    pairs = read_manifest(corpus)
    run_batch(pairs, tmp_path / "one", html=True)
    run_batch(pairs, tmp_path / "two", html=True, jobs=2)
    assert folder_state(tmp_path / "one") == folder_state(tmp_path / "two")


def test_a_pair_that_turns_bad_loses_its_old_report(tmp_path: Path, corpus: Path) -> None:
    pairs = read_manifest(corpus)
    run_batch(pairs, tmp_path / "out")
    Path(pairs[0].source).write_bytes(b"\xff\xfe\x00\x00 garbage \x00")
    s = run_batch(pairs, tmp_path / "out").summary
    assert pairs[0].id in [r["id"] for r in s["failures"]]
    assert not (tmp_path / "out" / "reports" / f"{pairs[0].id}.json").exists()


def test_cli_exit_codes_and_progress(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "-o", str(out)]) == 3  # one pair failed
    err = capsys.readouterr().err
    assert f"xlate: {len(read_manifest(corpus))}/{len(read_manifest(corpus))} pairs, 1 failed" in err
    assert "1 failed; overview in" in err
    good = tmp_path / "good.tsv"
    good.write_text("".join(line + "\n" for line in corpus.read_text().splitlines() if "broken" not in line))
    assert main(["batch", str(good), "-o", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "pairs (" not in err and "up to date" in err
    assert main(["batch", str(good), "-o", str(out), "--quiet", "--fail-on", "high"]) == 1
    assert main(["batch", str(good), "--src-dir", "a", "-o", str(out)]) == 2
    assert "give a MANIFEST or --src-dir" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["batch", str(good), "-o", str(tmp_path / "file")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_cli_two_folders(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture) -> None:
    src, tgt = tmp_path / "src", tmp_path / "tgt"
    src.mkdir(), tgt.mkdir()
    for p in read_manifest(corpus)[:3]:
        shutil.copy(p.source, src / f"{p.id}.txt")
        shutil.copy(p.target, tgt / f"{p.id}.txt")
    assert main(["batch", "--src-dir", str(src), "--tgt-dir", str(tgt), "-o", str(tmp_path / "o"), "--quiet"]) == 0
    assert json.loads((tmp_path / "o" / "summary.json").read_text())["ok"] == 3


def test_html_pages_follow_the_html_option(tmp_path: Path, corpus: Path) -> None:
    pairs = [p for p in read_manifest(corpus) if p.id != "broken"][:3]
    out = tmp_path / "out"
    assert run_batch(pairs, out, html=True).checked == 3
    dropped = run_batch(pairs, out)  # without --html: the reports are up to date, nothing is redone
    assert dropped.skipped == 3 and all(r["html"] is None for r in dropped.summary["rows"])
    assert 'href="reports/' + pairs[0].id + '.html"' not in (out / "index.html").read_text()
    run_batch(pairs, out, force=True)  # reports rewritten without pages: the old pages go
    assert not list((out / "reports").glob("*.html"))
    run_batch(pairs[:1], out, html=True)
    added = run_batch(pairs, out, html=True)  # adding --html redoes only the pairs without a page
    assert (added.skipped, added.checked) == (1, 2)
    assert all(r["html"] == f"reports/{r['id']}.html" for r in added.summary["rows"])


@pytest.mark.parametrize("ids, message", [
    (["Story", "story"], "line 3: id 'story' and id 'Story' .*line 2.* differ only in case"),
    (["stra\u00dfe", "STRASSE"], "line 3: id 'STRASSE' and id 'stra\u00dfe'"),
    (["x" * 150 + "\u00e9" * 30], "line 2: id .* is longer than 200 bytes"),
    (["ok", "con"], "line 3: id 'con' is a reserved file name on Windows"),
    (["LPT9.story"], "line 2: id 'LPT9.story' is a reserved file name"),
    (["story."], "line 2: id 'story.' ends with '.'"),
])
def test_ids_that_clash_on_some_file_system_are_refused(tmp_path: Path, ids: list[str], message: str) -> None:
    (tmp_path / "m.tsv").write_text("id\tsource\ttarget\n" + "".join(f"{i}\ta\tb\n" for i in ids), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_manifest(tmp_path / "m.tsv")


def test_folder_ids_are_safe_unique_and_stable(tmp_path: Path) -> None:
    def ids(*names: str) -> list[str]:
        for d in ("de", "en"):
            (tmp_path / d).mkdir(exist_ok=True)
            for n in names:
                (tmp_path / d / n).write_text("x")
        return [p.id for p in pairs_from_dirs(tmp_path / "de", tmp_path / "en")]

    assert ids("a.txt", "b c.txt", "b.md") == ["a", "b_c", "b"]  # unsafe characters become _
    assert ids("b.txt") == ["a", "b_c", "b.md", "b.txt"]  # stems now collide: those two use full names
    assert ids("b_c.txt", "con.txt", "x?.txt", "x_.txt") == [
        "a", "b c.txt".replace(" ", "_"), "b.md", "b.txt", "b_c.txt-2", "_con", "x_.txt", "x_.txt-2"]


def test_failed_or_pending_pairs_win_over_fail_on(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "-o", str(out), "--quiet", "--fail-on", "high"]) == 3  # and findings
    import xlate.batch as batch

    real = batch.run_local
    monkeypatch.setattr(batch, "run_local", lambda todo, *a: real(todo[:-1], *a))  # an engine that loses a pair
    good = tmp_path / "good.tsv"
    good.write_text("".join(line + "\n" for line in corpus.read_text().splitlines() if "broken" not in line))
    capsys.readouterr()
    assert main(["batch", str(good), "-o", str(tmp_path / "o2"), "--quiet", "--fail-on", "high"]) == 3
    assert "1 pair got no outcome" in capsys.readouterr().err


def test_settings_hash_follows_what_changes_findings() -> None:
    from xlate.batch.work import settings_sha256
    from xlate.config import ModelSettings

    base = settings_sha256(Config(), False)
    assert settings_sha256(Config(models=ModelSettings(download=False, mt_cache=False)), False) == base  # --offline
    assert settings_sha256(Config(calibration="off"), False) != base
    assert settings_sha256(Config(checks=("numbers",)), False) != base


def test_reviews_apply_to_the_overview_and_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "sk-en_tasr_altered"
    manifest = tmp_path / "one.tsv"
    manifest.write_text(f"id\tsource\ttarget\tsrc_lang\ttgt_lang\ntasr\t{seed / 'source.txt'}\t"
                        f"{seed / 'target.txt'}\tsk\ten\n")
    out, db = tmp_path / "out", tmp_path / "desk.sqlite"
    assert main(["batch", str(manifest), "-o", str(out), "--quiet", "--fail-on", "high"]) == 1
    report = out / "reports" / "tasr.json"
    highs = [f["id"] for f in json.loads(report.read_text())["findings"] if f["severity"] == "high"]
    for fid in highs:
        assert main(["review", "set", str(report), fid, "--status", "dismissed", "--reviews", str(db)]) == 0
    capsys.readouterr()
    before = report.read_text()
    assert main(["batch", str(manifest), "-o", str(out), "--quiet", "--fail-on", "high", "--reviews", str(db)]) == 0
    assert "1 up to date" in capsys.readouterr().err and report.read_text() == before  # nothing rechecked
    summary = json.loads((out / "summary.json").read_text())
    row = summary["rows"][0]
    assert summary["dismissed"] == len(highs) and row["reviews"]["by_severity"]["high"] == 0
    assert row["reviews"]["consistency_score"] > row["consistency_score"]
    assert f"Reviewers dismissed {len(highs)}" in (out / "index.html").read_text()
    assert main(["batch", str(manifest), "-o", str(out), "--quiet", "--reviews", str(tmp_path / "nope")]) == 2
