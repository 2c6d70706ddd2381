"""Command line: a thin layer over ``xlate.check`` and ``xlate.align``.

Every library error is an ``XlateError``; it is printed as one line and turned into its exit code
here and nowhere else. ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from xlate import __version__
from xlate.errors import XlateError

FORMATS = ("text", "json", "md", "html", "tsv")
ALIGN_FORMATS = ("vecalign", "tsv", "json")
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}


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
    c.add_argument("--fail-on", choices=tuple(SEVERITY_RANK),
                   help="exit 1 when a finding at or above this severity exists")
    c.add_argument("--checks", help="comma-separated subset of checks (default: all)")
    c.add_argument("--max-length-ratio", type=float, default=10.0,
                   help="refuse pairs where one side is this many times longer (default: 10)")
    c.add_argument("--no-furniture", action="store_true",
                   help="treat bylines, footers and 'you may also like' lines as content")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    a = sub.add_parser("align", help="align sentences only",
                       description="Align the sentences of SOURCE and TARGET. Example: xlate align "
                                   "a.de b.fr --src-lang de --tgt-lang fr --presegmented")
    _io_args(a)
    a.add_argument("--format", choices=ALIGN_FORMATS, default="vecalign",
                   help="vecalign: one bead per line '[0, 1]:[2]:0.83' (default)")
    a.add_argument("-o", "--output", metavar="FILE", help="write the alignment here (atomically)")
    return p


def _io_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="source text file (UTF-8), or - for standard input")
    p.add_argument("target", help="target text file (UTF-8)")
    p.add_argument("--src-lang", metavar="XX", help="source language code (default: detect)")
    p.add_argument("--tgt-lang", metavar="YY", help="target language code (default: detect)")
    p.add_argument("--presegmented", action="store_true",
                   help="input has one sentence per line; keep that segmentation")
    p.add_argument("--aligner", default="lexical", help="aligner backend (default: lexical)")
    p.add_argument("--source-mt", metavar="FILE",
                   help="translation of SOURCE into the target language, line-parallel with its sentences")
    p.add_argument("--target-mt", metavar="FILE",
                   help="translation of TARGET into the source language, line-parallel with its sentences")
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


def cmd_check(args: argparse.Namespace) -> int:
    from xlate.io import read_text
    from xlate.pipeline import check
    from xlate.report import html, render

    source, target = read_text(args.source), read_text(args.target)
    options = {"presegmented": args.presegmented, "aligner": args.aligner, "embedder": args.embedder,
               "translator": args.translator, "device": args.device, "models_dir": args.models_dir,
               "max_length_ratio": args.max_length_ratio, "furniture": not args.no_furniture,
               "source_mt": _mt(args.source_mt), "target_mt": _mt(args.target_mt)}
    if args.checks:
        options["checks"] = tuple(x.strip() for x in args.checks.split(",") if x.strip())
    report = check(source, target, args.src_lang, args.tgt_lang, **options)
    for notice in report.config.get("notices", []):
        print(f"xlate: note: {notice}", file=sys.stderr)
    if args.format == "text":
        color = args.color == "always" or (
            args.color == "auto" and not args.output and sys.stdout.isatty()
            and not os.environ.get("NO_COLOR"))
        content = render.to_text(report, color=color)
    else:
        content = {"json": render.to_json, "md": render.to_markdown, "tsv": render.to_tsv,
                   "html": html.to_html}[args.format](report)
    _emit(content, args.output)
    if args.fail_on:
        level = SEVERITY_RANK[args.fail_on]
        if any(SEVERITY_RANK[f.severity] >= level for f in report.findings):
            return 1
    return 0


def cmd_align(args: argparse.Namespace) -> int:
    from xlate.align import align
    from xlate.io import read_text
    from xlate.pipeline import describe, forward_mt, parallel_mt, resolve_langs
    from xlate.segment import presegmented, segment

    source, target = read_text(args.source), read_text(args.target)
    src, tgt, _ = resolve_langs(source, target, args.src_lang, args.tgt_lang)
    if args.presegmented:
        s_sents, t_sents = presegmented(source), presegmented(target)
    else:
        s_sents, t_sents = segment(source, src), segment(target, tgt)
    src_mt = parallel_mt(_mt(args.source_mt), source, len(s_sents), args.presegmented, "source")
    tgt_mt = parallel_mt(_mt(args.target_mt), target, len(t_sents), args.presegmented, "target")
    from xlate.backends import resolve_embedder, resolve_translator

    notices: list[str] = []
    embedder = resolve_embedder(args.embedder, device=args.device, models_dir=args.models_dir, notices=notices)
    translator = None
    if src_mt is None and args.translator != "none":  # translate-then-align, as check does
        translator = resolve_translator(args.translator, src, tgt, device=args.device,
                                        models_dir=args.models_dir, notices=notices)
        if translator is not None:
            src_mt = forward_mt(translator, args.translator, [s.text for s in s_sents], src, tgt, notices)
            translator = translator if src_mt is not None else None
    for notice in notices:
        print(f"xlate: note: {notice}", file=sys.stderr)
    links = align([s.text for s in s_sents], [t.text for t in t_sents], src, tgt,
                  aligner=args.aligner, src_mt=src_mt, tgt_mt=tgt_mt,
                  **({"embedder": embedder} if embedder is not None else {}))
    if args.format == "vecalign":
        content = "".join(f"{list(link.src)}:{list(link.tgt)}:{link.score:.4f}\n" for link in links)
    elif args.format == "tsv":
        content = "".join(
            "{}\t{}\t{:.4f}\t{}\t{}\n".format(
                ",".join(map(str, link.src)), ",".join(map(str, link.tgt)), link.score,
                " ".join(s_sents[i].text for i in link.src), " ".join(t_sents[j].text for j in link.tgt))
            for link in links)
    else:
        content = json.dumps({
            "schema": 1, "xlate_version": __version__,
            "config": {"src_lang": src, "tgt_lang": tgt, "aligner": args.aligner,
                       "embedder": getattr(embedder, "name", "none") if embedder is not None else "none",
                       "translator": describe(translator, src, tgt) if translator is not None else "none",
                       "segmenter": "lines" if args.presegmented else "rules",
                       "source_mt": src_mt is not None, "target_mt": tgt_mt is not None},
            "source": {"lang": src, "sentences": [s.to_dict() for s in s_sents]},
            "target": {"lang": tgt, "sentences": [t.to_dict() for t in t_sents]},
            "alignment": [link.to_dict() for link in links],
        }, ensure_ascii=False, indent=2) + "\n"
    _emit(content, args.output)
    return 0


def _one_line(e: BaseException) -> str:
    """Messages from other libraries can span lines; a CLI error is one line."""
    return " ".join(str(e).split()) or type(e).__name__


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "offline", False):
        from xlate.models import set_offline

        set_offline()  # before anything imports huggingface_hub
    try:
        return {"check": cmd_check, "align": cmd_align}[args.command](args)
    except XlateError as e:
        if args.debug:
            raise
        print(f"xlate: error: {_one_line(e)}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("xlate: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: still one line, and how to see more
        if args.debug:
            raise
        print(f"xlate: internal error: {type(e).__name__}: {_one_line(e)} (rerun with --debug for the "
              "traceback)", file=sys.stderr)
        return 4


if __name__ == "__main__":
    sys.exit(main())
