"""Review tests: a seed pair, and a default store that never touches the real home."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seed_pair() -> tuple[str, str, str, str]:
    """sk-en_tasr_altered: source text, target text and their languages (from expected.json)."""
    folder = SEEDS / "sk-en_tasr_altered"
    langs = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return ((folder / "source.txt").read_text(encoding="utf-8"), (folder / "target.txt").read_text(encoding="utf-8"),
            langs["src_lang"], langs["tgt_lang"])


@pytest.fixture(autouse=True)
def _private_store(tmp_path, monkeypatch):
    """Every test's default store is its own file; HOME and XDG point into tmp_path too."""
    monkeypatch.setenv("XLATE_REVIEWS", str(tmp_path / "default-reviews.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
