"""xlate.score.findings: the matching rule on hand-made reports, and the seed pairs end to end."""

from __future__ import annotations

import json

import pytest

from tests.conftest import seed_pairs
from xlate.cli import main
from xlate.errors import ConfigError, InputError
from xlate.report.model import Finding, Report, Sentence, Side, Span
from xlate.score.findings import Expected, ExpectedFinding, FindingsMetric, max_matching, parse_expected

SRC = ["Peskov said 61 people died.", "The treaty entered into force.", "It was signed in May."]
TGT = ["Peskov said 16 people died.", "The treaty entered into force.", "It was signed in May."]


def _side(lang: str, sents: list[str]) -> Side:
    out, at = [], 0
    for i, s in enumerate(sents):
        out.append(Sentence(i, s, at, at + len(s)))
        at += len(s) + 1
    return Side(lang, " ".join(sents), out)


def _finding(type_: str, change: str, src: list[int], tgt: list[int], severity: str = "high",
             span: tuple[int, int] | None = None, fid: str = "F1") -> Finding:
    src_span = Span(" ".join(SRC)[span[0]:span[1]], *span) if span else None
    return Finding(type=type_, change=change, severity=severity, src=src, tgt=tgt, src_span=src_span,
                   tgt_span=None, explanation="x", confidence=0.9, id=fid)


def _report(findings: list[Finding]) -> Report:
    return Report("0", {}, _side("en", SRC), _side("en", TGT), [], findings)


NUMBER = ExpectedFinding("number", "altered", "61 people", "16 people")
DROPPED = ExpectedFinding("omission", "dropped", "signed in May", None)


def _score(findings, expected=(NUMBER,), extra=frozenset(), **kw):
    return FindingsMetric(**kw).score({"doc": (Expected(tuple(expected), frozenset(extra)), _report(findings))})


def test_type_change_and_place_must_all_agree():
    assert _score([_finding("number", "altered", [0], [0])]).total.tp == 1
    assert _score([_finding("number", "dropped", [0], [0])]).total.tp == 0  # wrong change
    assert _score([_finding("number", "altered", [1], [0])]).total.tp == 0  # wrong source sentence
    assert _score([_finding("number", "altered", [0], [2])]).total.tp == 0  # wrong target sentence


def test_a_span_overlap_is_enough_without_the_sentence_id():
    s = _score([_finding("omission", "dropped", [], [], span=(70, 80))], expected=[DROPPED])
    assert (s.total.tp, s.total.fp, s.total.fn) == (1, 0, 0)


def test_a_duplicate_finding_is_a_false_positive():
    s = _score([_finding("number", "altered", [0], [0]), _finding("number", "altered", [0], [0], fid="F2")])
    assert (s.total.tp, s.total.fp, s.total.fn) == (1, 1, 0)
    assert s.total.precision == 0.5 and s.total.recall == 1.0
    assert s.false_alarms[0]["id"] == "F2"


def test_allowed_extra_is_ignored_unless_counted():
    extra = [_finding("number", "altered", [0], [0]), _finding("entity", "added", [], [1], fid="F2")]
    assert _score(extra, extra={"entity"}).total.fp == 0
    counted = _score(extra, extra={"entity"}, count_extra=True)
    assert counted.total.fp == 1 and "extra:counted" in counted.signature
    assert counted.by_kind["entity/added"].fp == 1


def test_findings_below_the_severity_threshold_are_left_out():
    low = [_finding("number", "altered", [0], [0], severity="low")]
    assert _score(low).total.tp == 1
    s = _score(low, min_severity="medium")
    assert (s.total.tp, s.total.fn) == (0, 1) and "severity:medium+" in s.signature
    with pytest.raises(ConfigError):
        FindingsMetric(min_severity="loud")


def test_matching_is_maximum_not_greedy():
    # expectation 0 fits findings 0 and 1; expectation 1 fits only finding 0: both can be answered
    assert max_matching([[0, 1], [0]]) == {0: 1, 1: 0}


def test_a_clean_pair_has_no_recall_to_report():
    s = _score([], expected=[])
    assert s.total.recall is None and s.total.precision is None and s.total.f1 is None
    assert "| all | 0 | 0 | 0 | n/a | n/a | n/a |" in s.to_markdown()


def test_text_that_is_not_in_the_report_is_an_input_error():
    wrong = ExpectedFinding("number", "altered", "50 million", None)
    with pytest.raises(InputError, match="finding 0: src_contains '50 million' is not in the report's source"):
        _score([], expected=[wrong])


@pytest.mark.parametrize("data, message", [
    ({"find": []}, "no 'findings' list"),
    ({"findings": [{"type": "numbers", "change": "altered"}]}, "finding 0: type must be one of"),
    ({"findings": [{"type": "number", "change": "altered", "src_contains": None, "tgt_contains": None}]},
     "finding 0: src_contains/tgt_contains"),
    ({"findings": [], "allowed_extra": ["colour"]}, "allowed_extra must list"),
])
def test_malformed_expectations_name_the_item(data, message):
    with pytest.raises(InputError, match=message):
        parse_expected(data, "exp.json")


def test_markdown_states_the_rule_and_the_signature():
    s = _score([_finding("number", "altered", [0], [0]), _finding("quote", "altered", [0], [0], fid="F9")])
    md = s.to_markdown()
    assert "| number/altered | 1 | 0 | 0 | 1.000 | 1.000 | 1.000 |" in md
    assert "F9: quote/altered (high)" in md
    assert "type and change are equal" in md and "one-to-one" in md
    assert md.rstrip().endswith(f"`{s.signature}`")


# --- the seed pairs, end to end: xlate check into a folder, then xlate score findings -----------


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    for pair in seed_pairs():
        exp = json.loads((pair / "expected.json").read_text(encoding="utf-8"))
        rc = main(["check", str(pair / "source.txt"), str(pair / "target.txt"), "--src-lang", exp["src_lang"],
                   "--tgt-lang", exp["tgt_lang"], "--format", "json", "-o", str(out / f"{pair.name}.json")])
        assert rc == 0
    return out


def _score_seeds(reports, capsys, *extra: str) -> dict:
    seeds = seed_pairs()[0].parent
    assert main(["score", "findings", "--expected", str(seeds), "--reports", str(reports), "--format", "json",
                 *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_seed_pairs_every_planted_change_is_found(seed_reports, capsys):
    got = _score_seeds(seed_reports, capsys)
    planted = {p.name: len(json.loads((p / "expected.json").read_text(encoding="utf-8"))["findings"])
               for p in seed_pairs()}
    assert set(got["docs"]) == set(planted)
    assert {k: d["tp"] + d["fn"] for k, d in got["docs"].items()} == planted
    assert got["fn"] == 0 and got["recall"] == 1.0, got["misses"]
    assert got["tp"] == sum(planted.values()) and f"docs:{len(planted)}" in got["signature"]


def test_seed_pairs_nothing_else_is_loud(seed_reports, capsys):
    """The golden tests' promise, as a score: at medium severity and up, no false alarms."""
    got = _score_seeds(seed_reports, capsys, "--min-severity", "medium")
    assert got["fp"] == 0 and got["precision"] == 1.0, got["false_alarms"]
    everything = _score_seeds(seed_reports, capsys, "--count-extra")
    assert everything["fp"] >= got["fp"] and everything["tp"] == got["tp"]
