"""Text analysis shared by the segmenter, the aligner and the checks, one module per question.

``translit`` (fold, to_latin), ``script`` (which writing system; visible_length), ``numbers``
(number and month mentions), ``quotes`` (quotations), ``names`` (name matching), ``features``
(what two sentences share), ``chrf`` (wording overlap within one language). Checks in
``xlate.compare`` share analysis through here, never through each other.
"""

from xlate.text.translit import fold, to_latin

__all__ = ["fold", "to_latin"]
