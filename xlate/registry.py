"""Name → backend tables, resolved lazily: a backend's module is imported only when it is picked.

Every stage keeps a plain ``{"name": "package.module:Attribute"}`` dict (sacrebleu's style) and
looks names up through :func:`load`, so an unknown name always gets the same one-line error
listing the valid ones, and ``import xlate`` never imports torch.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from xlate.errors import ConfigError


def load_dotted(dotted: str) -> Any:
    """The attribute a ``"package.module:Attribute"`` string names."""
    module, _, attr = dotted.partition(":")
    return getattr(import_module(module), attr)


def load(table: Mapping[str, str], name: str, kind: str) -> Any:
    """The object ``table`` registers as ``name``; a ConfigError naming the valid ones otherwise."""
    if name not in table:
        raise ConfigError(f"unknown {kind} {name!r}; valid: {', '.join(table)}")
    return load_dotted(table[name])
