"""Speed and memory of ``xlate check`` (and ``xlate align``) as documents grow.

    python -m eval.bench [--sizes 10 100 1000 3000] [--out eval/results/bench]

1. Whole-process wall time of ``xlate check`` on each seed pair (a fresh interpreter each time,
   imports included: what a user waits for), median of 5 runs.
2. ``xlate.check`` and the aligner alone on documents of growing length, built by repeating the seed
   stories (each size in its own subprocess so that peak memory is that size's own), with the
   fitted growth exponent (slope of log time against log sentences) and a log-log plot.
Writes bench.json (with versions and the machine), bench.md and bench.png.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PAIR = "sk-en_tasr_altered"

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import xlate
from xlate.align import align
from xlate.segment import segment
what, pair, copies = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
exp = json.loads((pair / "expected.json").read_text())
src = "\n\n".join([(pair / "source.txt").read_text()] * copies)
tgt = "\n\n".join([(pair / "target.txt").read_text()] * copies)
t = time.perf_counter()
if what == "check":
    r = xlate.check(src, tgt, exp["src_lang"], exp["tgt_lang"])
    n = len(r.source.sentences)
else:
    s, g = segment(src, exp["src_lang"]), segment(tgt, exp["tgt_lang"])
    t = time.perf_counter()
    align([x.text for x in s], [x.text for x in g], exp["src_lang"], exp["tgt_lang"])
    n = len(s)
secs = time.perf_counter() - t
print(json.dumps({"sentences": n, "seconds": secs,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def whole_process(pair: Path, runs: int = 5) -> float:
    exp = json.loads((pair / "expected.json").read_text())
    cmd = [sys.executable, "-m", "xlate", "check", str(pair / "source.txt"), str(pair / "target.txt"),
           "--src-lang", exp["src_lang"], "--tgt-lang", exp["tgt_lang"], "--format", "json"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def grow(what: str, copies: int) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, what, str(SEEDS / PAIR), str(copies)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def slope(rows: list[dict]) -> float:
    xs = [math.log(r["sentences"]) for r in rows]
    ys = [math.log(max(r["seconds"], 1e-6)) for r in rows]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 3000, 10000],
                    help="approximate source sentences per document")
    ap.add_argument("--out", default=str(ROOT / "eval" / "results" / "bench"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    per_copy = 13  # sentences in one copy of the seed story's source
    seeds = sorted(p for p in SEEDS.iterdir() if (p / "expected.json").is_file())
    result: dict = {
        "command": "python -m eval.bench " + " ".join(argv or []),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "whole_process_check_seconds": {p.name: round(whole_process(p), 3) for p in seeds},
        "growth": {},
    }
    for what in ("check", "align"):
        rows = [grow(what, max(1, round(n / per_copy))) for n in args.sizes]
        result["growth"][what] = {"rows": rows, "exponent": round(slope(rows), 2)}
    from xlate import __version__
    result["xlate_version"] = __version__
    (out / "bench.json").write_text(json.dumps(result, indent=2) + "\n")
    md = ["# xlate speed on this machine", "", f"`{result['command'].strip()}` — Python "
          f"{result['machine']['python']}, {result['machine']['cpus']} CPUs", "",
          "## Whole process: `xlate check` on each seed pair (median of 5, imports included)", "",
          "| pair | seconds |", "|---|---|"]
    md += [f"| {k} | {v:.2f} |" for k, v in result["whole_process_check_seconds"].items()]
    for what, g in result["growth"].items():
        md += ["", f"## `{what}` as documents grow (seed story repeated; growth exponent "
               f"{g['exponent']})", "", "| source sentences | seconds | peak RSS MiB |", "|---|---|---|"]
        md += [f"| {r['sentences']} | {r['seconds']:.3f} | {r['peak_rss_mib']:.0f} |" for r in g["rows"]]
    (out / "bench.md").write_text("\n".join(md) + "\n")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no plot (pip install matplotlib)", file=sys.stderr)
    else:
        fig, ax = plt.subplots(figsize=(6, 4))
        for what, g in result["growth"].items():
            ax.loglog([r["sentences"] for r in g["rows"]], [r["seconds"] for r in g["rows"]], "o-",
                      label=f"{what} (slope {g['exponent']})")
        ax.set_xlabel("source sentences")
        ax.set_ylabel("seconds")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(out / "bench.png", dpi=120)
    print((out / "bench.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
