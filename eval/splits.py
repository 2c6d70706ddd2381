"""Which half of the development data a document belongs to: ``fit`` or ``test``.

Anything fitted on data (the confidence calibration) is fitted on ``fit`` documents only and
reported on ``test`` ones. The split hashes a document's id, so it is stable across runs and
machines, and a document and its reversed direction (``…:rev``) or its windows fall in the same half.
"""

from __future__ import annotations

import hashlib

SPLITS = ("fit", "test")


def base_id(doc_id: str) -> str:
    """The id without a direction suffix or a window number: the unit that must not straddle halves."""
    base = doc_id.split(":rev", 1)[0]
    return base.split("#", 1)[0]


def split_of(doc_id: str) -> str:
    """``fit`` or ``test``, about half each, by a hash of the document's base id."""
    digest = hashlib.sha256(base_id(doc_id).encode("utf-8")).digest()
    return SPLITS[digest[0] % 2]
