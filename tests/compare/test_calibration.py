"""``xlate.compare.calibration``: measured confidence, severity cut from it, the evidence it rests on."""

from __future__ import annotations

import math

import pytest

import xlate
from xlate.compare.calibration import Calibration, default_calibration, features
from xlate.report.model import Finding, Severity

SK = ("Operácie si vyžiadali už 61 životov. Útoky na údajných pašerákov pokračujú. "
      "Washington neuznáva voľby, uviedla agentúra TASS.")
EN = "The operations have already claimed 16 lives. Attacks on smugglers continue. Washington recognises the vote."


def _finding(type_: str = "number", change: str = "altered", **evidence) -> Finding:
    return Finding(type=type_, change=change, severity="high", src=[0], tgt=[0], src_span=None, tgt_span=None,
                   explanation="x", confidence=0.8, evidence={"rule_confidence": 0.8, "rule_severity": "high",
                                                              "bead_score": 0.9, **evidence})


def _model(**types) -> Calibration:
    return Calibration.from_dict({"version": "test", "types": types})


def test_the_shipped_calibration_is_well_formed():
    cal = default_calibration()
    assert cal.version and cal.types
    for kind, model in cal.types.items():
        assert ":" in kind and model.medium <= model.high
        assert all(math.isfinite(w) for w in model.weights.values())


def test_every_finding_carries_its_evidence_and_a_probability():
    r = xlate.check(SK, EN, "sk", "en")
    assert r.findings
    for f in r.findings:
        ev = f.evidence
        assert {"rule_confidence", "rule_severity", "bead_score", "lexicons", "doc_rate", "calibrated"} <= set(ev)
        assert 0.0 <= f.confidence <= 1.0
        if ev["calibrated"]:
            model = default_calibration().types[f"{f.type}:{f.change}"]
            assert f.confidence == pytest.approx(model.probability(features(f)))
    assert r.config["calibration"] == default_calibration().version
    off = xlate.check(SK, EN, "sk", "en", calibration="off")
    assert [round(f.confidence, 4) for f in off.findings] == [f.evidence["rule_confidence"] for f in off.findings]
    assert [f.severity for f in off.findings] == [f.severity for f in r.findings]  # confidence mode keeps severity


def test_severity_is_cut_at_the_models_thresholds():
    cal = _model(**{"number:altered": {"weights": {"bias": 0.0, "bead_score": 4.0}, "medium": 0.7, "high": 0.9}})
    weak, mid, strong = (_finding(bead_score=b) for b in (0.0, 0.3, 1.0))  # p = 0.5, 0.77, 0.98
    cal.apply([weak, mid, strong], severity=True)
    assert [f.severity for f in (weak, mid, strong)] == [Severity.LOW, Severity.MEDIUM, Severity.HIGH]
    assert weak.confidence == pytest.approx(0.5)
    other = _finding("quote", "dropped")
    cal.apply([other], severity=True)  # a kind the model has not seen keeps its rule confidence, claims no severity
    assert (other.severity, other.confidence, other.evidence["calibrated"]) == (Severity.LOW, 0.8, False)
    assert "no planted edit" in other.explanation
    kept = _finding("quote", "dropped")
    cal.apply([kept])  # without severity, its rule severity stands
    assert (kept.severity, kept.evidence["calibrated"]) == (Severity.HIGH, False)


def test_a_concept_the_tool_cannot_read_stays_low():
    cal = _model(**{"hedge:dropped": {"weights": {"bias": 5.0}, "medium": 0.7, "high": 0.9}})
    readable, unreadable = _finding("hedge", "dropped", lexicons=True), _finding("hedge", "dropped", lexicons=False)
    cal.apply([readable, unreadable], severity=True)
    assert readable.severity is Severity.HIGH
    assert unreadable.severity is Severity.LOW and unreadable.confidence <= 0.3


def test_features_read_the_evidence():
    x = features(_finding(mt="confirms", elsewhere=True, concept="ALLEGED"))
    assert x["mt_confirms"] == 1.0 and x["mt_shares"] == 0.0 and x["elsewhere"] == 1.0
    assert x["concept=ALLEGED"] == 1.0 and x["bias"] == 1.0 and x["rule_severity"] == 1.0
