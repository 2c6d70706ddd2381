"""The no-model translator: returns its input. Used when no MT is configured."""

from __future__ import annotations

from collections.abc import Sequence


class Identity:
    name = "identity"

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        return list(sents)
