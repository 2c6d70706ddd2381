"""MQM benchmark: does a medium-or-high finding mark segments with a Major accuracy error?

Example: ``python -m eval.mqm --out eval/results/mqm``

``../shared/data/mqm/2021-ted_en-de.jsonl`` holds real MT output with professional error labels.
Each non-human segment is checked alone (source against the system's output), without MT and then
with the human reference of the same segment as ``source_mt``. Positive: a Major error of an
``Accuracy/…`` category; negative: no accuracy error at all (segments with only Minor accuracy
errors are left out). Reported: MCC, TPR and FPR of "any medium+ finding", overall and per
accuracy category (TPR only: a category has no negatives of its own).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import xlate
from eval.align import shared_root
from eval.detect import git_commit
from xlate import __version__
from xlate.errors import XlateError

MQM_FILE = Path("data") / "mqm" / "2021-ted_en-de.jsonl"


def label(row: dict) -> tuple[bool | None, set[str]]:
    """True: a Major accuracy error; False: no accuracy error; None: only Minor ones (left out)."""
    acc = [e for e in row["errors"] if e["category"].startswith("Accuracy")]
    major = {e["category"] for e in acc if e["severity"] == "Major"}
    if major:
        return True, major
    return (None if acc else False), set()


def flagged(row: dict, reference: str | None) -> bool:
    """Is there a medium-or-high finding on this segment (with the reference as the source's MT)?"""
    options = {"presegmented": True, "max_length_ratio": 1000.0}
    if reference is not None:
        options["source_mt"] = [" ".join(reference.split())]
    try:
        report = xlate.check(" ".join(row["source"].split()), " ".join(row["target"].split()),
                             row["src_lang"], row["tgt_lang"], **options)
    except XlateError:  # an empty segment: nothing to flag
        return False
    return any(f.severity >= "medium" for f in report.findings)


def mcc(tp: int, fp: int, tn: int, fn: int) -> float:
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return round((tp * tn - fp * fn) / den, 3) if den else 0.0


def score(rows: list[dict], refs: dict[str, str], with_mt: bool) -> dict:
    counts: Counter = Counter()
    by_cat: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        gold, cats = label(row)
        if gold is None:
            continue
        hit = flagged(row, refs.get(row["seg_id"]) if with_mt else None)
        counts[("tp" if hit else "fn") if gold else ("fp" if hit else "tn")] += 1
        for c in cats:
            by_cat[c]["n"] += 1
            by_cat[c]["hit"] += hit
    tp, fp, tn, fn = (counts[k] for k in ("tp", "fp", "tn", "fn"))
    return {"positives": tp + fn, "negatives": tn + fp, "mcc": mcc(tp, fp, tn, fn),
            "tpr": round(tp / max(1, tp + fn), 3), "fpr": round(fp / max(1, fp + tn), 3),
            "by_category_tpr": {c: {"n": v["n"], "tpr": round(v["hit"] / v["n"], 3)}
                                for c, v in sorted(by_cat.items(), key=lambda kv: -kv[1]["n"])}}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.mqm", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="eval/results/mqm")
    ap.add_argument("--limit", type=int, help="first N segments (smoke tests)")
    args = ap.parse_args(argv)
    path = shared_root() / MQM_FILE
    if not path.is_file():
        print(f"eval.mqm: {path} not found (set XLATE_SHARED to the folder holding shared/)", file=sys.stderr)
        return 2
    all_rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    refs = {r["seg_id"]: r["target"] for r in all_rows if r.get("is_human_translation")}
    rows = [r for r in all_rows if not r.get("is_human_translation")][: args.limit]
    res = {"command": "python -m eval.mqm", "xlate_version": __version__, "commit": git_commit(),
           "data": str(MQM_FILE), "segments": len(rows),
           "without_mt": score(rows, refs, False), "with_reference_as_source_mt": score(rows, refs, True)}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "mqm.json").write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    md = ["# MQM en-de (WMT21 TED): a medium+ finding as a detector of Major accuracy errors", "",
          f"`{res['command']}` · xlate {__version__} · commit {res['commit']} · {len(rows)} system segments", "",
          "| setting | positives | negatives | MCC | TPR | FPR |", "|---|---|---|---|---|---|"]
    for name in ("without_mt", "with_reference_as_source_mt"):
        r = res[name]
        md.append(f"| {name} | {r['positives']} | {r['negatives']} | {r['mcc']} | {r['tpr']} | {r['fpr']} |")
    md += ["", "TPR per Major accuracy category (with the reference as source_mt):", ""]
    md += [f"- {c}: {v['tpr']} of {v['n']}" for c, v in res["with_reference_as_source_mt"]["by_category_tpr"].items()]
    (out / "mqm.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
