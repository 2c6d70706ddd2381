"""Aligner interface: two sentence lists in, monotone beads covering every sentence once out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from xlate.report.model import Link


class Aligner(Protocol):
    name: str

    def align(self, src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str) -> list[Link]:
        """Beads in document order; every index of ``src`` and ``tgt`` appears in exactly one bead.

        ``Link.score`` is in [0, 1]: the aligner's confidence in that bead.
        """
        ...
