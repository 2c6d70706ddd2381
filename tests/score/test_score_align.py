"""xlate.score.align on small hand-computed cases: parsing, counts, types, signature, errors."""

from __future__ import annotations

import pytest

from xlate.errors import ConfigError, InputError
from xlate.score.align import AlignMetric, parse_beads

GOLD = parse_beads("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n[3]:[3]\n[]:[4]\n")
TEST = parse_beads("[0]:[0]:0.91\n[1]:[1]\n[]:[2]\n[2, 3]:[3]\n[]:[4]\n")


def test_hand_computed_pooled_scores():
    s = AlignMetric().score({"a": GOLD}, {"a": TEST})
    # precision over 5 predicted beads: strict [0]:[0] and []:[4]; lax adds [1]:[1] and [2, 3]:[3]
    assert (s.strict.precision, s.lax.precision) == (2 / 5, 4 / 5)
    # recall over the 3 gold beads with both sides, against predicted beads with both sides
    assert (s.strict.recall, s.lax.recall) == (1 / 3, 1.0)
    assert s.strict.f1 == pytest.approx(2 * (0.4 / 3) / (0.4 + 1 / 3))
    assert s.precision_counts.to_dict() == {"strict_hit": 2, "strict_miss": 3, "lax_hit": 4, "lax_miss": 1}


def test_per_type_counts_include_one_sided_beads():
    t = AlignMetric().score({"a": GOLD}, {"a": TEST}).by_type
    assert list(t) == ["1-1", "1-2", "2-1", "1-0", "0-1"]
    assert (t["1-1"].gold, t["1-1"].found, t["1-1"].pred, t["1-1"].correct) == (2, 1, 2, 1)
    assert (t["0-1"].gold, t["0-1"].found, t["0-1"].pred, t["0-1"].correct) == (1, 1, 2, 1)
    assert t["2-1"].recall is None and t["2-1"].precision == 0.0  # predicted only
    assert t["1-0"].recall == 0.0 and t["1-0"].precision is None  # gold only


def test_types_outside_the_list_are_other_unless_all():
    gold, pred = {"a": parse_beads("[0, 1]:[0, 1]\n")}, {"a": parse_beads("[0, 1]:[0, 1]\n")}
    assert list(AlignMetric().score(gold, pred).by_type) == ["other"]
    assert list(AlignMetric(types=None).score(gold, pred).by_type) == ["2-2"]
    assert "types:all" in AlignMetric(types=None).signature(1)
    with pytest.raises(ConfigError, match="'one-one'"):
        AlignMetric(types=("one-one",))


def test_counts_pool_over_documents_and_each_document_is_scored():
    a, bad = parse_beads("[0]:[0]\n[1]:[1]\n"), parse_beads("[0, 1]:[0, 1]\n")
    s = AlignMetric().score({"x": a, "y": bad}, {"x": a, "y": a})
    assert s.strict.recall == pytest.approx(2 / 3)  # gold beads with both sides: 2 of 3
    assert s.strict.precision == pytest.approx(2 / 4)  # pooled 2 of 4, not the mean of 1.0 and 0.0
    assert s.docs["x"].strict.f1 == 1.0 and s.docs["y"].strict.f1 == 0.0


def test_duplicates_and_empty_beads_are_ignored():
    s = AlignMetric().score({"a": GOLD}, {"a": GOLD + GOLD[:2] + [((), ())]})
    assert s.strict.f1 == 1.0 and s.docs["a"].n_pred == len(GOLD)


def test_signature_records_every_setting():
    sig = AlignMetric().score({"a": GOLD, "b": GOLD}, {"a": TEST, "b": GOLD}).signature
    fields = dict(f.split(":", 1) for f in sig.split("|")[1:])
    assert sig.startswith("xlate-score-align|")
    assert fields["scoring"] == "vecalign" and fields["docs"] == "2" and fields["version"]
    assert fields["types"] == "1-1,1-2,2-1,1-0,0-1+other"


@pytest.mark.parametrize("line", ["[0]:", "[0]-[1]", "[a]:[1]", "[0]:[1]:high", "0:1", "[0,]:[1]", "[-1]:[0]"])
def test_a_bad_line_names_the_file_and_line(line):
    with pytest.raises(InputError, match=r"^gold/d\.align:2: not a vecalign bead"):
        parse_beads(f"[0]:[0]\n{line}\n", "gold/d.align")


def test_one_sided_and_scored_lines_parse():
    assert parse_beads("[5]:[]\n\n[]:[7]\n[1, 2]:[3]:0.830000\n") == [((5,), ()), ((), (7,)), ((1, 2), (3,))]


def test_mismatched_document_names_are_an_input_error():
    with pytest.raises(InputError, match="no such file"):
        AlignMetric().score({"a": GOLD}, {"b": GOLD})


def test_markdown_has_the_tables_the_rule_and_the_signature():
    s = AlignMetric().score({"a": GOLD}, {"a": TEST})
    md = s.to_markdown()
    assert "| strict | 0.400 | 0.333 | **0.364** |" in md
    assert "| 2-1 | 0 | 0 | 1 | 0 | 0.000 | n/a | n/a |" in md
    assert "insertions and deletions never count towards recall" in md
    assert md.rstrip().endswith(f"`{s.signature}`")
    d = s.to_dict()
    assert d["signature"] == s.signature and d["docs"]["a"]["n_gold"] == 5 and d["by_type"]["1-1"]["found"] == 1
