"""xlate: find where two language versions of one story disagree.

``xlate.check(source, target, src_lang, tgt_lang) -> Report`` is the whole pipeline; heavy
backends (torch, transformers) are imported only when a model backend is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from xlate.report.model import Report


def check(source: str, target: str, src_lang: str | None = None, tgt_lang: str | None = None,
          **options: Any) -> Report:
    """Compare two language versions of one story; see :func:`xlate.pipeline.check`."""
    from xlate.pipeline import check as _check

    return _check(source, target, src_lang, tgt_lang, **options)


__all__ = ["check", "__version__"]
