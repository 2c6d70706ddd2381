"""The Ray engine on a local Ray (2 CPUs): the same folder as the local engine, timings aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.conftest import folder_state
from xlate.batch import read_manifest, run_batch

pytestmark = pytest.mark.ray


def test_ray_engine_writes_what_the_local_engine_writes(tmp_path: Path, corpus: Path) -> None:
    pytest.importorskip("ray.data", reason="the Ray engine needs ray[data] (pip install 'xlate[ray]')")
    pairs = read_manifest(corpus)
    local = run_batch(pairs, tmp_path / "local", html=True)
    ray = run_batch(pairs, tmp_path / "ray", html=True, jobs=2, engine="ray")
    assert (ray.checked, ray.failed) == (local.checked, local.failed) == (len(pairs) - 1, 1)
    assert folder_state(tmp_path / "ray") == folder_state(tmp_path / "local")
    again = run_batch(pairs, tmp_path / "ray", jobs=2, engine="ray", html=True)  # resumes: only the bad pair runs
    assert (again.skipped, again.failed) == (len(pairs) - 1, 1)
