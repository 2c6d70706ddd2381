"""Command line: a thin layer over ``xlate.pipeline``: build a ``Config``, run, render.

Every library error is an ``XlateError``; it is printed as one line and turned into its exit code
here and nowhere else. ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from xlate import __version__
from xlate.errors import XlateError, one_line
from xlate.report.model import SEVERITIES

if TYPE_CHECKING:
    from xlate.config import Config
    from xlate.report.model import Report

FORMATS = ("text", "json", "md", "html", "tsv")
ALIGN_FORMATS = ("vecalign", "tsv", "json")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not a usage dump
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="xlate", description="Find where two language versions of one story disagree.")
    p.add_argument("--version", action="version", version=f"xlate {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="compare two versions and report disagreements",
                       description="Compare SOURCE and TARGET (two language versions of one story) "
                                   "and report dropped, added or altered numbers, quotes, hedges, "
                                   "attribution, negation, names and sentences. "
                                   "Example: xlate check seeds/sk-en_tasr_altered/source.txt "
                                   "seeds/sk-en_tasr_altered/target.txt --src-lang sk --tgt-lang en")
    _io_args(c)
    c.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    c.add_argument("-o", "--output", metavar="FILE", help="write the report here (atomically)")
    c.add_argument("--fail-on", choices=[s.value for s in SEVERITIES],
                   help="exit 1 when a finding at or above this severity exists")
    c.add_argument("--show-low", action="store_true",
                   help="list low-severity findings in the text report too (other formats always have all)")
    _check_options(c)
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    c.add_argument("--reviews", metavar="DB",
                   help="apply reviewers' decisions from this store (see xlate review): dismissed findings stay "
                        "in the JSON, marked, but leave the text report and --fail-on")

    a = sub.add_parser("align", help="align sentences only",
                       description="Align the sentences of SOURCE and TARGET. Example: xlate align "
                                   "a.de b.fr --src-lang de --tgt-lang fr --presegmented")
    _io_args(a)
    a.add_argument("--format", choices=ALIGN_FORMATS, default="vecalign",
                   help="vecalign: one bead per line '[0, 1]:[2]:0.83' (default)")
    a.add_argument("-o", "--output", metavar="FILE", help="write the alignment here (atomically)")

    b = sub.add_parser("batch", help="check many pairs into one folder (resumable, parallel)",
                       description="Check every pair a MANIFEST lists (TSV, CSV or JSON lines with id, source, "
                                   "target and optionally src_lang, tgt_lang, source_mt, target_mt) or every "
                                   "file name two folders share, into OUT: one report per pair, summary.json, "
                                   "summary.md, index.html and errors.jsonl. A rerun skips pairs whose report "
                                   "is up to date. Example: xlate batch pairs.tsv -o out --jobs 2")
    _batch_args(b)

    from xlate.review.cli import add_review_parser
    from xlate.score.cli import add_score_parser

    add_score_parser(sub)
    add_review_parser(sub)
    return p


def _check_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--checks", help="comma-separated subset of checks (default: all)")
    p.add_argument("--calibration", choices=("confidence", "severity", "off"), default="confidence",
                   help="confidence: each finding's confidence is a measured probability (default); severity: "
                        "severities are cut from it too (70%%/90%% measured precision); off: rule of thumb")


def _batch_args(b: argparse.ArgumentParser) -> None:
    b.add_argument("manifest", nargs="?", help="TSV, CSV or JSONL manifest (paths relative to its folder)")
    b.add_argument("--src-dir", metavar="DIR", help="folder of source files (pairs by file name with --tgt-dir)")
    b.add_argument("--tgt-dir", metavar="DIR", help="folder of target files")
    b.add_argument("-o", "--output", metavar="OUT", required=True, help="output folder (created; reused to resume)")
    b.add_argument("--html", action="store_true", help="also write each pair's report as HTML")
    b.add_argument("--force", action="store_true", help="redo pairs whose report is up to date")
    b.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes or Ray actors (default: 1)")
    b.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local: this machine's processes (default); ray: Ray Data (pip install 'xlate[ray]')")
    b.add_argument("--ray-address", metavar="ADDR", help="an existing Ray cluster (default: start a local one)")
    b.add_argument("--quiet", action="store_true", help="no progress on stderr")
    b.add_argument("--fail-on", choices=[s.value for s in SEVERITIES],
                   help="exit 1 when any pair has a finding at or above this severity")
    b.add_argument("--reviews", metavar="DB",
                   help="apply reviewers' decisions from this store to the overview: dismissed findings leave "
                        "the ordering, the counts still standing and --fail-on")
    _check_options(b)
    _run_options(b)


def _io_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="source text file (UTF-8), or - for standard input")
    p.add_argument("target", help="target text file (UTF-8)")
    p.add_argument("--source-mt", metavar="FILE",
                   help="translation of SOURCE into the target language, line-parallel with its sentences")
    p.add_argument("--target-mt", metavar="FILE",
                   help="translation of TARGET into the source language, line-parallel with its sentences")
    _run_options(p)


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--src-lang", metavar="XX", help="source language code (default: detect)")
    p.add_argument("--tgt-lang", metavar="YY", help="target language code (default: detect)")
    p.add_argument("--presegmented", action="store_true",
                   help="input has one sentence per line; keep that segmentation")
    p.add_argument("--max-length-ratio", type=float, default=10.0,
                   help="refuse pairs where one side is this many times longer (default: 10)")
    p.add_argument("--terms", metavar="FILE",
                   help="a desk's term list (TSV or TOML): accepted renderings and terms never to flag (default: "
                        "terms.tsv beside --reviews DB, else $XLATE_TERMS, else beside the default review store)")
    p.add_argument("--no-terms", action="store_true", help="use no term list, not even the default")
    p.add_argument("--no-furniture", action="store_true",
                   help="treat bylines, footers and 'you may also like' lines as content")
    p.add_argument("--embedder", default="lexical",
                   help="sentence embeddings for alignment: lexical (none, default), auto, labse, minilm, "
                        "a hub id or a model folder")
    p.add_argument("--translator", default="none",
                   help="machine translation: none (default), auto, marian, nllb, m2m100, ct2")
    p.add_argument("--device", choices=("cpu", "cuda", "auto"), default="cpu")
    p.add_argument("--models-dir", metavar="DIR",
                   help="folder of downloaded models (default: $XLATE_MODELS_DIR or ~/.cache/xlate/models)")
    p.add_argument("--offline", action="store_true", help="never download a model (sets HF_HUB_OFFLINE=1)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")


def build_config(args: argparse.Namespace) -> Config:
    """The :class:`Config` a command line asks for (validated: a bad value is a ConfigError)."""
    from xlate.config import Config, ModelSettings

    options: dict[str, Any] = {}
    if getattr(args, "checks", None):
        options["checks"] = tuple(x.strip() for x in args.checks.split(",") if x.strip())
    if getattr(args, "calibration", None) is not None:
        options["calibration"] = args.calibration
    if getattr(args, "max_length_ratio", None) is not None:
        options["max_length_ratio"] = args.max_length_ratio
    return Config(
        terms=_terms(args),
        src_lang=args.src_lang, tgt_lang=args.tgt_lang, presegmented=args.presegmented,
        furniture=not getattr(args, "no_furniture", False),
        embedder=args.embedder, translator=args.translator,
        source_mt=_mt(getattr(args, "source_mt", None)), target_mt=_mt(getattr(args, "target_mt", None)),
        models=ModelSettings(models_dir=args.models_dir, device=args.device,
                             download=False if args.offline else None),
        **options)


def _terms(args: argparse.Namespace) -> Any:
    from xlate.review.terms import TermList, default_terms_path

    if getattr(args, "no_terms", False):
        return None
    if getattr(args, "terms", None):
        return TermList.load(args.terms)  # named: it must be there
    path = default_terms_path(getattr(args, "reviews", None))  # none yet until a first term is added
    return TermList.load(path) if path is not None else None


def _mt(path: str | None) -> list[str] | None:
    if path is None:
        return None
    from xlate.io import read_text

    return read_text(path).splitlines()


def _emit(content: str, output: str | None) -> None:
    if output:
        from xlate.io import write_atomic

        write_atomic(output, content)
    else:
        sys.stdout.write(content)


def _notices(report: Report) -> None:
    for notice in report.config.get("notices", []):
        print(f"xlate: note: {notice}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    """``xlate check``: the report in the chosen format; 1 under ``--fail-on`` when a finding reaches it."""
    from xlate.io import read_text
    from xlate.pipeline import check
    from xlate.report import html, render

    source, target = read_text(args.source), read_text(args.target)
    store = None
    if args.reviews:  # opened first: a mistyped path costs one line, not a whole check
        from xlate.review.store import ReviewStore

        store = ReviewStore(args.reviews, create=False)
    report = check(source, target, config=build_config(args))
    _notices(report)
    if store is not None:
        from xlate.review import apply_reviews

        apply_reviews(report, store)
    if args.format == "text":
        color = args.color == "always" or (
            args.color == "auto" and not args.output and sys.stdout.isatty()
            and not os.environ.get("NO_COLOR"))
        content = render.to_text(report, color=color, min_severity="low" if args.show_low else "medium")
    else:
        content = {"json": render.to_json, "md": render.to_markdown, "tsv": render.to_tsv,
                   "html": html.to_html}[args.format](report)
    _emit(content, args.output)
    from xlate.review import is_dismissed

    if args.fail_on and any(f.severity >= args.fail_on and not is_dismissed(f) for f in report.findings):
        return 1
    return 0


def cmd_align(args: argparse.Namespace) -> int:
    """``xlate align``: the beads ``xlate check`` would compare, as vecalign lines, TSV or JSON."""
    from xlate.io import read_text
    from xlate.pipeline import align
    from xlate.report import render

    source, target = read_text(args.source), read_text(args.target)
    report = align(source, target, config=build_config(args))
    _notices(report)
    renderer = {"vecalign": render.alignment_to_vecalign, "tsv": render.alignment_to_tsv,
                "json": render.alignment_to_json}[args.format]
    _emit(renderer(report), args.output)
    return 0


def _commands() -> dict[str, Any]:
    from xlate.batch.cli import cmd_batch
    from xlate.review.cli import cmd_review
    from xlate.score.cli import cmd_score

    return {"check": cmd_check, "align": cmd_align, "batch": cmd_batch, "score": cmd_score, "review": cmd_review}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every ``XlateError`` becomes one line on stderr and its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "offline", False):
        from xlate.models import set_offline

        set_offline()  # before anything imports huggingface_hub
    try:
        return _commands()[args.command](args)
    except XlateError as e:
        if args.debug:
            raise
        print(f"xlate: error: {one_line(e)}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("xlate: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: still one line, and how to see more
        if args.debug:
            raise
        print(f"xlate: internal error: {type(e).__name__}: {one_line(e)} (rerun with --debug for the "
              "traceback)", file=sys.stderr)
        return 4


if __name__ == "__main__":
    sys.exit(main())
