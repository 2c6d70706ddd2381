"""Crash safety: a batch killed (SIGKILL) in the middle of writing a file, or stopped with Ctrl-C,
and then rerun, leaves exactly the folder an uninterrupted run leaves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batch.conftest import folder_state
from xlate.batch import read_manifest, run_batch

ROOT = Path(__file__).resolve().parents[2]

# Runs `xlate batch` with write_atomic wrapped: at its Nth call the wrapper writes half of the
# content to a temporary file the way write_atomic does and then sends the signal to its process.
_RUNNER = """
import os, signal, sys, tempfile
from pathlib import Path
import xlate.batch.store as store, xlate.batch.summary as summary
calls = [0]
real = store.write_atomic
def write_atomic(path, content):
    calls[0] += 1
    if calls[0] == int(os.environ["AT"]):
        p = Path(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        os.write(fd, content[: len(content) // 2].encode())
        os.kill(os.getpid(), getattr(signal, os.environ["SIG"]))
    return real(path, content)
store.write_atomic = summary.write_atomic = write_atomic
from xlate.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _RUNNER, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **env}, timeout=300)


# Each good pair writes its HTML page, then its report; the bad pair (last) an error record; then
# the four overview files.
WRITES = {"page": lambda n: 1, "report": lambda n: 4, "error": lambda n: 2 * (n - 1) + 1,
          "overview": lambda n: 2 * (n - 1) + 3}


@pytest.mark.parametrize("moment", list(WRITES))
def test_sigkill_then_rerun_gives_every_pair_once(tmp_path: Path, corpus: Path, moment: str) -> None:
    pairs = read_manifest(corpus)
    at = WRITES[moment](len(pairs))
    reference = tmp_path / "reference"
    run_batch(pairs, reference, html=True)
    out = tmp_path / "out"
    killed = _run(["batch", str(corpus), "-o", str(out), "--html", "--quiet"], AT=str(at), SIG="SIGKILL")
    assert killed.returncode == -signal.SIGKILL
    assert list(out.rglob(".*.tmp"))  # it did die half-way through a write
    rerun = _run(["batch", str(corpus), "-o", str(out), "--html", "--quiet"], AT="0", SIG="SIGKILL")
    assert rerun.returncode == 3, rerun.stderr  # the one bad pair
    assert folder_state(out) == folder_state(reference)


def test_sigint_stops_cleanly_and_resumes(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "out"
    stopped = _run(["batch", str(corpus), "-o", str(out), "--quiet", "--jobs", "2"], AT="3", SIG="SIGINT")
    assert stopped.returncode == 130, stopped.stderr
    last = stopped.stderr.strip().splitlines()[-1]
    assert last.startswith("xlate: interrupted after ") and "rerun the same command to resume" in last
    assert "Traceback" not in stopped.stderr
    total = len(read_manifest(corpus))
    done = int(last.split("after ")[1].split(" of")[0])
    assert 0 < done < total
    reference = tmp_path / "reference"
    run_batch(read_manifest(corpus), reference)
    resumed = run_batch(read_manifest(corpus), out)
    assert resumed.skipped >= done - 1 and folder_state(out) == folder_state(reference)
