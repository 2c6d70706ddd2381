"""Sentence alignment: the lexical aligner (plus embeddings and MT views when given) and its contract."""

from __future__ import annotations

from collections.abc import Sequence

from xlate.align.base import Aligner
from xlate.align.lexical import LexicalAligner, LexicalParams
from xlate.embed.base import Embedder
from xlate.errors import BackendError, ConfigError
from xlate.report.model import Link

__all__ = ["Aligner", "LexicalAligner", "LexicalParams", "align", "check_beads"]


def align(src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str, *,
          params: LexicalParams | None = None, embedder: Embedder | None = None,
          src_mt: Sequence[str] | None = None, tgt_mt: Sequence[str] | None = None,
          **knobs: float) -> list[Link]:
    """Monotone beads covering every sentence of ``src`` and ``tgt`` exactly once, in order.

    ``src_mt`` (``tgt_mt``) is an optional translation of ``src`` (``tgt``) into the other language,
    line-parallel with it, compared with the other side (translate-then-align). ``knobs`` override
    single fields of ``params`` (:class:`LexicalParams`).
    """
    for name, mt, ref in (("src_mt", src_mt, src), ("tgt_mt", tgt_mt, tgt)):
        if mt is not None and len(mt) != len(ref):
            raise ConfigError(f"{name} has {len(mt)} lines for {len(ref)} sentences")
    try:
        aligner = LexicalAligner(embedder=embedder, params=params, **knobs)
    except TypeError as e:  # a knob LexicalParams does not have
        raise ConfigError(f"aligner: {e}") from e
    links = aligner.align(src, tgt, src_lang, tgt_lang, src_mt=src_mt, tgt_mt=tgt_mt)
    check_beads(links, len(src), len(tgt), aligner.name)
    return links


def check_beads(links: Sequence[Link], n: int, m: int, name: str) -> None:
    """The stage contract: monotone beads that cover every sentence once (BackendError otherwise)."""
    i = j = 0
    for link in links:
        if list(link.src) != list(range(i, i + len(link.src))) or list(link.tgt) != list(
                range(j, j + len(link.tgt))) or not (link.src or link.tgt):
            raise BackendError(f"aligner {name!r} returned a non-monotone bead {link}")
        i, j = i + len(link.src), j + len(link.tgt)
    if (i, j) != (n, m):
        raise BackendError(f"aligner {name!r} covered {i}/{n} source, {j}/{m} target sentences")
