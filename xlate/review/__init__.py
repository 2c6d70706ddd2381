"""Reviewers' decisions on findings (confirmed / dismissed), remembered across runs.

A decision is keyed by the finding's :func:`~xlate.review.fingerprint.fingerprint`, so a false
alarm dismissed once stays dismissed when the story is checked again, even after edits elsewhere.
"""

from __future__ import annotations

from xlate.report.model import Finding, Report
from xlate.review.fingerprint import fingerprint
from xlate.review.store import STATUSES, Decision, ReviewStore

__all__ = ["STATUSES", "Decision", "ReviewStore", "apply_reviews", "decide_finding", "fingerprint",
           "is_dismissed"]


def apply_reviews(report: Report, store: ReviewStore) -> None:
    """Set ``finding.review`` from ``store`` for every finding of ``report``.

    The store is the truth: a finding without a stored decision gets ``None``, so applying again
    after a decision was cleared does not leave the old one behind.
    """
    prints = [fingerprint(f, report) for f in report.findings]
    decisions = store.get(prints)
    for f, fp in zip(report.findings, prints):
        d = decisions.get(fp)
        f.review = d.review() if d else None
    status = [f.review["status"] if f.review else "open" for f in report.findings]
    report.summary["reviews"] = {s: status.count(s) for s in ("open", "confirmed", "dismissed")}
    # The score once the desk's false alarms are set aside (the report's own score keeps them all).
    from dataclasses import replace

    from xlate.report.summary import summarize

    kept = replace(report, findings=[f for f in report.findings if not is_dismissed(f)])
    report.summary["reviews"]["consistency_score"] = summarize(kept)["consistency_score"]


def decide_finding(store: ReviewStore, report: Report, finding: Finding, status: str, *,
                   note: str = "", by: str = "") -> Decision:
    """Store a decision on ``finding`` with the context a human reading an export needs; also set
    ``finding.review`` so the report in hand shows it without reloading."""
    decision = store.decide(
        fingerprint(finding, report), status, note=note, by=by,
        type=finding.type, change=finding.change,
        src_lang=report.source.lang, tgt_lang=report.target.lang,
        src_text=finding.src_span.text if finding.src_span else None,
        tgt_text=finding.tgt_span.text if finding.tgt_span else None,
    )
    finding.review = decision.review()
    return decision


def is_dismissed(finding: Finding) -> bool:
    """Whether a reviewer marked ``finding`` a false alarm (after :func:`apply_reviews`)."""
    return bool(finding.review) and finding.review.get("status") == "dismissed"
