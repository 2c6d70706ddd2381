"""``eval.calibrate`` and ``eval.splits``: the fit and the thresholds do what they claim."""

from __future__ import annotations

import numpy as np

from eval.calibrate import collateral, fit_logistic, labelled, planted_kinds, threshold
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
    assert threshold(p, y, 0.7) == 0.2  # all ten: seven of them right


def test_threshold_never_splits_findings_of_one_probability():
    """One story's copies repeat a finding with one probability: a cut takes all of them or none."""
    p = np.array([0.9] * 6 + [0.8] * 4)
    y = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
    assert threshold(p, y, 0.9) == 1.01  # five right ones share 0.9 with a wrong one: 5/6 at best
    assert threshold(p, y, 0.8) == 0.9
    assert threshold(p, y, 0.5) == 0.8  # all ten: half right


def test_splits_are_stable_halves_that_keep_a_story_together():
    ids = [f"corpus/doc{k}" for k in range(400)]
    fit = [i for i in ids if split_of(i) == "fit"]
    assert 150 < len(fit) < 250
    assert all(split_of(i) == split_of(i + ":rev") == split_of(i + "#3") for i in ids[:50])


def test_only_planted_kinds_are_learned():
    kinds = planted_kinds()
    assert {"number:altered", "hedge:dropped", "omission:dropped", "entity:added"} <= kinds
    assert "attribution:added" not in kinds


def _f(type_, change, src=(), tgt=(), src_span=None, tgt_span=None):
    return {"type": type_, "change": change, "src": list(src), "tgt": list(tgt), "new": True, "x": {},
            "confidence": 0.5, "severity": "medium", "src_seg_span": src_span, "tgt_seg_span": tgt_span,
            "src_whole": False, "tgt_whole": False}


def test_findings_on_the_planted_material_are_neither_hits_nor_false_alarms():
    """A number in a clause slipped in from another story is a real difference, only not the
    edit's expected finding; a number elsewhere in the sentence is a false alarm."""
    label = {"kind": "clause_added", "type": "addition", "change": "added", "src_seg": 2, "tgt_seg": 2,
             "accept": [], "detail": {"tgt_start": 30, "tgt_end": 60}}
    hit = _f("addition", "added", [2], [2], tgt_span=[2, 30, 60])
    inside = _f("number", "altered", [2], [2], src_span=[2, 5, 7], tgt_span=[2, 40, 42])
    outside = _f("number", "altered", [2], [2], src_span=[2, 5, 7], tgt_span=[2, 10, 12])
    assert collateral(inside, label) and not collateral(outside, label)
    rows = labelled([{"findings": [hit, inside, outside], "label": label, "base": "b", "mt": False, "pair": "cs-en"}])
    assert [(r["kind"], r["y"]) for r in rows] == [("addition:added", 1), ("number:altered", 0)]
    # An added sentence is planted material as a whole; a finding on another segment is not.
    added = {"kind": "sentence_added", "type": "addition", "change": "added", "src_seg": None, "tgt_seg": 4,
             "accept": [], "detail": {}}
    assert collateral(_f("entity", "added", [], [4], tgt_span=[4, 0, 5]), added)
    assert not collateral(_f("entity", "added", [], [3], tgt_span=[3, 0, 5]), added)


def test_a_cut_must_hold_for_other_draws_of_the_stories():
    """One story repeating a lucky run of right findings does not make a cut: the precision must
    survive resampling the stories."""
    # 40 stories with one right (p 0.8) and one wrong (p 0.8) finding each: 50% at 0.8 ...
    p = [0.8] * 80
    y = [1, 0] * 40
    g = [f"s{k}" for k in range(40) for _ in range(2)]
    # ... and one story whose 30 copies of a right finding sit at 0.6, lifting the cut's pooled precision.
    p += [0.6] * 30
    y += [1] * 30
    g += ["lucky"] * 30
    p, y, g = np.array(p), np.array(y), np.array(g)
    assert threshold(p, y, 0.6) == 0.6  # pooled: 70 of 110 right
    assert threshold(p, y, 0.6, g) == 1.01  # by story: it holds only where the lucky story is drawn
    assert threshold(np.array([0.9] * 50 + [0.2] * 50), np.array([1] * 45 + [0] * 55), 0.8,
                     np.array([f"u{k}" for k in range(100)])) == 0.9
