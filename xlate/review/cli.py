"""``xlate review set|clear|list|export|import``: reviewers' decisions from the shell.

Only I/O lives here; fingerprints are :mod:`xlate.review.fingerprint`, storage :mod:`xlate.review.store`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xlate.errors import InputError
from xlate.report.model import Finding, Report
from xlate.review.store import STATUSES, Decision, ReviewStore

_STORE_HELP = "review store, an SQLite file (default: $XLATE_REVIEWS, else $XDG_DATA_HOME/xlate/reviews.sqlite)"


def add_review_parser(sub: argparse._SubParsersAction) -> None:
    """The ``review`` command and its subcommands."""
    r = sub.add_parser("review", help="store, list, export or import reviewers' decisions on findings",
                       description="Mark findings as confirmed or dismissed (a false alarm) once; a later "
                                   "check of the same wording finds the decision again by the finding's "
                                   "fingerprint, even after edits elsewhere in the story.")
    kinds = r.add_subparsers(dest="review_cmd", required=True, parser_class=type(r))
    s = kinds.add_parser("set", help="store a decision on one finding of a saved JSON report",
                         description="Store a decision on finding FINDING_ID of REPORT (from xlate check "
                                     "--format json). Example: xlate review set report.json F003 "
                                     "--status dismissed --note 'same figure, rounded'")
    c = kinds.add_parser("clear", help="forget the decision on one finding of a saved JSON report",
                         description="Forget the decision on finding FINDING_ID of REPORT. "
                                     "Example: xlate review clear report.json F003")
    for p in (s, c):
        p.add_argument("report", metavar="REPORT", help="a JSON report (xlate check --format json -o FILE)")
        p.add_argument("finding_id", metavar="FINDING_ID", help="the finding's id in REPORT, e.g. F003")
    s.add_argument("--status", choices=STATUSES, required=True, help="dismissed: a false alarm")
    s.add_argument("--note", default="", help="why (shown to the next reviewer)")
    s.add_argument("--by", help="who decided (default: your login name)")
    ls = kinds.add_parser("list", help="list stored decisions",
                          description="List stored decisions, oldest first. "
                                      "Example: xlate review list --status dismissed")
    ls.add_argument("--status", choices=STATUSES, help="only decisions with this status")
    e = kinds.add_parser("export", help="write every decision as JSON lines",
                         description="Write every decision as one JSON object per line, for another desk's "
                                     "store or for the record. Example: xlate review export -o desk.jsonl")
    e.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    i = kinds.add_parser("import", help="merge decisions from JSON lines",
                         description="Merge an export into the store: for a fingerprint in both, the later "
                                     "decision wins. Example: xlate review import desk.jsonl")
    i.add_argument("file", metavar="FILE", help="JSON lines from xlate review export")
    for p in (s, c, ls, e, i):
        p.add_argument("--reviews", metavar="DB", help=_STORE_HELP)
        p.add_argument("--debug", action="store_true", help="show tracebacks")


def cmd_review(args: argparse.Namespace) -> int:
    """Run one review subcommand; bad input is an ``InputError`` (exit 2)."""
    return {"set": _set, "clear": _clear, "list": _list, "export": _export, "import": _import}[args.review_cmd](args)


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (containers): leave it blank
        return ""


def load_saved_report(path: str) -> Report:
    """A JSON report file, every failure an ``InputError``."""
    from xlate.report.load import load_report

    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file" if not p.exists() else f"{path} is not a file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror or e}") from None
    return load_report(data, path)


def find_finding(report: Report, finding_id: str, name: str) -> Finding:
    """The finding with ``finding_id``; an unknown id is an error listing the ids there are."""
    for f in report.findings:
        if f.id == finding_id:
            return f
    ids = [f.id for f in report.findings]
    have = "it has no findings" if not ids else (
        f"it has {', '.join(ids)}" if len(ids) <= 8 else f"it has {ids[0]} to {ids[-1]}")
    raise InputError(f"{name} has no finding {finding_id!r} ({have})")


def _quoted(text: str | None, width: int = 48) -> str:
    """A span for one line of a listing: quoted, cut to ``width``; ``-`` for a side without one."""
    if text is None:
        return "-"
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[:width - 1] + "…")


def _describe(d: Decision) -> str:
    src, tgt = _quoted(d.src_text), _quoted(d.tgt_text)
    langs = f"{d.src_lang}->{d.tgt_lang}" if d.src_lang or d.tgt_lang else "?"
    return f"{d.type} {d.change} {langs} {src} -> {tgt}"


def _set(args: argparse.Namespace) -> int:
    from xlate.review import decide_finding

    report = load_saved_report(args.report)
    finding = find_finding(report, args.finding_id, args.report)
    store = ReviewStore(args.reviews)
    by = args.by if args.by is not None else _login()
    d = decide_finding(store, report, finding, args.status, note=args.note, by=by)
    print(f"{d.status} {finding.id} ({_describe(d)}), fingerprint {d.fingerprint[:12]}, in {store.path}")
    return 0


def _clear(args: argparse.Namespace) -> int:
    from xlate.review.fingerprint import fingerprint

    report = load_saved_report(args.report)
    finding = find_finding(report, args.finding_id, args.report)
    store = ReviewStore(args.reviews, create=False)
    if not store.clear(fingerprint(finding, report)):
        raise InputError(f"{store.path} holds no decision on {finding.id} of {args.report}")
    print(f"cleared the decision on {finding.id} in {store.path}")
    return 0


def _list(args: argparse.Namespace) -> int:
    store = ReviewStore(args.reviews, create=False)
    decisions = store.all(args.status)
    for d in decisions:
        note = f"  note: {' '.join(d.note.split())}" if d.note else ""
        print(f"{d.at}  {d.status:<9}  {d.by or '-'}  {_describe(d)}  [{d.fingerprint[:12]}]{note}")
    if not decisions:
        what = f"{args.status} decisions" if args.status else "decisions"
        print(f"xlate: note: no {what} in {store.path}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    store = ReviewStore(args.reviews, create=False)
    if args.output:
        n = store.export_jsonl(args.output)
        print(f"xlate: exported {n} decisions to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(store.to_jsonl())
    return 0


def _import(args: argparse.Namespace) -> int:
    from xlate.review.store import read_jsonl

    decisions = read_jsonl(args.file)  # a bad file is refused before a store is created for it
    store = ReviewStore(args.reviews)
    counts = store.merge(decisions.values())
    print(f"imported {args.file} into {store.path}: {counts.added} added, {counts.updated} updated, "
          f"{counts.kept} kept")
    return 0
