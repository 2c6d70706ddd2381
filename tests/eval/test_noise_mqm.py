"""eval.noise and eval.mqm on a few documents of the shared data: counts add up, labels are right."""

from __future__ import annotations

import json

import pytest

from eval.mqm import label, mcc
from eval.noise import main as noise_main
from eval.noise import news_mt_docs


def test_mqm_labels_and_mcc():
    major = {"errors": [{"category": "Accuracy/Omission", "severity": "Major"}]}
    minor = {"errors": [{"category": "Accuracy/Mistranslation", "severity": "Minor"}]}
    fluency = {"errors": [{"category": "Fluency/Grammar", "severity": "Major"}]}
    assert label(major) == (True, {"Accuracy/Omission"})
    assert label(minor) == (None, set()) and label(fluency) == (False, set())
    assert mcc(10, 0, 10, 0) == 1.0 and mcc(0, 10, 0, 10) == -1.0 and mcc(5, 5, 5, 5) == 0.0


@pytest.mark.shared_data
def test_noise_counts_findings_per_100_sentences(shared_data, tmp_path):
    docs = news_mt_docs(shared_data)
    if not docs:
        pytest.skip(f"no news_mt documents under {shared_data}")
    assert all(len(d.src) == len(d.ref) and all(len(m) == len(d.src) for m in d.mt.values()) for d in docs)
    assert noise_main(["--out", str(tmp_path), "--max-docs", "4", "--no-mt"]) == 0
    res = json.loads((tmp_path / "noise.json").read_text())["results"]
    for by_sys in res.values():
        t = by_sys["none"]
        assert t["all"] >= t["medium+"] >= t["high"] >= 0
        assert sum(t["medium+_by_type"].values()) == pytest.approx(t["medium+"], abs=0.1)
