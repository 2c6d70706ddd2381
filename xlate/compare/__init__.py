"""Comparison checks, by name. Each compares the two sides bead by bead and returns findings."""

from __future__ import annotations

from importlib import import_module

from xlate.compare.base import Checker
from xlate.errors import ConfigError

# name -> "module:attribute" (a class, or a ready instance for the lexicon concept checks)
CHECKS = {
    "numbers": "xlate.compare.numbers:NumberChecker",
    "quotes": "xlate.compare.quotes:QuoteChecker",
    "hedges": "xlate.compare.concepts:HEDGE_CHECKER",
    "attribution": "xlate.compare.concepts:ATTRIBUTION_CHECKER",
    "negation": "xlate.compare.concepts:NEGATION_CHECKER",
    "entities": "xlate.compare.entities:EntityChecker",
    "omission": "xlate.compare.omission:OmissionChecker",
    "length": "xlate.compare.length:LengthChecker",
}


def get_checker(name: str) -> Checker:
    if name not in CHECKS:
        raise ConfigError(f"unknown check {name!r}; valid: {', '.join(CHECKS)}")
    module, _, attr = CHECKS[name].partition(":")
    obj = getattr(import_module(module), attr)
    return obj() if isinstance(obj, type) else obj
