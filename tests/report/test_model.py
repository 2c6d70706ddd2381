"""``Severity``: one ordered type, usable wherever a plain string was."""

from __future__ import annotations

import json

import pytest

from xlate.report.model import SEVERITIES, Severity


def test_order_weight_and_plain_strings():
    assert [s.value for s in SEVERITIES] == ["low", "medium", "high"]
    assert Severity.HIGH > "medium" > Severity.LOW and Severity("medium") >= "medium"
    assert sorted(["high", "low", "medium"], key=Severity) == ["low", "medium", "high"]
    assert {"low": 1}[Severity.LOW] == 1 and json.dumps([Severity.HIGH]) == '["high"]' and f"{Severity.LOW}" == "low"
    assert [s.weight for s in SEVERITIES] == sorted(s.weight for s in SEVERITIES)
    assert Severity.HIGH.lowered() is Severity.MEDIUM and Severity.LOW.lowered() is Severity.LOW


def test_comparing_with_a_non_severity_is_a_type_error():
    with pytest.raises(TypeError):
        _ = Severity.LOW < 3
