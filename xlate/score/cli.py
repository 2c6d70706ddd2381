"""``xlate score align|findings|reviewed``: read two folders, score, write JSON or Markdown (atomically).

Only I/O lives here; the rules are in :mod:`xlate.score.align` and :mod:`xlate.score.findings`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from xlate.errors import InputError

SCORE_FORMATS = ("md", "json")


def add_score_parser(sub: argparse._SubParsersAction) -> None:
    """The ``score`` command and its two subcommands."""
    s = sub.add_parser("score", help="score alignments or findings against gold labels",
                       description="Score xlate's output against gold labels, with a signature that "
                                   "records every setting.")
    kinds = s.add_subparsers(dest="score_kind", required=True, parser_class=type(s))
    a = kinds.add_parser(
        "align", help="vecalign strict/lax precision, recall and F1 of bead files",
        description="Score predicted sentence alignments against gold ones, the way vecalign's score.py "
                    "does, pooled and per document and bead type. Files are vecalign bead files "
                    "('[0, 1]:[2]' or '[0]:[1]:0.83' per line), matched by file name. "
                    "Example: xlate score align --gold gold/ --pred pred/ --format json -o align.json")
    a.add_argument("--gold", required=True, metavar="DIR", help="folder of gold bead files")
    a.add_argument("--pred", required=True, metavar="DIR", help="folder of predicted bead files, same names")
    a.add_argument("--types", default="1-1,1-2,2-1,1-0,0-1", metavar="LIST",
                   help="bead types listed by themselves (the rest is 'other'), or 'all' "
                        "(default: 1-1,1-2,2-1,1-0,0-1)")
    f = kinds.add_parser(
        "findings", help="precision, recall and F1 of JSON reports against expected findings",
        description="Score xlate JSON reports (xlate check --format json) against expected.json labels. "
                    "EXPECTED holds NAME/expected.json or NAME.json; REPORTS holds NAME.json. "
                    "Example: xlate score findings --expected seeds --reports reports/")
    f.add_argument("--expected", required=True, metavar="DIR", help="folder of expected-findings files")
    f.add_argument("--reports", required=True, metavar="DIR", help="folder of JSON reports, NAME.json")
    f.add_argument("--min-severity", choices=("low", "medium", "high"), default="low",
                   help="leave out findings below this severity (default: low, i.e. all)")
    f.add_argument("--count-extra", action="store_true",
                   help="count unanswered findings of a pair's allowed_extra types as false positives")
    r = kinds.add_parser(
        "reviewed", help="precision of each finding type as a desk judged it (reviewed reports as labels)",
        description="Treat confirmed findings as true and dismissed ones as false alarms: precision per "
                    "finding type and severity, beside xlate's mean confidence. REPORTS holds JSON reports "
                    "(a batch's reports/ folder works); --reviews applies a review store's decisions to them "
                    "first. Example: xlate score reviewed --reports out/reports --reviews desk.sqlite")
    r.add_argument("--reports", required=True, metavar="DIR", help="folder of JSON reports")
    r.add_argument("--reviews", metavar="DB", help="review store whose decisions label the findings "
                   "(default: the decisions the reports carry)")
    r.add_argument("--min-severity", choices=("low", "medium", "high"), default="low",
                   help="leave out findings below this severity (default: low, i.e. all)")
    for p in (a, f, r):
        p.add_argument("--format", choices=SCORE_FORMATS, default="md", help="md (default) or json")
        p.add_argument("-o", "--output", metavar="FILE", help="write the scores here (atomically)")
        p.add_argument("--debug", action="store_true", help="show tracebacks")


def cmd_score(args: argparse.Namespace) -> int:
    """Run the chosen scorer and write its result; bad input is an ``InputError`` (exit 2)."""
    result = {"align": _score_align, "findings": _score_findings, "reviewed": _score_reviewed}[args.score_kind](args)
    content = json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n" if args.format == "json" \
        else result.to_markdown()
    if args.output:
        from xlate.io import write_atomic

        write_atomic(args.output, content)
    else:
        sys.stdout.write(content)
    return 0


def _score_align(args: argparse.Namespace):
    from xlate.score.align import AlignMetric, pair_docs, read_bead_dir

    types = None if args.types.strip() == "all" else tuple(t.strip() for t in args.types.split(",") if t.strip())
    metric = AlignMetric(types=types)  # a bad type list fails before any file is read
    gold, pred = read_bead_dir(args.gold, "--gold"), read_bead_dir(args.pred, "--pred")
    pair_docs(gold, pred, args.gold, args.pred)
    return metric.score(gold, pred)


def expected_files(folder: Path) -> dict[str, Path]:
    """``NAME/expected.json`` and ``NAME.json`` files of a folder, keyed by NAME."""
    if not folder.is_dir():
        raise InputError(f"--expected {folder}: no such directory")
    found = {p.parent.name: p for p in folder.glob("*/expected.json") if p.is_file()}
    for p in folder.glob("*.json"):
        if p.stem in found:
            raise InputError(f"{p}: {found[p.stem]} has the same name; keep one of them")
        found[p.stem] = p
    if not found:
        raise InputError(f"--expected {folder}: no NAME/expected.json or NAME.json files in it")
    return dict(sorted(found.items()))


def _score_findings(args: argparse.Namespace):
    from xlate.io import read_text
    from xlate.report.load import load_report
    from xlate.score.findings import FindingsMetric, load_expected

    metric = FindingsMetric(min_severity=args.min_severity, count_extra=args.count_extra)
    expected, reports = expected_files(Path(args.expected)), Path(args.reports)
    if not reports.is_dir():
        raise InputError(f"--reports {reports}: no such directory")
    names = set(expected)
    for p in sorted(reports.glob("*.json")):
        if p.stem not in names:
            raise InputError(f"{p}: no expected findings named {p.stem} in {args.expected}")
    pairs = {}
    for name, path in expected.items():
        report_path = reports / f"{name}.json"
        if not report_path.is_file():
            raise InputError(f"{report_path}: no such file (every expected pair needs a report of the same name)")
        pairs[name] = (load_expected(path), load_report(read_text(report_path), str(report_path)))
    return metric.score(pairs)


def _score_reviewed(args: argparse.Namespace):
    from xlate.io import read_text
    from xlate.report.load import load_report
    from xlate.score.reviewed import ReviewedMetric

    folder = Path(args.reports)
    if not folder.is_dir():
        raise InputError(f"--reports {folder}: no such directory")
    reports = {p.stem: load_report(read_text(p), str(p)) for p in sorted(folder.glob("*.json"))}
    if not reports:
        raise InputError(f"--reports {folder}: no JSON reports in it")
    label = "reports"
    if args.reviews:
        from xlate.review import apply_reviews
        from xlate.review.store import ReviewStore

        store = ReviewStore(args.reviews, create=False)
        for report in reports.values():
            apply_reviews(report, store)
        label = "store"
    return ReviewedMetric(min_severity=args.min_severity).score(reports, label)
