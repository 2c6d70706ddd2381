"""Sentence alignment: pick an aligner by name; backends are imported only when picked."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import Any

from xlate.align.base import Aligner
from xlate.errors import BackendError, ConfigError
from xlate.report.model import Link

ALIGNERS = {"lexical": "xlate.align.lexical:LexicalAligner"}


def get_aligner(name: str = "lexical", **opts: Any) -> Aligner:
    """Build the aligner registered as ``name``; unknown names list the valid ones."""
    path = ALIGNERS.get(name)
    if path is None:
        raise ConfigError(f"unknown aligner {name!r}; valid: {', '.join(sorted(ALIGNERS))}")
    module, cls = path.split(":")
    try:
        return getattr(import_module(module), cls)(**opts)
    except TypeError as e:  # an option the backend does not know
        raise ConfigError(f"aligner {name!r}: {e}") from e


def align(src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str, *,
          aligner: str = "lexical", src_mt: Sequence[str] | None = None,
          tgt_mt: Sequence[str] | None = None, **opts: Any) -> list[Link]:
    """Monotone beads covering every sentence of ``src`` and ``tgt`` exactly once, in order.

    ``src_mt`` (``tgt_mt``) is an optional translation of ``src`` (``tgt``) into the other language,
    line-parallel with it; aligners that can use it compare it with the other side.
    """
    for name, mt, ref in (("src_mt", src_mt, src), ("tgt_mt", tgt_mt, tgt)):
        if mt is not None and len(mt) != len(ref):
            raise ConfigError(f"{name} has {len(mt)} lines for {len(ref)} sentences")
    backend = get_aligner(aligner, **opts)
    if src_mt is None and tgt_mt is None:
        links = backend.align(src, tgt, src_lang, tgt_lang)
    else:
        links = backend.align(src, tgt, src_lang, tgt_lang,  # type: ignore[call-arg]
                              src_mt=src_mt, tgt_mt=tgt_mt)
    _check(links, len(src), len(tgt), aligner)
    return links


def _check(links: Sequence[Link], n: int, m: int, name: str) -> None:
    """The stage contract, checked once for every backend: monotone, complete coverage."""
    i = j = 0
    for link in links:
        if list(link.src) != list(range(i, i + len(link.src))) or list(link.tgt) != list(
                range(j, j + len(link.tgt))) or not (link.src or link.tgt):
            raise BackendError(f"aligner {name!r} returned a non-monotone bead {link}")
        i, j = i + len(link.src), j + len(link.tgt)
    if (i, j) != (n, m):
        raise BackendError(f"aligner {name!r} covered {i}/{n} source, {j}/{m} target sentences")
