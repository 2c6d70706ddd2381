"""Noise benchmark: how many findings does xlate raise on faithful professional translations?

Example: ``python -m eval.noise --out eval/results/noise``

Every document of ``../shared/data/news`` and ``news_mt`` (human news translations, line-parallel)
is checked presegmented, without MT and then with each shipped MT system's output as
``source_mt``. The translations are faithful but not perfect, so every count is an upper bound on
false alarms. Counts are per 100 source sentences, per language pair, per finding type and
severity. ``--split`` keeps to one half of the documents (see :mod:`eval.splits`): the
calibration is fitted on ``fit`` documents and reported on ``test`` ones.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import xlate
from eval.align import shared_root
from eval.detect import git_commit, write_results
from eval.splits import SPLITS, split_of
from xlate import __version__
from xlate.report.model import FINDING_TYPES, SEVERITIES

LEVELS = {"all": "low", "medium+": "medium", "high": "high"}
NO_MT = "none"
DEFAULT_OUT = "eval/results/noise"


@dataclass
class NewsDoc:
    id: str
    pair: str  # e.g. "cs-en"
    src_lang: str
    tgt_lang: str
    src: list[str]
    ref: list[str]
    mt: dict[str, list[str]] = field(default_factory=dict)  # system -> line-parallel MT of src
    strength: dict[str, str] = field(default_factory=dict)  # system -> "strong" | "weaker …"


def _read(p: Path) -> list[str]:
    lines = p.read_text(encoding="utf-8").splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def news_root(prog: str) -> Path | None:
    """The shared data folder if it holds ``news_mt/``; else None, after a one-line error."""
    root = shared_root() / "data"
    if (root / "news_mt").is_dir():
        return root
    print(f"{prog}: {root / 'news_mt'} not found (set XLATE_SHARED to the folder holding shared/)", file=sys.stderr)
    return None


def news_mt_docs(root: Path) -> list[NewsDoc]:
    """Every document of ``news_mt/`` with its reference and the four systems' outputs."""
    docs = []
    for folder in sorted((root / "news_mt").glob("*_*-*")):
        manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
        src_lang, tgt_lang = folder.name.split("_", 1)[1].split("-")
        for entry in manifest["docs"]:
            stem = entry["file_stem"]
            src, ref = _read(folder / f"{stem}.{src_lang}.txt"), _read(folder / f"{stem}.{tgt_lang}.ref.txt")
            mt = {s: _read(folder / f"{stem}.{tgt_lang}.mt-{s}.txt") for s in manifest["systems"]
                  if (folder / f"{stem}.{tgt_lang}.mt-{s}.txt").is_file()}
            mt = {s: lines for s, lines in mt.items() if len(lines) == len(src)}
            if src and len(src) == len(ref):
                docs.append(NewsDoc(f"news_mt/{folder.name}/{stem}", f"{src_lang}-{tgt_lang}", src_lang, tgt_lang,
                                    src, ref, mt, dict(manifest["systems"])))
    return docs


def news_docs(root: Path) -> list[NewsDoc]:
    """Documents of ``news/`` (no MT systems beside them except one WMT23 submission)."""
    docs = []
    for folder in sorted((root / "news").glob("*_*-*")):
        src_lang = folder.name.split("_")[-1].split("-")[0]
        for src_file in sorted(folder.glob(f"*.{src_lang}.txt")):
            stem = src_file.name[: -len(f".{src_lang}.txt")]
            refs = (folder / f"{stem}.en.ref.txt", folder / f"{stem}.en.txt")
            ref_file = next((p for p in refs if p.is_file()), None)
            if ref_file is None:
                continue
            src, ref = _read(src_file), _read(ref_file)
            if src and len(src) == len(ref):
                docs.append(NewsDoc(f"news/{folder.name}/{stem}", f"{src_lang}-en", src_lang, "en", src, ref))
    return docs


def check_doc(doc: NewsDoc, system: str, calibration: str = "confidence") -> list[dict]:
    """The findings on one document, without MT (``system == NO_MT``) or with that system's MT."""
    options = {"presegmented": True, "calibration": calibration}
    if system != NO_MT:
        options["source_mt"] = doc.mt[system]
    report = xlate.check("\n".join(doc.src), "\n".join(doc.ref), doc.src_lang, doc.tgt_lang, **options)
    return [{"type": f.type, "change": f.change, "severity": f.severity.value, "confidence": f.confidence}
            for f in report.findings]


def tally(rows: list[tuple[NewsDoc, list[dict]]]) -> dict:
    """Findings per 100 source sentences: in all, per level, and per type at each level."""
    sents = sum(len(doc.src) for doc, _ in rows)
    per100 = 100.0 / max(1, sents)
    out: dict = {"docs": len(rows), "sentences": sents}
    for name, floor in LEVELS.items():
        kept = [f for _, fs in rows for f in fs if SEVERITIES.index(f["severity"]) >= SEVERITIES.index(floor)]
        by_type = Counter(f["type"] for f in kept)
        out[name] = round(len(kept) * per100, 2)
        out[f"{name}_by_type"] = {t: round(by_type[t] * per100, 2) for t in FINDING_TYPES if by_type[t]}
    return out


def run(docs: list[NewsDoc], systems: Sequence[str], calibration: str = "confidence") -> dict:
    """``results[pair][system]`` tallies; a system a document does not have is skipped for it."""
    grouped: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        for system in systems:
            if system == NO_MT or system in doc.mt:
                grouped[doc.pair][system].append((doc, check_doc(doc, system, calibration)))
    return {pair: {system: tally(rows) for system, rows in by_sys.items()} for pair, by_sys in sorted(grouped.items())}


def to_markdown(res: dict, meta: dict) -> str:
    out = ["# Findings on faithful human news translations (per 100 source sentences)", "",
           f"`{meta['command']}` · xlate {meta['xlate_version']} · commit {meta['commit']} · split {meta['split']} · "
           f"calibration {meta['calibration']}", "",
           "Every finding counts; the translations are professional but not perfect, so these are upper bounds "
           "on false alarms.", "",
           "| pair | MT as source_mt | docs | sentences | all | medium+ | high | medium+ by type |",
           "|---|---|---|---|---|---|---|---|"]
    for pair, by_sys in res.items():
        for system, t in by_sys.items():
            types = ", ".join(f"{k} {v}" for k, v in sorted(t["medium+_by_type"].items(), key=lambda kv: -kv[1]))
            out.append(f"| {pair} | {system} | {t['docs']} | {t['sentences']} | {t['all']} | {t['medium+']} | "
                       f"{t['high']} | {types or '–'} |")
    out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--split", choices=("all", *SPLITS), default="all", help="documents of one split only")
    ap.add_argument("--no-mt", action="store_true", help="only the run without MT")
    ap.add_argument("--max-docs", type=int, help="first N documents per folder (smoke tests)")
    ap.add_argument("--calibration", choices=("confidence", "severity", "off"), default="confidence",
                    help="xlate's calibration setting (severity: severities cut at measured precision)")
    args = ap.parse_args(argv)
    root = news_root("eval.noise")
    if root is None:
        return 2
    docs = news_mt_docs(root) + news_docs(root)
    if args.split != "all":
        docs = [d for d in docs if split_of(d.id.split("/", 1)[1]) == args.split]
    if args.max_docs:
        docs = docs[: args.max_docs]
    systems = [NO_MT] if args.no_mt else [NO_MT, *sorted({s for d in docs for s in d.mt})]
    t0 = time.perf_counter()
    res = run(docs, systems, args.calibration)
    cmd = "python -m eval.noise" + (f" --split {args.split}" if args.split != "all" else "") + (
        " --no-mt" if args.no_mt else "") + (f" --calibration {args.calibration}" if args.calibration != "confidence"
                                              else "") + (f" --out {args.out}" if args.out != DEFAULT_OUT else "")
    meta = {"command": cmd, "xlate_version": __version__, "commit": git_commit(), "split": args.split,
            "calibration": args.calibration,
            "python": platform.python_version(), "seconds": round(time.perf_counter() - t0, 1),
            "strength": {s: st for d in docs for s, st in d.strength.items()}}
    write_results(Path(args.out), "noise", {**meta, "results": res}, to_markdown(res, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
