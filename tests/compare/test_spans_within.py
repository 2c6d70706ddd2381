"""Every finding's spans lie inside the sentences it cites: renderers slice and highlight by those
sentences, so a span that runs on into the next line would point at text the finding never cites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import xlate
from xlate.config import Config
from xlate.report.model import Report, Sentence, Span

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PAIRS = sorted(p for p in SEEDS.iterdir() if (p / "expected.json").is_file())


def _outside(span: Span, cited: list[Sentence]) -> str:
    """The characters of ``span`` (whitespace aside) that no cited sentence covers."""
    covered = [(s.start, s.end) for s in cited]
    return "".join(ch for k, ch in enumerate(span.text, span.start)
                   if not ch.isspace() and not any(a <= k < b for a, b in covered))


def _violations(report: Report) -> list[str]:
    bad = []
    for f in report.findings:
        for side, sents in (("src", report.source.sentences), ("tgt", report.target.sentences)):
            span = f.span(side)
            if span is None:
                continue
            assert span.text == (report.source if side == "src" else report.target).text[span.start:span.end]
            rest = _outside(span, [sents[i] for i in f.ids(side)])
            if rest:
                bad.append(f"{f.id} {f.type} {side} span {span.text!r} runs outside sentences {f.ids(side)}: {rest!r}")
    return bad


@pytest.mark.parametrize("options", [{}, {"presegmented": True}, {"furniture": False},
                                     {"translator": "identity"}], ids=["rules", "lines", "furniture", "mt"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_seed_spans_lie_in_their_cited_sentences(pair: Path, options: dict) -> None:
    meta = json.loads((pair / "expected.json").read_text("utf-8"))
    report = xlate.check((pair / "source.txt").read_text("utf-8"), (pair / "target.txt").read_text("utf-8"),
                         config=Config(src_lang=meta["src_lang"], tgt_lang=meta["tgt_lang"], **options))
    assert _violations(report) == []


# Lines without final punctuation (headlines, one sentence per line) where a reporting verb or
# "according to" ends a line and a name starts the next, a quote that runs across two sentences
# of different beads, and other line separators than \n.
CRAFTED = {
    "say_then_name_on_next_line": ("The talks failed, the minister said\nTASS reported a deal in Moscow\n"
                                   "The vote is on Monday\n",
                                   "Die Gespräche scheiterten\nEin Abkommen in Moskau\nDie Abstimmung ist am Montag\n",
                                   "en", "de", "said"),
    "sk_say_then_name_on_next_line": ("Rokovania zlyhali, uviedla\nTASS o tom informovala v Moskve\n",
                                      "The talks failed\nit reported in Moscow\n", "sk", "en", "uviedla"),
    "according_to_then_carriage_return": ("The deal is off according to\rTASS agency sources in Moscow\r",
                                          "Das Abkommen ist geplatzt\rQuellen in Moskau\r", "en", "de",
                                          "according to"),
    "according_to_then_ellipsis": ("The deal is off, according to… TASS Reuters AFP reported in Moscow.\n",
                                   "Das Abkommen ist geplatzt.\n", "en", "de", "according to"),
    "quote_across_beads": ("He said: “We will go. We will stay here for years.” Then he left the room.\n",
                           "Er sagte, sie würden gehen. Sie bleiben hier für Jahre. Dann ging er.\n", "en", "de",
                           "“We will go."),
}


@pytest.mark.parametrize("presegmented", [False, True], ids=["rules", "lines"])
@pytest.mark.parametrize("case", CRAFTED)
def test_crafted_multiline_spans_lie_in_their_cited_sentences(case: str, presegmented: bool) -> None:
    src, tgt, sl, tl, _ = CRAFTED[case]
    report = xlate.check(src, tgt, config=Config(src_lang=sl, tgt_lang=tl, presegmented=presegmented))
    assert _violations(report) == []


@pytest.mark.parametrize("case", CRAFTED)
def test_crafted_findings_are_still_reported_with_the_span_cut_at_the_sentence(case: str) -> None:
    # The fix keeps the finding; only its span stops where its sentence does.
    src, tgt, sl, tl, span = CRAFTED[case]
    report = xlate.check(src, tgt, config=Config(src_lang=sl, tgt_lang=tl))
    assert span in [f.src_span.text for f in report.findings if f.src_span], [
        (f.type, f.src_span) for f in report.findings]
