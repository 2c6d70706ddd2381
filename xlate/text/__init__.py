"""Script-independent text helpers shared by the aligner and the checks."""

from xlate.text.translit import fold, to_latin

__all__ = ["fold", "to_latin"]
