"""WMT22 critical-error detection (QE task 3), dev split: xlate as a zero-training BAD/OK classifier.

Example: ``python -m eval.ced --out eval/results/detect``

Each line of ``dev.src``/``dev.mt`` is one segment pair; xlate checks it as presegmented text (one
sentence per side) and the pair is predicted BAD when any finding at or above a severity threshold
exists. The official metric is the Matthews correlation coefficient (MCC). Published best *test*
MCC without synthetic training data, from trained neural models: 0.564 (en-de), 0.721 (pt-en)
(Zerva et al., 2022); ours is on the dev split, with no training and no translation model.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlate
from eval.align import _lines, shared_root, shown
from eval.detect import git_commit
from xlate import __version__
from xlate.errors import XlateError
from xlate.report.model import FINDING_TYPES, SEVERITIES

PAIRS = ("en-de", "pt-en")
PUBLISHED_TEST_MCC = {"en-de": 0.564, "pt-en": 0.721}  # best without synthetic data, WMT22 QE task 3
THRESHOLDS = {s.value: s.rank for s in SEVERITIES}


def find_split(root: Path, pair: str) -> Path | None:
    """The folder holding dev.{src,mt,label}: ``<pair>/`` or ``<pair>/<pair>-dev/``."""
    for d in (root / pair, root / pair / f"{pair}-dev"):
        if all((d / f"dev.{x}").is_file() for x in ("src", "mt", "label")):
            return d
    hits = sorted(p.parent for p in (root / pair).glob("**/dev.src")) if (root / pair).is_dir() else []
    return hits[0] if hits else None


def mcc(tp: int, fp: int, fn: int, tn: int) -> float:
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / den if den else 0.0


def confusion(pred: Sequence[bool], gold: Sequence[bool]) -> dict[str, Any]:
    """MCC, precision/recall/F1 of BAD, and the counts behind them."""
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    tn = len(gold) - tp - fp - fn
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"mcc": round(mcc(tp, fp, fn, tn), 4), "precision_bad": round(prec, 4), "recall_bad": round(rec, 4),
            "f1_bad": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
            "predicted_bad": tp + fp, "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def run_pair(folder: Path, pair: str, limit: int | None) -> dict[str, Any]:
    src_lang, tgt_lang = pair.split("-")
    src, mt, labels = (_lines(folder / f"dev.{x}") for x in ("src", "mt", "label"))
    if not len(src) == len(mt) == len(labels):
        raise SystemExit(f"{folder}: dev.src/mt/label have {len(src)}/{len(mt)}/{len(labels)} lines")
    n = min(limit or len(src), len(src))
    gold = [labels[i].strip() == "BAD" for i in range(n)]
    worst: list[int] = []  # highest severity rank per segment, -1 for none
    types: list[dict[str, int]] = []  # finding type -> highest severity rank, per segment
    errors: Counter[str] = Counter()
    t0 = time.perf_counter()
    for i in range(n):
        try:
            rep = xlate.check(src[i], mt[i], src_lang, tgt_lang, presegmented=True)
        except XlateError as e:  # empty side, or one side 10× longer: the check refuses the pair
            errors[type(e).__name__ + ": " + str(e).split(":")[0][:60]] += 1
            worst.append(-1)
            types.append({})
            continue
        by_type: dict[str, int] = {}
        for f in rep.findings:
            by_type[f.type] = max(by_type.get(f.type, -1), f.severity.rank)
        types.append(by_type)
        worst.append(max(by_type.values(), default=-1))
    secs = time.perf_counter() - t0
    result: dict[str, Any] = {
        "pair": pair, "segments": n, "bad": sum(gold), "ok": n - sum(gold), "seconds": round(secs, 1),
        "ms_per_segment": round(1000 * secs / max(1, n), 2), "errors": dict(errors),
        "published_best_test_mcc": PUBLISHED_TEST_MCC.get(pair),
        "thresholds": {name: confusion([w >= r for w in worst], gold) for name, r in THRESHOLDS.items()},
    }
    fires = {}
    for t in FINDING_TYPES:
        on = [t in ty for ty in types]
        bad_rate = sum(o and g for o, g in zip(on, gold)) / max(1, sum(gold))
        ok_rate = sum(o and not g for o, g in zip(on, gold)) / max(1, n - sum(gold))
        fires[t] = {"bad_rate": round(bad_rate, 4), "ok_rate": round(ok_rate, 4),
                    "lift": round(bad_rate / ok_rate, 2) if ok_rate else None,
                    "mcc_alone": confusion(on, gold)["mcc"]}
    result["finding_types"] = fires
    return result


def to_markdown(results: Sequence[dict[str, Any]], skipped: Sequence[str]) -> str:
    lines = ["# WMT22 critical-error detection, dev split (xlate, lexical backend, no training)", "",
             "Predict BAD when a segment pair has any finding at or above the threshold. **Only the lexical "
             "backend was available on this run** (no MT, no embedder). The published figures are the best "
             "*test* MCC without synthetic data, from trained neural models; ours are dev, zero-shot.", "",
             "| pair | segments | BAD | threshold | MCC | P(BAD) | R(BAD) | F1(BAD) | predicted BAD | published best "
             "(test) |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        for name, c in r["thresholds"].items():
            lines.append(f"| {r['pair']} | {r['segments']} | {r['bad']} | {name} | **{c['mcc']:.3f}** | "
                         f"{c['precision_bad']:.3f} | {c['recall_bad']:.3f} | {c['f1_bad']:.3f} | "
                         f"{c['predicted_bad']} | {r['published_best_test_mcc']} |")
    lines += ["", "## Which finding types fire on BAD vs OK segments (any severity)", "",
              "| pair | type | on BAD | on OK | lift | MCC if used alone |", "|---|---|---|---|---|---|"]
    for r in results:
        for t, c in r["finding_types"].items():
            lift = "-" if c["lift"] is None else f"{c['lift']:.1f}"
            lines.append(f"| {r['pair']} | {t} | {100 * c['bad_rate']:.1f}% | {100 * c['ok_rate']:.1f}% | {lift} | "
                         f"{c['mcc_alone']:.3f} |")
    lines += ["", "## Runtime and refusals", ""]
    for r in results:
        lines.append(f"- {r['pair']}: {r['segments']} segments in {r['seconds']:.0f} s ({r['ms_per_segment']:.1f} ms "
                     f"per pair); refused (counted as no finding): {sum(r['errors'].values())} "
                     f"{json.dumps(r['errors'], ensure_ascii=False) if r['errors'] else ''}")
    lines += [f"- skipped: {s}" for s in skipped]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run xlate.check on every WMT22 CED dev pair; write ced.json and ced.md to --out."""
    ap = argparse.ArgumentParser(prog="python -m eval.ced", description=main.__doc__)
    ap.add_argument("--pair", action="append", choices=PAIRS, help="default: both")
    ap.add_argument("--out", default="eval/results/detect")
    ap.add_argument("--limit", type=int, help="only the first N segments per pair (smoke tests)")
    args = ap.parse_args(argv)
    root = shared_root() / "data" / "detect" / "wmt22_ced_dev"
    results, skipped = [], []
    for pair in args.pair or PAIRS:
        folder = find_split(root, pair)
        if folder is None:
            skipped.append(f"{pair}: no dev.{{src,mt,label}} under {root / pair} "
                           "(set XLATE_SHARED to the shared folder)")
            print(f"skip {skipped[-1]}", file=sys.stderr)
            continue
        r = run_pair(folder, pair, args.limit)
        results.append(r)
        print(f"{pair}: " + "  ".join(f"{k} MCC {v['mcc']:.3f}" for k, v in r["thresholds"].items())
              + f"  ({r['seconds']:.0f} s)", file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    meta = {"xlate_version": __version__, "git_commit": git_commit(), "python": platform.python_version(),
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "data": shown(root),
            "backend": "lexical only (aligner lexical, translator none)",
            "config": {"presegmented": True, "predict_bad": "any finding with severity >= threshold",
                       "thresholds": list(THRESHOLDS), "limit": args.limit},
            "metric": "MCC (official), precision/recall/F1 of BAD", "published_best_test_mcc": PUBLISHED_TEST_MCC}
    (out / "ced.json").write_text(json.dumps({**meta, "skipped": skipped, "results": results}, indent=1,
                                             ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "ced.md").write_text(to_markdown(results, skipped), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
