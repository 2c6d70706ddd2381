"""A finding's fingerprint: what a reviewer decided about, independent of where it stands.

A finding's id (``F003``) and its offsets change as soon as an editor inserts a sentence above it,
so a decision cannot be keyed by them. The fingerprint hashes what the finding *is* instead: its
type and change, the language pair, the texts of its spans and the texts of the sentences it cites
on both sides. Those texts are normalised (NFKC, whitespace collapsed, casefolded) so that a rewrapped
line or a typographic ligature does not resurrect a dismissed finding; a changed word in a cited
sentence does, since the reviewer never saw that wording.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata

from xlate.report.model import Finding, Report, Side, Span

__all__ = ["FINGERPRINT_RECIPE", "fingerprint", "normalise"]

# Part of the hashed payload: changing what goes into a fingerprint must change every fingerprint
# rather than let an old decision match a differently computed one by accident.
FINGERPRINT_RECIPE = "xlate-review-1"


def normalise(text: str) -> str:
    """NFKC, whitespace runs collapsed to one space, casefolded: what a reader would call the same text."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _span_text(span: Span | None) -> str | None:
    return None if span is None else normalise(span.text)


def _sentences(side: Side, ids: list[int]) -> list[str]:
    """Normalised texts of the cited sentences, in order; an id the side lacks counts as empty."""
    n = len(side.sentences)
    return [normalise(side.sentences[i].text) if 0 <= i < n else "" for i in ids]


def fingerprint(finding: Finding, report: Report) -> str:
    """A stable 32-hex-digit hash of ``finding`` in ``report``; equal across reruns on the same wording.

    Two findings of the same type and change on the same span in the same sentence share a
    fingerprint: to a reviewer they are one decision.
    """
    payload = [
        FINGERPRINT_RECIPE,
        report.source.lang.casefold(),
        report.target.lang.casefold(),
        finding.type,
        finding.change,
        _span_text(finding.src_span),
        _span_text(finding.tgt_span),
        _sentences(report.source, sorted(finding.src)),
        _sentences(report.target, sorted(finding.tgt)),
    ]
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]
