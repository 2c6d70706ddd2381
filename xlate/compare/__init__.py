"""Comparison checks, by name. Each compares the two sides bead by bead and returns findings."""

from __future__ import annotations

from xlate.compare.base import Checker
from xlate.registry import load

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
    "stretch": "xlate.compare.stretch:StretchChecker",
}


def get_checker(name: str) -> Checker:
    """The check registered as ``name``, ready to run; a ConfigError lists the valid names."""
    obj = load(CHECKS, name, "check")
    return obj() if isinstance(obj, type) else obj
