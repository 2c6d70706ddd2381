"""xlate: find where two language versions of one story disagree.

``xlate.check(source, target, src_lang, tgt_lang) -> Report`` is the whole pipeline, and
``xlate.Config`` holds every setting; heavy backends (torch, transformers) are imported only when
a model backend is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from xlate.config import Config
    from xlate.report.model import Report


def check(source: str, target: str, src_lang: str | None = None, tgt_lang: str | None = None,
          config: Config | None = None, **options: Any) -> Report:
    """Compare two language versions of one story; see :func:`xlate.pipeline.check`.

    ``options`` are fields of :class:`xlate.Config` (``presegmented=True``, ``translator="auto"``,
    ``source_mt=[...]``, ``device="cuda"``…) and override ``config``.
    """
    from xlate.pipeline import check as _check

    return _check(source, target, config=config, **_langs(src_lang, tgt_lang, options))


def align(source: str, target: str, src_lang: str | None = None, tgt_lang: str | None = None,
          config: Config | None = None, **options: Any) -> Report:
    """The sentence alignment ``check`` would compare (a report without findings)."""
    from xlate.pipeline import align as _align

    return _align(source, target, config=config, **_langs(src_lang, tgt_lang, options))


def _langs(src_lang: str | None, tgt_lang: str | None, options: dict[str, Any]) -> dict[str, Any]:
    out = dict(options)
    if src_lang is not None:
        out["src_lang"] = src_lang
    if tgt_lang is not None:
        out["tgt_lang"] = tgt_lang
    return out


def __getattr__(name: str) -> Any:
    # ``xlate.Config`` without importing the pipeline at ``import xlate``.
    if name == "Config":
        from xlate.config import Config

        return Config
    raise AttributeError(f"module 'xlate' has no attribute {name!r}")


__all__ = ["Config", "align", "check", "__version__"]
