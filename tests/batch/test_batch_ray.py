"""The Ray engine on a local Ray (2 CPUs): the same folder as the local engine, timings aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.conftest import folder_state
from xlate.batch import read_manifest, run_batch
from xlate.errors import ConfigError

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


@pytest.mark.parametrize("address, message", [
    ("notahost:x", "is not HOST:PORT"),
    ("notahost", "is not HOST:PORT"),
    ("127.0.0.1:1", "cannot reach the Ray cluster at 127.0.0.1:1"),
])
def test_a_bad_ray_address_is_one_config_error(tmp_path: Path, corpus: Path, address: str, message: str) -> None:
    pytest.importorskip("ray.data", reason="the Ray engine needs ray[data] (pip install 'xlate[ray]')")
    with pytest.raises(ConfigError, match=message):
        run_batch(read_manifest(corpus)[:2], tmp_path / "out", engine="ray", ray_address=address)


def test_a_crashing_actor_is_one_error_not_a_hang(tmp_path: Path) -> None:
    pytest.importorskip("ray.data", reason="the Ray engine needs ray[data] (pip install 'xlate[ray]')")
    from tests.batch.test_batch_failures import CrashingEmbedder, _pairs
    from xlate.config import Config
    from xlate.errors import XlateError

    with pytest.raises(XlateError, match="the Ray job failed"):
        run_batch(_pairs(tmp_path, 3, crash=1), tmp_path / "out", Config(embedder=CrashingEmbedder()),
                  jobs=2, engine="ray")
