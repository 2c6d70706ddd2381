"""xlate: find where two language versions of one story disagree."""

__version__ = "0.1.0"
