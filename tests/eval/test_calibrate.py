"""``eval.calibrate`` and ``eval.splits``: the fit and the thresholds do what they claim."""

from __future__ import annotations

import numpy as np

from eval.calibrate import fit_logistic, planted_kinds, threshold
from eval.splits import split_of


def test_logistic_fit_recovers_the_direction_of_the_evidence():
    rng = np.random.default_rng(0)
    xs, ys = [], []
    for _ in range(600):
        good = rng.random() < 0.5
        xs.append({"bias": 1.0, "signal": float(rng.normal(1.5 if good else -1.5)), "noise": float(rng.normal())})
        ys.append(good)
    w = fit_logistic(xs, np.array(ys, dtype=float))
    assert w["signal"] > 1.0 and abs(w.get("noise", 0.0)) < 0.3 and abs(w["bias"]) < 0.3


def test_threshold_is_the_lowest_cut_that_keeps_the_precision():
    p = np.array([0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
    y = np.array([1, 1, 1, 1, 1, 1, 0, 0, 1, 0])
    assert threshold(p, y, 0.9) == 0.6  # the top six are all right, the seventh is not
    assert threshold(p, y, 1.01) == 1.01  # unreachable: never that severity


def test_splits_are_stable_halves_that_keep_a_story_together():
    ids = [f"corpus/doc{k}" for k in range(400)]
    fit = [i for i in ids if split_of(i) == "fit"]
    assert 150 < len(fit) < 250
    assert all(split_of(i) == split_of(i + ":rev") == split_of(i + "#3") for i in ids[:50])


def test_only_planted_kinds_are_learned():
    kinds = planted_kinds()
    assert {"number:altered", "hedge:dropped", "omission:dropped", "entity:added"} <= kinds
    assert "attribution:added" not in kinds
