"""Segmenter interface: text in, sentences with offsets into that text out."""

from __future__ import annotations

from typing import Protocol

from xlate.report.model import Sentence


class Segmenter(Protocol):
    name: str

    def segment(self, text: str, lang: str) -> list[Sentence]:
        """Sentences of ``text`` in order; ``text[s.start:s.end] == s.text`` for each."""
        ...
