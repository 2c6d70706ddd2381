"""``xlate.report.html``: the app's bead table, built from hand-made reports (no pipeline run)."""

from __future__ import annotations

import re

from xlate.report.html import bead_rows, beads_html, legend_html
from xlate.report.model import Finding, Link, Report, Sentence, Side, Span


def _report(src_text: str, tgt_text: str, findings: list[Finding], alignment: list[Link],
            translations: dict | None = None) -> Report:
    def side(lang: str, text: str) -> Side:
        sents, pos = [], 0
        for i, part in enumerate(text.split("|")):
            sents.append(Sentence(i, part, pos, pos + len(part)))
            pos += len(part) + 1
        return Side(lang, text, sents)

    summary = {"findings_by_type": {f.type: 1 for f in findings}, "findings_by_severity": {"high": len(findings)}}
    return Report("0", {"src_lang": "sk", "tgt_lang": "en", "signature": "x"}, side("sk", src_text),
                  side("en", tgt_text), alignment, findings, summary, translations)


def _f(fid: str, type_: str, src: list[int], tgt: list[int], s: Span | None, t: Span | None,
       severity: str = "high", change: str = "altered") -> Finding:
    return Finding(type=type_, change=change, severity=severity, src=src, tgt=tgt, src_span=s, tgt_span=t,
                   explanation=f"why {fid}", confidence=0.9, id=fid)


def test_marks_by_offset_not_by_search() -> None:
    # "61" occurs twice in the source; only the second one is the finding.
    src, tgt = "61 a 61 b", "61 a 16 b"
    f = _f("F1", "number", [0], [0], Span("61", 5, 7), Span("16", 5, 7))
    r = _report(src, tgt, [f], [Link((0,), (0,), 0.9)])
    html = beads_html(r, bead_rows(r))
    assert '<span class="sid">0</span>61 a <mark' in html
    assert html.count('data-finding="F1"') == 2


def test_text_is_escaped_and_nested_spans_nest() -> None:
    src = "He said <b>„we will help“</b> today"
    quote = Span("„we will help“", 11, 25)
    inner = Span("help", 20, 24)
    findings = [_f("F1", "quote", [0], [0], quote, None, change="dropped"),
                _f("F2", "hedge", [0], [0], inner, None, severity="low", change="dropped")]
    r = _report(src, "He said today", findings, [Link((0,), (0,), 0.8)])
    html = beads_html(r, bead_rows(r))
    assert "&lt;b&gt;" in html and "<b>„" not in html
    mark = r'<mark [^>]*data-finding="{}"[^>]*>'
    assert re.search(mark.format("F1") + "„we will " + mark.format("F2") + "help</mark>“</mark>", html)
    assert html.count("∅ quote") == 1 and html.count("∅ hedge") == 1  # the side without the text


def test_empty_side_and_gloss_toggle() -> None:
    f = _f("F1", "omission", [1], [], Span("Dropped.", 4, 12), None, change="dropped")
    r = _report("Kept|Dropped.", "Kept", [f], [Link((0,), (0,), 0.9), Link((1,), (), 0.0)],
                translations={"source": ["Kept (mt)", "Dropped (mt)"], "target": ["Ponechané"]})
    html = beads_html(r, bead_rows(r))
    assert 'class="empty">no target sentence: omitted' in html
    assert '<div class="gloss" title="machine translation">Dropped (mt)</div>' in html
    assert "gloss" not in beads_html(r, bead_rows(r), show_gloss=False).split("</style>")[1]


def test_a_moved_sentence_links_each_empty_cell_to_where_the_sentence_is() -> None:
    # Source 1 moved to the front of the target: two rows, each with an empty cell pointing at the other.
    f = _f("F1", "omission", [1], [0], Span("Moved.", 5, 11), Span("Moved.", 0, 6), severity="medium",
           change="moved")
    r = _report("Kept|Moved.", "Moved.|Kept", [f], [Link((), (0,), 0.9), Link((0,), (1,), 0.9), Link((1,), (), 0.9)])
    html = beads_html(r, bead_rows(r))
    assert html.count("the sentence stands elsewhere in this version") == 2
    assert '<a href="#src-s1">↪ source sentence 1</a>' in html and 'id="src-s1"' in html
    assert '<a href="#tgt-s0">↪ target sentence 0</a>' in html and 'id="tgt-s0"' in html


def test_filters() -> None:
    fs = [_f("F1", "number", [0], [0], None, None), _f("F2", "hedge", [1], [1], None, None, severity="low")]
    r = _report("a|b|c", "a|b|c", fs, [Link((i,), (i,), 0.9) for i in range(3)])
    assert [len(x.findings) for x in bead_rows(r)] == [1, 1, 0]
    assert [x.index for x in bead_rows(r, only_findings=True)] == [0, 1]
    assert [x.index for x in bead_rows(r, types={"hedge"}, only_findings=True)] == [1]
    assert [x.index for x in bead_rows(r, severities={"high"}, only_findings=True)] == [0]
    assert "No rows match the filters" in beads_html(r, [])
    assert "number <b>1</b>" in legend_html(r)


def test_the_page_and_the_viewer_draw_the_same_table():
    import xlate
    from xlate.report.html import to_html

    root = __import__("pathlib").Path(__file__).resolve().parents[2] / "seeds" / "sk-en_tasr_altered"
    r = xlate.check((root / "source.txt").read_text("utf-8"), (root / "target.txt").read_text("utf-8"), "sk", "en")
    page = to_html(r)
    assert beads_html(r, bead_rows(r), css=False) in page and legend_html(r, css=False) in page
    assert page.count("<style>") == 2  # the page's own, and the table's once
    assert page.count("data-finding=") >= len(r.findings) and r.config["signature"] in page
