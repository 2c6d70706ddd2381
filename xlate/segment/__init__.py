"""Sentence segmentation: the rule-based splitter, or one sentence per line as given."""

from __future__ import annotations

from xlate.report.model import Sentence
from xlate.segment.rules import RuleSegmenter


def segment(text: str, lang: str) -> list[Sentence]:
    """Sentences of ``text`` in order; ``text[s.start:s.end] == s.text`` for each."""
    return RuleSegmenter().segment(text, lang)


def presegmented(text: str) -> list[Sentence]:
    """One sentence per line, kept as given (blank lines dropped), offsets into ``text``."""
    out: list[Sentence] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            a = pos + body.index(stripped)
            out.append(Sentence(len(out), stripped, a, a + len(stripped)))
        pos += len(line)
    return out
