"""Term lists: accepted renderings settle name and number findings; ignored terms are never flagged."""

from __future__ import annotations

import pytest

import xlate
from xlate.errors import InputError
from xlate.review.terms import Term, TermList, append_term

CASES = {  # text pairs on which a check flags something a desk has settled
    "court": ("Rozhodol o tom Nejvyšší soud v Brně. Rozsudek je konečný.",
              "The Supreme Court in Brno ruled on it. The verdict is final.", "cs", "en"),
    "agency": ("Spojené štáty uvalili sankcie. Informovala o tom agentúra TASR.",
               "The USA imposed sanctions. The agency reported it.", "sk", "en"),
    "dozen": ("Útok si vyžiadal tucet obetí.", "The attack claimed 12 victims.", "sk", "en"),
}
TSV = """# a desk's list
kind\tsrc_lang\ttgt_lang\tsource\ttarget
accept\tcs\ten\tNejvyšší soud\tSupreme Court
ignore\tsk\t*\tTASR\t
accept\tsk\ten\ttucet\t12
"""


def _settled(terms: TermList, case: str, source: str | None = None, target: str | None = None) -> tuple[int, int]:
    s, t, a, b = CASES[case]
    r = xlate.check(source or s, target or t, a, b)
    return terms.apply(r.findings, a, b, r.source.sentences, r.target.sentences)[1], len(r.findings)


@pytest.fixture
def terms(tmp_path) -> TermList:
    (tmp_path / "terms.tsv").write_text(TSV, encoding="utf-8")
    return TermList.load(tmp_path / "terms.tsv")


@pytest.mark.parametrize("case", list(CASES))
def test_each_entry_settles_its_finding(terms: TermList, case: str) -> None:
    assert _settled(TermList(()), case)[0] == 0
    settled, total = _settled(terms, case)
    assert total >= 1 and settled == total


def test_an_accepted_rendering_does_not_excuse_another_value(terms: TermList) -> None:
    assert _settled(terms, "dozen", target="The attack claimed 13 victims.") == (0, 1)


def test_entries_apply_to_their_language_pair_only(terms: TermList) -> None:
    s, t, _, _ = CASES["agency"]
    r = xlate.check(s, t, "cs", "en")  # the same words read as Czech: the sk entry does not apply
    assert terms.apply(r.findings, "cs", "en", r.source.sentences, r.target.sentences)[1] == 0


def test_toml_and_tsv_lists_are_the_same(tmp_path, terms: TermList) -> None:
    (tmp_path / "terms.toml").write_text(
        '[[accept]]\npair = "cs-en"\nsource = "Nejvyšší soud"\ntarget = "Supreme Court"\n'
        '[[ignore]]\npair = "sk-*"\nsource = "TASR"\n'
        '[[accept]]\npair = "sk-en"\nsource = "tucet"\ntarget = "12"\n', encoding="utf-8")
    assert set(TermList.load(tmp_path / "terms.toml").terms) == set(terms.terms)


@pytest.mark.parametrize("text, message", [
    ("accept\tsk\tKyjev\n", "line 1: 3 columns"),
    ("accept\tsk\ten\tKyjev\n", "line 1: an accept entry needs a source and a target"),
    ("maybe\tsk\ten\tKyjev\tKyiv\n", "kind must be accept or ignore"),
    ("accept\tsk\ten\tKyjev\t\n", "needs a source and a target"),
    ("ignore\tsk\ten\t\t\n", "needs a source or a target"),
])
def test_a_bad_row_is_one_line_naming_it(tmp_path, text: str, message: str) -> None:
    (tmp_path / "t.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        TermList.load(tmp_path / "t.tsv")


def test_append_creates_the_file_and_keeps_entries_once(tmp_path) -> None:
    path = tmp_path / "desk" / "terms.tsv"
    entry = Term("accept", "uk", "en", "Київ", "Kyiv")
    append_term(path, entry)
    append_term(path, entry)
    loaded = TermList.load(path)
    assert loaded.terms == (entry,) and loaded.sha
    append_term(path, Term("ignore", None, None, None, "AP"))
    assert len(TermList.load(path).terms) == 2 and TermList.load(path).sha != loaded.sha


def test_check_with_terms_records_them_and_settles_findings(tmp_path, capsys, monkeypatch) -> None:
    import json

    from xlate.cli import main

    monkeypatch.delenv("XLATE_TERMS", raising=False)
    monkeypatch.setenv("XLATE_REVIEWS", str(tmp_path / "store" / "reviews.sqlite"))  # no terms.tsv beside it
    s, t, a, b = CASES["court"]
    (tmp_path / "s.txt").write_text(s, encoding="utf-8")
    (tmp_path / "t.txt").write_text(t, encoding="utf-8")
    (tmp_path / "terms.tsv").write_text(TSV, encoding="utf-8")
    args = ["check", str(tmp_path / "s.txt"), str(tmp_path / "t.txt"), "--src-lang", a, "--tgt-lang", b,
            "--format", "json"]
    assert main(args) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main([*args, "--terms", str(tmp_path / "terms.tsv")]) == 0
    settled = json.loads(capsys.readouterr().out)
    assert plain["findings"] and not settled["findings"]
    assert "|terms:" not in plain["config"]["signature"] and plain["config"]["terms"] is None
    assert f"|terms:{TermList.load(tmp_path / 'terms.tsv').sha}|" in settled["config"]["signature"]
    assert settled["config"]["terms"]["entries"] == 1  # one of the three entries is for cs-en
    monkeypatch.setenv("XLATE_TERMS", str(tmp_path / "terms.tsv"))  # the default list applies by itself
    assert main(args) == 0 and not json.loads(capsys.readouterr().out)["findings"]
    assert main([*args, "--no-terms"]) == 0 and json.loads(capsys.readouterr().out)["findings"]
    assert main([*args, "--terms", str(tmp_path / "missing.tsv")]) == 2
    assert "cannot read term list" in capsys.readouterr().err


def test_a_default_list_not_made_yet_is_no_list(tmp_path, capsys, monkeypatch) -> None:
    from xlate.cli import main

    monkeypatch.setenv("XLATE_TERMS", str(tmp_path / "not-yet.tsv"))
    s, t, a, b = CASES["court"]
    (tmp_path / "s.txt").write_text(s, encoding="utf-8")
    (tmp_path / "t.txt").write_text(t, encoding="utf-8")
    assert main(["check", str(tmp_path / "s.txt"), str(tmp_path / "t.txt"), "--src-lang", a, "--tgt-lang", b]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("entry, source, target", [
    # A term that merely shares a number or a word with the sentence settles nothing.
    (Term("ignore", None, None, None, "Article 5"), "The board has 6 members under Article 7.",
     "The board has 5 members under Article 7."),
    (Term("accept", None, None, "9/11", "9/11"), "Since 9/11, 9 soldiers died.", "Since 9/11, 11 soldiers died."),
    (Term("accept", "en", "en", "Route 61", "Route 16"), "On Route 16, 61 people were hurt.",
     "On Route 16, 16 people were hurt."),
])
def test_an_unrelated_term_does_not_settle_a_changed_number(entry: Term, source: str, target: str) -> None:
    r = xlate.check(source, target, "en", "en")
    assert [f.type for f in r.findings] == ["number"]
    assert TermList((entry,)).apply(r.findings, "en", "en", r.source.sentences, r.target.sentences)[1] == 0


def test_row_and_value_edge_cases(tmp_path) -> None:
    (tmp_path / "t.tsv").write_text("  # an indented comment\nignore\tsk\t*\tTASR\n", encoding="utf-8")
    assert TermList.load(tmp_path / "t.tsv").terms == (Term("ignore", "sk", None, "TASR", None),)
    (tmp_path / "t.toml").write_text('[[accept]]\npair = "sk-en"\nsource = 5\ntarget = "five"\n', encoding="utf-8")
    with pytest.raises(InputError, match="source must be a string"):
        TermList.load(tmp_path / "t.toml")


def test_the_default_list_sits_beside_the_review_store_given(tmp_path, capsys, monkeypatch) -> None:
    import json

    from xlate.cli import main

    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "terms.tsv").write_text(TSV, encoding="utf-8")
    from xlate.review.store import ReviewStore

    ReviewStore(desk / "reviews.sqlite").all()  # make the desk's store
    s, t, a, b = CASES["court"]
    (tmp_path / "s.txt").write_text(s, encoding="utf-8")
    (tmp_path / "t.txt").write_text(t, encoding="utf-8")
    args = ["check", str(tmp_path / "s.txt"), str(tmp_path / "t.txt"), "--src-lang", a, "--tgt-lang", b,
            "--format", "json"]
    assert main([*args, "--reviews", str(desk / "reviews.sqlite")]) == 0
    assert json.loads(capsys.readouterr().out)["config"]["terms"] is not None
