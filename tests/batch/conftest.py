"""A small corpus for batch tests: the seed pairs, a shortened copy of each, and one bad pair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import seed_pairs


def strip_timings(report: dict) -> dict:
    report.get("summary", {}).pop("timings_ms", None)
    return report


def folder_state(out: Path) -> dict[str, object]:
    """Everything a batch wrote, timings aside: what two runs must agree on."""
    state: dict[str, object] = {}
    for f in sorted(out.rglob("*")):
        if f.is_file():
            rel = f.relative_to(out).as_posix()
            text = f.read_text(encoding="utf-8")
            state[rel] = strip_timings(json.loads(text)) if rel.startswith("reports/") and rel.endswith(".json") \
                else text
    return state


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A manifest of 2 pairs per seed (the seed and its first half) plus one unreadable pair."""
    files = tmp_path / "files"
    files.mkdir()
    rows = ["id\tsource\ttarget\tsrc_lang\ttgt_lang"]
    for seed in seed_pairs():
        expected = json.loads((seed / "expected.json").read_text(encoding="utf-8"))
        src, tgt = expected.get("src_lang", ""), expected.get("tgt_lang", "")
        for part, keep in (("full", None), ("half", 2)):
            pid = f"{seed.name}.{part}"
            for side in ("source", "target"):
                lines = (seed / f"{side}.txt").read_text(encoding="utf-8").splitlines(keepends=True)
                text = "".join(lines if keep is None else lines[: max(1, len(lines) // keep)])
                (files / f"{pid}.{side}.txt").write_text(text, encoding="utf-8")
            rows.append(f"{pid}\tfiles/{pid}.source.txt\tfiles/{pid}.target.txt\t{src}\t{tgt}")
    (files / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    rows.append("broken\tfiles/binary.txt\tfiles/binary.txt\tde\ten")
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest
