"""What a machine translation adds to detection: the same planted edits, checked without and with MT.

Example: ``python -m eval.detect_mt --mt google --out eval/results/detect_mt``

The documents are windows of gold 1-1 beads from the aligned corpora that ship MT in both
directions (Text+Berg de-fr: Google, Europarl); each window is checked in both directions with the
shipped MT of its source side passed as ``source_mt`` (edits touch only the target, so that MT
stays valid). Recall, precision and false positives are defined as in :mod:`eval.detect`; the two
runs see exactly the same documents and altered copies.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.align import shown
from eval.detect import THRESHOLDS, align_docs, git_commit, run, shared_root, summarize
from xlate import __version__

RUNS = ("lexical", "lexical+mt")


def compare(docs: list[Any], seed: int, copies: int) -> dict[str, Any]:
    """Summaries of both runs, keyed by run name."""
    out = {}
    for name in RUNS:
        use = docs if name.endswith("+mt") else [dataclasses.replace(d, src_mt=None, tgt_mt=None) for d in docs]
        t0 = time.perf_counter()
        clean, altered, applicable, _ = run(use, seed, copies)
        res = summarize(clean, altered, applicable)
        res.pop("misses")
        out[name] = {**res, "seconds": round(time.perf_counter() - t0, 1), "altered_copies": len(altered)}
    return out


def _cell(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}"


def to_markdown(res: dict[str, Any], meta: dict[str, Any]) -> str:
    a, b = (res[r] for r in RUNS)
    lines = [f"# Detection without and with machine translation ({meta['mt']} MT, shipped)", "",
             f"xlate {meta['xlate_version']} (commit {meta['git_commit']}), seed {meta['config']['seed']}, "
             f"{meta['counts']['docs']} documents ({', '.join(meta['counts']['pairs'])}), "
             f"{a['altered_copies']} altered copies per run. Command: `{meta['command']}`.", "",
             "Recall / precision in percent over all severities, then at medium+; `→` reads "
             "lexical → lexical+MT.", "",
             "| finding type | planted | R | P | F1 | R medium+ | P medium+ |", "|---|---|---|---|---|---|---|"]
    ta, tb = a["thresholds"]["all"]["types"], b["thresholds"]["all"]["types"]
    ma, mb = a["thresholds"]["medium+"]["types"], b["thresholds"]["medium+"]["types"]
    for t, v in ta.items():
        if not v["planted"]:
            continue
        lines.append(f"| {t} | {v['planted']} | " + " | ".join(
            f"{_cell(x[t][k])} → {_cell(y[t][k])}" for x, y, k in
            ((ta, tb, "recall"), (ta, tb, "precision"), (ta, tb, "f1"), (ma, mb, "recall"), (ma, mb, "precision")))
            + " |")
    lines += ["", "Findings per 100 segments on the unaltered pairs (upper bounds on false positives):", "",
              "| severity | lexical | lexical+MT | by type, lexical+MT |", "|---|---|---|---|"]
    for name in THRESHOLDS:
        fa = a["thresholds"][name]["false_positives"]["ALL"]
        fb = b["thresholds"][name]["false_positives"]["ALL"]
        types = ", ".join(f"{t} {v:.1f}" for t, v in fb["by_type_per_100"].items())
        lines.append(f"| {name} | {fa['per_100_segments']:.1f} | {fb['per_100_segments']:.1f} | {types} |")
    lines += ["", "Per planted edit, recall (strict) lexical → lexical+MT:", "",
              "| edit | copies | R |", "|---|---|---|"]
    for k, v in a["thresholds"]["all"]["kinds"].items():
        w = b["thresholds"]["all"]["kinds"][k]
        lines.append(f"| {k} | {v['n']} | {_cell(v['recall'])} → {_cell(w['recall'])} |")
    lines += ["", f"Seconds: {a['seconds']} lexical, {b['seconds']} with MT (the MT is read from disk, not computed)."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Plant edits in MT-carrying aligned-corpus windows; check without and with the MT; write
    detect_mt.json and detect_mt.md to --out."""
    ap = argparse.ArgumentParser(prog="python -m eval.detect_mt", description=main.__doc__)
    ap.add_argument("--mt", default="google", help="shipped MT system (mt_src2tgt_<MT> and mt_tgt2src_<MT>)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--window", type=int, default=10)
    ap.add_argument("--max-windows", type=int, default=60)
    ap.add_argument("--out", default="eval/results/detect_mt")
    args = ap.parse_args(argv)
    notes: list[str] = []
    data = shared_root() / "data"
    base = align_docs(data, args.window, args.max_windows, args.seed, notes, mt=args.mt)
    if not base:
        print(f"no aligned corpus under {data} ships {args.mt} MT in both directions: nothing to measure "
              f"(set XLATE_SHARED to the shared folder)", file=sys.stderr)
        return 1
    docs = [x for d in base for x in (d, d.reversed())]
    res = compare(docs, args.seed, args.copies)
    meta = {
        "xlate_version": __version__, "git_commit": git_commit(), "python": platform.python_version(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "data": shown(data), "mt": args.mt,
        "command": "python -m eval.detect_mt " + " ".join(argv if argv is not None else sys.argv[1:]),
        "config": {"seed": args.seed, "copies": args.copies, "window": args.window, "max_windows": args.max_windows},
        "counts": {"docs": len(docs), "pairs": sorted({d.pair for d in docs}),
                   "segments": sum(len(d.tgt) for d in docs)},
        "notes": notes,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "detect_mt.json").write_text(json.dumps({**meta, "runs": res}, indent=1, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    (out / "detect_mt.md").write_text(to_markdown(res, meta), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
