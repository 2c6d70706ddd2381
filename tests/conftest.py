"""Shared fixtures. Tests needing ../shared/data skip with a reason naming the missing path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("XLATE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"shared evaluation data not found at {data} (set XLATE_SHARED to its parent)")
    return data


def seed_pairs() -> list[Path]:
    return sorted(p for p in SEEDS.iterdir() if (p / "expected.json").is_file())


@pytest.fixture(autouse=True)
def _no_desk_files(tmp_path_factory, monkeypatch):
    """A developer's own review store and term list never reach a test (both default to files in
    the user's data folder, which would change findings)."""
    monkeypatch.setenv("XLATE_REVIEWS", str(tmp_path_factory.mktemp("desk") / "reviews.sqlite"))
    monkeypatch.delenv("XLATE_TERMS", raising=False)
