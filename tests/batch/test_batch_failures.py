"""A batch meets trouble: a worker that dies, a backend that cannot load, a Ray cluster that is
not there. Each ends in outcomes or one clear error, never a traceback or a lost overview."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from xlate.batch import Pair, run_batch
from xlate.config import Config, ModelSettings
from xlate.errors import ConfigError, XlateError


class CrashingEmbedder:
    """Hashed-word vectors; a text with CRASH kills the process, as a native crash would."""

    name = "crash-test"

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        if any("CRASH" in s for s in sentences):
            os._exit(9)
        out = np.zeros((len(sentences), 32), dtype=np.float32)
        for i, s in enumerate(sentences):
            for w in re.findall(r"\w+", s.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % 32] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


def _pairs(tmp_path: Path, n: int, crash: int | None = None) -> list[Pair]:
    pairs = []
    for i in range(n):
        word = "CRASH" if i == crash else "harbour"
        src, tgt = tmp_path / f"p{i}.de.txt", tmp_path / f"p{i}.en.txt"
        src.write_text(f"Der Hafen {i} ist offen. Die Stadt baut {word} neu.\n", encoding="utf-8")
        tgt.write_text(f"The harbour {i} is open. The city rebuilds the {word}.\n", encoding="utf-8")
        pairs.append(Pair(f"p{i}", str(src), str(tgt), "de", "en"))
    return pairs


def test_a_pair_that_kills_its_worker_fails_alone(tmp_path: Path) -> None:
    pairs = _pairs(tmp_path, 5, crash=2)
    out = tmp_path / "out"
    result = run_batch(pairs, out, Config(embedder=CrashingEmbedder()), jobs=2)
    assert (result.checked, result.failed) == (4, 1)
    s = json.loads((out / "summary.json").read_text())
    assert (s["ok"], s["failed"], s["pending"]) == (4, 1, 0)
    assert [(f["id"], f["error"]) for f in s["failures"]] == [("p2", "worker process died while checking this pair")]
    assert sorted(p.name for p in (out / "reports").glob("*.json")) == [f"p{i}.json" for i in (0, 1, 3, 4)]
    error = json.loads((out / "errors" / "p2.json").read_text())
    assert error["input_sha256"] == pairs[2].input_sha256()


def test_an_error_mid_batch_still_leaves_the_overview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xlate.batch as batch

    def engine(todo: Sequence[Pair], *args: object):  # one pair done, then the engine gives up
        from xlate.batch.work import Worker

        yield Worker(Config())(todo[0])
        raise ConfigError("the cluster went away")

    monkeypatch.setattr(batch, "run_local", engine)
    out = tmp_path / "out"
    with pytest.raises(ConfigError, match="went away"):
        run_batch(_pairs(tmp_path, 3), out)
    s = json.loads((out / "summary.json").read_text())
    assert (s["ok"], s["pending"]) == (1, 2)


def test_a_backend_that_cannot_load_in_workers_is_one_error(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    empty = tmp_path / "models"
    empty.mkdir()
    config = Config(embedder="minilm", models=ModelSettings(models_dir=str(empty), download=False))
    with pytest.raises(XlateError) as info:
        run_batch(_pairs(tmp_path, 3), tmp_path / "out", config, jobs=2)
    assert "\n" not in str(info.value)
