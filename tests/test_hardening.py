"""Hostile and unlucky input at the CLI: unwritable outputs, wide encodings, bad option values and
control characters. Each is exit 2 with one line on stderr, or output that stays one record a line."""

from __future__ import annotations

import errno
import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import xlate.io
from xlate.cli import main
from xlate.config import Config
from xlate.errors import ConfigError
from xlate.report.load import report_from_dict
from xlate.report.render import TSV_COLUMNS, alignment_to_tsv, to_tsv

LANGS = ["--src-lang", "sk", "--tgt-lang", "en"]
SOURCE = "Operácie si vyžiadali už 61 životov. Washington neuznáva voľby."
TARGET = "The operations have already claimed 16 lives. Washington does not recognise the vote."


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text(SOURCE, encoding="utf-8")
    tgt.write_text(TARGET, encoding="utf-8")
    return str(src), str(tgt)


def _one_line_error(capsys: pytest.CaptureFixture[str], needle: str) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "internal error" not in err, err
    assert err.startswith("xlate: error: ") and needle in err, err
    return err


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- 1. unwritable -o

def test_output_to_an_existing_directory_is_exit_2(pair: tuple[str, str], tmp_path: Path, capsys) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    assert main(["check", *pair, *LANGS, "-o", str(out)]) == 2
    _one_line_error(capsys, f"cannot write {out}: it is a directory")
    assert list(out.iterdir()) == [] and not _leftovers(tmp_path)


def test_output_under_a_file_is_exit_2(pair: tuple[str, str], tmp_path: Path, capsys) -> None:
    assert main(["check", *pair, *LANGS, "-o", str(Path(pair[0]) / "r.json")]) == 2
    _one_line_error(capsys, f"{pair[0]} is not a folder")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="running as root: permission bits do not stop root's writes "
                           "(test_write_errors_are_exit_2 simulates the PermissionError instead)")
def test_output_into_a_read_only_folder_is_exit_2(pair: tuple[str, str], tmp_path: Path, capsys) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["check", *pair, *LANGS, "-o", str(locked / "r.json"), "--format", "json"]) == 2
        _one_line_error(capsys, "permission denied")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def _fail_mkstemp(error: OSError):
    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise error
    return mkstemp


def _fail_write(error: OSError):
    real = os.fdopen

    class Full:
        """A file whose every write fails, as on a full or read-only disk."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            self.fh = real(*args, **kwargs)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, text: str) -> int:
            raise error
    return Full


@pytest.mark.parametrize("target, error, needle", [
    ("tempfile.mkstemp", PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
    ("tempfile.mkstemp", OSError(errno.EROFS, "Read-only file system"), "the file system is read-only"),
    ("os.fdopen", OSError(errno.ENOSPC, "No space left on device"), "no space left on the device"),
    ("os.fdopen", OSError(errno.EROFS, "Read-only file system"), "the file system is read-only"),
    ("os.replace", IsADirectoryError(errno.EISDIR, "Is a directory"), "it is a directory"),
    ("os.replace", OSError(errno.EIO, "Input/output error"), "Input/output error"),
], ids=["permission", "read-only-create", "disk-full", "read-only-write", "dir-race", "io-error"])
def test_write_errors_are_exit_2(pair: tuple[str, str], tmp_path: Path, capsys, monkeypatch,
                                 target: str, error: OSError, needle: str) -> None:
    out = tmp_path / "r.json"
    module, name = target.split(".")
    fake = _fail_write(error) if target == "os.fdopen" else _fail_mkstemp(error) if name == "mkstemp" else None
    if fake is None:
        def fake(*args: object, **kwargs: object) -> None:
            raise error
    monkeypatch.setattr(getattr(xlate.io, module), name, fake)
    assert main(["check", *pair, *LANGS, "--format", "json", "-o", str(out)]) == 2
    _one_line_error(capsys, f"cannot write {out}: {needle}")
    assert not out.exists() and not _leftovers(tmp_path)


# ---------------------------------------------------------------- 5. option values, wide encodings

@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "0.5"])
def test_bad_max_length_ratio_is_exit_2(pair: tuple[str, str], capsys, value: str) -> None:
    assert main(["check", *pair, *LANGS, f"--max-length-ratio={value}"]) == 2
    _one_line_error(capsys, "max_length_ratio must be a finite number of at least 1")


@pytest.mark.parametrize("value", [math.nan, math.inf, -2.0, 0, 0.99, True, "10"])
def test_config_refuses_a_bad_max_length_ratio(value: object) -> None:
    with pytest.raises(ConfigError, match="max_length_ratio"):
        Config(max_length_ratio=value)


def test_a_ratio_of_one_or_more_is_accepted() -> None:
    assert Config(max_length_ratio=1).max_length_ratio == 1.0
    assert Config(max_length_ratio=2.5).max_length_ratio == 2.5


WIDE = [("utf-16", "UTF-16", "byte-order mark"), ("utf-32", "UTF-32", "byte-order mark"),
        ("utf-16-le", "UTF-16LE", "NUL bytes"), ("utf-16-be", "UTF-16BE", "NUL bytes"),
        ("utf-32-le", "UTF-32LE", "NUL bytes"), ("utf-32-be", "UTF-32BE", "NUL bytes")]


@pytest.mark.parametrize("codec, name, how", WIDE, ids=[w[0] for w in WIDE])
def test_utf16_and_utf32_are_named_with_how_to_convert(pair: tuple[str, str], tmp_path: Path, capsys,
                                                       codec: str, name: str, how: str) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes(SOURCE.encode(codec))
    assert main(["check", str(wide), pair[1], *LANGS]) == 2
    err = _one_line_error(capsys, f"{wide} is {name} text")
    assert how in err and f"iconv -f {name} -t UTF-8 {wide} > {wide}.utf8" in err and "binary" not in err


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed (apt-get install libc-bin)")
@pytest.mark.parametrize("codec, name, how", WIDE, ids=[w[0] for w in WIDE])
def test_the_suggested_iconv_command_works(pair: tuple[str, str], tmp_path: Path, capsys,
                                           codec: str, name: str, how: str) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes(SOURCE.encode(codec))
    converted = subprocess.run(["iconv", "-f", name, "-t", "UTF-8", str(wide)], capture_output=True, check=True)
    assert converted.stdout.decode("utf-8").lstrip("\ufeff") == SOURCE


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x01\x00\x00\x00" * 200, b"\x00" * 300],
                         ids=["bytes", "int32s", "nuls"])
def test_binary_is_still_binary(tmp_path: Path, pair: tuple[str, str], capsys, data: bytes) -> None:
    blob = tmp_path / "blob.bin"
    blob.write_bytes(data)
    assert main(["check", str(blob), pair[1], *LANGS]) == 2
    _one_line_error(capsys, "looks binary")


# ---------------------------------------------------------------- 3. separators and control characters

SEPARATORS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029\t\n"


def test_tsv_cells_keep_every_separator_out(tmp_path: Path, capsys) -> None:
    # Line and paragraph separators inside a sentence (the segmenter splits at \n and \r only).
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("Operácie si\u2028vyžiadali už 61\x85životov\u2029dnes\vráno\fpri\x1cmori. "
                   "Washington neuznáva voľby.", encoding="utf-8")
    tgt.write_text(TARGET, encoding="utf-8")
    assert main(["check", str(src), str(tgt), *LANGS, "--format", "tsv"]) == 0
    rows = capsys.readouterr().out.splitlines()  # str.splitlines: every boundary a reader may split at
    assert len(rows) > 1 and all(len(r.split("\t")) == len(TSV_COLUMNS) for r in rows)
    assert main(["align", str(src), str(tgt), *LANGS, "--format", "tsv"]) == 0
    beads = capsys.readouterr().out.splitlines()
    assert len(beads) == 2 and all(len(b.split("\t")) == 5 for b in beads)


def test_tsv_renderers_turn_each_separator_into_a_space(pair: tuple[str, str], capsys) -> None:
    assert main(["check", *pair, *LANGS, "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    d["findings"][0]["explanation"] = "a" + "b".join(SEPARATORS) + "c"
    first = d["source"]["sentences"][0]
    first["text"] = SEPARATORS + first["text"][len(SEPARATORS):]
    for f in d["findings"]:  # spans in the changed stretch follow it, so the report stays consistent
        if f["src_span"] and f["src_span"]["start"] < len(SEPARATORS):
            f["src_span"] = None
    report = report_from_dict(d)
    tsv = to_tsv(report)
    assert len(tsv.splitlines()) == 1 + len(report.findings)
    assert "a b b b b b b b b b b c" in tsv
    assert len(alignment_to_tsv(report).splitlines()) == len(report.alignment)


HOSTILE = "Operácie si vyžiadali už 61 \x1b[2J\x1b]0;owned\x07 životov \x9b31m\u202eon\u2066 dnes. " \
          "Washington neuznáva voľby."


@pytest.mark.parametrize("color", ["never", "always"])
def test_text_report_shows_control_characters_as_escapes(tmp_path: Path, capsys, color: str) -> None:
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    tgt.write_text(TARGET, encoding="utf-8")
    assert main(["check", str(src), str(tgt), *LANGS, "--color", color]) == 0
    out = capsys.readouterr().out
    for raw, shown in (("\x1b[2J", "\\x1b[2J"), ("\x1b]0;", "\\x1b]0;"), ("\x07", "\\x07"),
                       ("\x9b", "\\x9b"), ("\u202e", "\\u202e"), ("\u2066", "\\u2066")):
        assert raw not in out and shown in out
    ours = {"\033[1m", "\033[0m", "\033[31m", "\033[33m", "\033[36m"}
    codes = [out[k:out.index("m", k) + 1] for k in range(len(out)) if out[k] == "\x1b"]
    assert set(codes) <= ours and (bool(codes) == (color == "always"))  # xlate's own colours survive


def test_text_report_keeps_a_finding_on_one_line_with_breaks_in_its_span(tmp_path: Path, capsys) -> None:
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("Operácie si vyžiadali\u2028už 61 životov. Washington neuznáva voľby.", encoding="utf-8")
    tgt.write_text(TARGET, encoding="utf-8")
    assert main(["check", str(src), str(tgt), *LANGS]) == 0
    out = capsys.readouterr().out
    assert "\u2028" not in out
    assert any(line.startswith("    src [0]: Operácie si vyžiadali už 61") for line in out.splitlines())


def test_an_atomic_write_keeps_the_file_mode(tmp_path):
    import os
    import stat

    from xlate.io import write_atomic

    shared = tmp_path / "terms.tsv"
    shared.write_text("x")
    shared.chmod(0o664)
    write_atomic(shared, "y")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and shared.read_text() == "y"
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.json", "{}")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_a_review_time_out_of_range_is_one_line(tmp_path, capsys):
    (tmp_path / "d.jsonl").write_text('{"fingerprint": "abc", "status": "dismissed", '
                                      '"at": "9999-12-31T23:00:00-05:00"}\n')
    assert main(["review", "import", str(tmp_path / "d.jsonl"), "--reviews", str(tmp_path / "r.sqlite")]) == 2
    assert "'at' is" in capsys.readouterr().err
