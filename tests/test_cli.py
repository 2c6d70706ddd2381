"""The CLI's contract: exit codes, one-line errors, no tracebacks, no half-written reports."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xlate.cli import main

SEED = Path(__file__).resolve().parents[1] / "seeds" / "sk-en_tasr_altered"


@pytest.fixture
def pair(tmp_path):
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("Operácie si vyžiadali už 61 životov. Washington neuznáva voľby.", encoding="utf-8")
    tgt.write_text("The operations have already claimed 16 lives. Washington does not recognise the vote.",
                   encoding="utf-8")
    return src, tgt


def test_check_json_to_file(pair, tmp_path):
    out = tmp_path / "r.json"
    assert main(["check", str(pair[0]), str(pair[1]), "--src-lang", "sk", "--tgt-lang", "en",
                 "--format", "json", "-o", str(out)]) == 0
    d = json.loads(out.read_text())
    assert any(f["type"] == "number" and f["change"] == "altered" for f in d["findings"])
    assert not list(tmp_path.glob(".r.json.*"))  # no temporary file left behind


@pytest.mark.parametrize("fmt,needle", [("md", "| id |"), ("tsv", "severity\ttype"), ("html", "<mark"),
                                        ("text", "consistency score")])
def test_formats(pair, capsys, fmt, needle):
    assert main(["check", str(pair[0]), str(pair[1]), "--src-lang", "sk", "--tgt-lang", "en",
                 "--format", fmt]) == 0
    assert needle in capsys.readouterr().out


def test_fail_on(pair):
    args = ["check", str(pair[0]), str(pair[1]), "--src-lang", "sk", "--tgt-lang", "en"]
    assert main(args + ["--fail-on", "high"]) == 1
    assert main(args) == 0


def test_align_vecalign_format(pair, capsys):
    assert main(["align", str(pair[0]), str(pair[1]), "--src-lang", "sk", "--tgt-lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("[0]:[0]:")
    assert all(line.count(":") == 2 and line.startswith("[") for line in lines)


def _bad_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A sentence of text here.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.dat"
    binary.write_bytes(bytes(range(256)) * 4)
    latin2 = tmp_path / "latin2.txt"
    latin2.write_bytes("Príliš žluťoučký kůň úpěl ďábelské ódy.".encode("cp1250"))
    long = tmp_path / "long.txt"
    long.write_text("A sentence of text here. " * 100, encoding="utf-8")
    return good, {
        "empty": ([str(empty), str(good)], "empty"),
        "binary": ([str(binary), str(good)], "binary"),
        "encoding": ([str(latin2), str(good)], "not UTF-8"),
        "missing": ([str(tmp_path / "nope.txt"), str(good)], "no such file"),
        "directory": ([str(tmp_path), str(good)], "directory"),
        "language": ([str(good), str(good), "--src-lang", "xx"], "unknown language"),
        "longer": ([str(long), str(good)], "longer"),
    }


@pytest.mark.parametrize("case", ["empty", "binary", "encoding", "missing", "directory", "language", "longer"])
def test_bad_input_is_one_line_exit_2(tmp_path, case):
    good, cases = _bad_inputs(tmp_path)
    args, needle = cases[case]
    out = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, "-m", "xlate", "check", *args, "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert not out.exists()


def test_usage_error_is_one_line(capsys):
    with pytest.raises(SystemExit) as e:
        main(["check", "--format", "pdf", "a", "b"])
    assert e.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_seed_pair_end_to_end(capsys):
    assert main(["check", str(SEED / "source.txt"), str(SEED / "target.txt")]) == 0
    out = capsys.readouterr().out
    assert "sk → en" in out and "F001" in out


def _offline_env(tmp_path):
    import os

    return {**os.environ, "HF_HUB_OFFLINE": "1", "XLATE_MODELS_DIR": str(tmp_path / "models"),
            "HF_HUB_CACHE": str(tmp_path / "hub"), "XLATE_MT_CACHE": str(tmp_path / "mt.sqlite")}


def test_auto_backends_fall_back_with_a_note(pair, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "xlate", "check", str(pair[0]), str(pair[1]), "--src-lang", "sk",
                           "--tgt-lang", "en", "--embedder", "auto", "--translator", "auto", "--offline"],
                          capture_output=True, text=True, env=_offline_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line.startswith("xlate: note:")]
    assert len(notes) == 2 and "Traceback" not in proc.stderr  # once for embeddings, once for MT
    assert "consistency score" in proc.stdout


def test_missing_named_model_is_exit_2_one_line(pair, tmp_path):
    pytest.importorskip("transformers")
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, "-m", "xlate", "check", str(pair[0]), str(pair[1]), "--src-lang", "sk",
                           "--tgt-lang", "en", "--embedder", "labse", "--offline", "-o", str(out)],
                          capture_output=True, text=True, env=_offline_env(tmp_path))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "LaBSE" in proc.stderr
    assert not out.exists()


def test_align_translates_then_aligns(pair, capsys):
    assert main(["align", str(pair[0]), str(pair[1]), "--src-lang", "sk", "--tgt-lang", "en",
                 "--translator", "identity", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["config"]["translator"] == "identity" and d["config"]["source_mt"] is False  # translated, not given
    assert len(d["translations"]["source"]) == len(d["source"]["sentences"])
    assert main(["align", str(pair[0]), str(pair[1]), "--src-lang", "sk", "--tgt-lang", "en",
                 "--translator", "bogus"]) == 2
    assert "unknown translator" in capsys.readouterr().err


def test_presegmented_mt_may_keep_the_blank_lines(tmp_path, capsys):
    src, tgt, mt = tmp_path / "s.txt", tmp_path / "t.txt", tmp_path / "mt.txt"
    src.write_text("Operácie si vyžiadali 61 životov.\n\nWashington neuznáva voľby.\n", encoding="utf-8")
    tgt.write_text("The operations claimed 16 lives.\nWashington does not recognise the vote.\n", encoding="utf-8")
    mt.write_text("The operations claimed 61 lives.\n\nWashington does not recognize the election.\n",
                  encoding="utf-8")
    args = ["check", str(src), str(tgt), "--src-lang", "sk", "--tgt-lang", "en", "--presegmented", "--format", "json"]
    assert main([*args, "--source-mt", str(mt)]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["translations"]["source"] == ["The operations claimed 61 lives.",
                                           "Washington does not recognize the election."]
    mt.write_text("one line only\n", encoding="utf-8")
    assert main([*args, "--source-mt", str(mt)]) == 2
    err = capsys.readouterr().err
    assert "non-blank input line" in err and "use --presegmented" not in err


def test_errors_from_other_libraries_become_one_line():
    from xlate.errors import one_line as _one_line

    assert _one_line(ValueError("first\n  second\n\nthird")) == "first second third"
    assert _one_line(KeyError()) == "KeyError"


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize("seed", ["sk-en_aggregator_page", "sk-en_tasr_altered", "de-en_dpa_altered"])
@pytest.mark.parametrize("extra", [[], ["--no-furniture"], ["--translator", "identity"]])
def test_align_and_check_give_the_same_alignment_and_signature(seed, extra, capsys):
    # The aggregator page has page furniture on one side: align must set it aside as check does.
    files = [str(SEEDS / seed / "source.txt"), str(SEEDS / seed / "target.txt")]
    assert main(["check", *files, "--format", "json", *extra]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert main(["align", *files, "--format", "json", *extra]) == 0
    aligned = json.loads(capsys.readouterr().out)
    beads = [(b["src"], b["tgt"]) for b in aligned["alignment"]]
    assert beads == [(b["src"], b["tgt"]) for b in checked["alignment"]]
    assert aligned["config"]["signature"] == checked["config"]["signature"]
    assert "findings" not in aligned and aligned["source"] == checked["source"]
    assert main(["align", *files, *extra]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.rsplit(":", 1)[0] for line in lines] == [f"{src}:{tgt}" for src, tgt in beads]


def test_text_report_lists_medium_and_high_and_low_on_request(capsys):
    files = [str(SEED / "source.txt"), str(SEED / "target.txt")]
    assert main(["check", *files, "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    low = [f["id"] for f in findings if f["severity"] == "low"]
    loud = [f["id"] for f in findings if f["severity"] != "low"]
    assert low and loud
    assert main(["check", *files]) == 0
    out = capsys.readouterr().out
    assert all(f"{i} [" in out for i in loud) and not any(f"{i} [" in out for i in low)
    assert f"{len(low)} finding(s) below medium not shown" in out
    assert main(["check", *files, "--show-low"]) == 0
    everything = capsys.readouterr().out
    assert all(f"{i} [" in everything for i in low + loud)


def test_calibration_modes_are_recorded(capsys):
    files = [str(SEED / "source.txt"), str(SEED / "target.txt")]
    sigs = {}
    for mode in ("confidence", "severity", "off"):
        assert main(["check", *files, "--format", "json", "--calibration", mode]) == 0
        d = json.loads(capsys.readouterr().out)
        sigs[mode] = d["config"]["signature"]
        assert all(0 <= f["confidence"] <= 1 and f["evidence"] for f in d["findings"])
    assert "|cal:off|" in sigs["off"] and "+severity|" in sigs["severity"] and len(set(sigs.values())) == 3
