"""Every viewer test gets its own review store and term list, so no test reads or writes the user's real ones."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def reviews_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``$XLATE_REVIEWS`` set to a file in this test's tmp folder (not yet created); its path."""
    path = tmp_path / "reviews.sqlite"
    monkeypatch.setenv("XLATE_REVIEWS", str(path))
    return path


@pytest.fixture(autouse=True)
def terms_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``$XLATE_TERMS`` set to a file in this test's tmp folder (not yet created); its path."""
    path = tmp_path / "terms.tsv"
    monkeypatch.setenv("XLATE_TERMS", str(path))
    return path
