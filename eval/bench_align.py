"""Time and memory of ``xlate.align.align`` as documents grow; the DP is banded, so ~linear.

Example: ``python -m eval.bench_align --sizes 100 1000 5000``

Documents are synthetic: random "sentences" over a Zipfian vocabulary with names and numbers, and
a perturbed copy as the other side (names and numbers kept, 30% of words turned into "cognates",
the rest replaced by random words; ~3% of sentences dropped, ~3% split in two, one inserted block
of 2% untranslated sentences), whose planted beads give a strict F1 as a sanity check of the band.
Each size runs in a fresh subprocess so that peak RSS (``ru_maxrss``) belongs to that size alone.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from xlate import __version__

SIZES = (100, 300, 1000, 3000, 5000, 10000)


Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def synthetic_pair(n: int, seed: int = 0) -> tuple[list[str], list[str], Beads]:
    """``n`` source sentences, a perturbed "translation" (about ``n`` sentences), gold beads."""
    rng = random.Random(seed)
    syll = ["ka", "lo", "mi", "ter", "sun", "vo", "ral", "pe", "dor", "ni", "gra", "bes", "tu"]
    vocab = ["".join(rng.choice(syll) for _ in range(rng.randint(1, 4))) for _ in range(5000)]
    weights = [1 / (r + 1) for r in range(len(vocab))]
    names = [w.capitalize() + rng.choice(syll) for w in vocab[:300]]

    def sentence() -> str:
        words = rng.choices(vocab, weights, k=rng.randint(5, 30))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(names))
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), str(rng.randint(1, 5000)))
        words[0] = words[0].capitalize()
        return " ".join(words) + rng.choice("...?")

    def translate(s: str) -> str:
        out = [w if w[:1].isupper() or w.isdigit() else (w[:4] + "e" if rng.random() < 0.3
                                                            else rng.choice(vocab)) for w in
               s.split()]
        return " ".join(out)

    src = [sentence() for _ in range(n)]
    tgt: list[str] = []
    gold: Beads = []
    insert_at = rng.randrange(n)
    for i, s in enumerate(src):
        if i == insert_at:
            for _ in range(max(1, n // 50)):
                gold.append(((), (len(tgt),)))
                tgt.append(sentence())
        r = rng.random()
        if r < 0.03:
            gold.append(((i,), ()))
            continue
        t = translate(s)
        if r < 0.06 and " " in t:
            words = t.split()
            cut = len(words) // 2
            gold.append(((i,), (len(tgt), len(tgt) + 1)))
            tgt += [" ".join(words[:cut]), " ".join(words[cut:])]
        else:
            gold.append(((i,), (len(tgt),)))
            tgt.append(t)
    return src, tgt, gold


def measure(n: int) -> dict[str, float]:
    """Align one synthetic pair of size ``n`` in this process; seconds and peak RSS."""
    from eval.align import score
    from xlate.align import align

    src, tgt, gold = synthetic_pair(n)
    t0 = time.perf_counter()
    links = align(src, tgt, "xx", "yy")
    secs = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    f1 = score([gold], [[(link.src, link.tgt) for link in links]])["f1_strict"]
    return {"n_src": len(src), "n_tgt": len(tgt), "links": len(links), "seconds": round(secs, 3),
            "peak_rss_mib": round(rss / 1024, 1), "f1_strict": round(f1, 4)}


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log(y) on log(x): the growth exponent."""
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    den = sum((x - mx) ** 2 for x in lx)
    return sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / den if den else float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    """Run each size in a subprocess; write bench_align.json and bench_align.md to --out."""
    ap = argparse.ArgumentParser(prog="python -m eval.bench_align", description=main.__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--out", default="eval/results/align")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child mode
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    rows = []
    for n in args.sizes:
        proc = subprocess.run([sys.executable, "-m", "eval.bench_align", "--one", str(n)],
                              capture_output=True, text=True)
        if proc.returncode:
            sys.stderr.write(proc.stderr)
            return proc.returncode
        rows.append({"n": n, **json.loads(proc.stdout.strip().splitlines()[-1])})
        print(f"{n:6d} sentences: {rows[-1]['seconds']:7.2f} s  "
              f"{rows[-1]['peak_rss_mib']:7.1f} MiB  strict F1 {rows[-1]['f1_strict']:.3f}",
              file=sys.stderr)
    big = [r for r in rows if r["n"] >= 1000] or rows
    result = {
        "xlate_version": __version__, "python": platform.python_version(),
        "machine": platform.machine(), "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "aligner": "lexical (defaults)", "rows": rows,
        "time_exponent_n>=1000": round(slope([r["n"] for r in big], [r["seconds"] for r in big]), 3),
        "time_exponent_all": round(slope([r["n"] for r in rows], [r["seconds"] for r in rows]), 3),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_align.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    md = ["# align() time and memory on synthetic documents (lexical, defaults)", "",
          "| sentences (src) | tgt | seconds | peak RSS MiB | strict F1 vs planted beads |",
          "|---|---|---|---|---|"]
    md += [f"| {r['n_src']} | {r['n_tgt']} | {r['seconds']:.2f} | {r['peak_rss_mib']:.0f} | "
           f"{r['f1_strict']:.3f} |" for r in rows]
    md += ["", f"Growth exponent of time (log-log slope, n >= 1000): "
               f"{result['time_exponent_n>=1000']}; all sizes: {result['time_exponent_all']}.",
           "Peak RSS includes the Python interpreter and numpy (~30-60 MiB)."]
    (out / "bench_align.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
