"""eval.clauses on a few news_mt documents: copies are planted, scored, and MT helps."""

from __future__ import annotations

import json

import pytest

from eval.clauses import KINDS, MODES
from eval.clauses import main as clauses_main


@pytest.mark.shared_data
def test_clause_benchmark_scores_both_modes(shared_data, tmp_path):
    if not (shared_data / "news_mt").is_dir():
        pytest.skip(f"no news_mt under {shared_data}")
    assert clauses_main(["--out", str(tmp_path), "--max-docs", "6"]) == 0
    res = json.loads((tmp_path / "clauses.json").read_text())["results"]
    assert set(res) == set(MODES)
    for mode in MODES:
        t = res[mode]["all"]
        assert t["docs"] == 6 and t["false_stretch_per_100"] >= 0
        for kind in KINDS:
            assert t[kind]["copies"] > 0 and 0 <= t[kind]["recall"] <= 1
            assert sum(v["copies"] for v in t[kind]["by_form"].values()) == t[kind]["copies"]
    # Without MT a clause with no name or number cannot be seen; with a translation most can.
    added = [res[m]["all"]["clause_added"]["recall"] for m in MODES]
    assert added[1] > added[0]
    assert (tmp_path / "clauses.md").read_text().startswith("# Clauses cut or added")
