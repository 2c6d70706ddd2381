"""Throughput of ``xlate batch``: pairs per second by engine and worker count, and a resume.

    python -m eval.bench_batch [--pairs 100] [--docs-per-pair 8] [--out eval/results/bench_batch]

The pairs are the human news translations of ``../shared/data/news`` and ``news_mt`` (source
against reference, no MT), ``--docs-per-pair`` consecutive documents joined into one pair (about
90 sentences), cycled to ``--pairs`` pairs, written to a temporary folder with a TSV
manifest. Each configuration is a fresh ``xlate batch`` process into a fresh output folder
(imports, worker start-up and, for Ray, the local cluster's start included: what a user waits
for); "resume" reruns the first configuration's command on its finished folder. Every
configuration must produce the same reports (timings aside), which is checked here too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path

from eval.noise import news_docs, news_mt_docs, news_root

CONFIGS = (("local", 1), ("local", 2), ("ray", 2))


def write_corpus(root: Path, work: Path, n: int, docs_per_pair: int = 1) -> tuple[Path, int]:
    """``n`` pairs, each ``docs_per_pair`` consecutive news documents of one language pair (cycled),
    and a manifest; returns it and the number of source sentences."""
    docs = news_mt_docs(root) + news_docs(root)
    lines = ["id\tsource\ttarget\tsrc_lang\ttgt_lang"]
    sentences = 0
    for i in range(n):
        group = [docs[(i * docs_per_pair + k) % len(docs)] for k in range(docs_per_pair)]
        group = [d for d in group if d.pair == group[0].pair]
        pid = f"p{i:04d}"
        src = [line for d in group for line in d.src]
        (work / f"{pid}.src.txt").write_text("\n".join(src) + "\n", encoding="utf-8")
        (work / f"{pid}.tgt.txt").write_text("\n".join(line for d in group for line in d.ref) + "\n",
                                             encoding="utf-8")
        lines.append(f"{pid}\t{pid}.src.txt\t{pid}.tgt.txt\t{group[0].src_lang}\t{group[0].tgt_lang}")
        sentences += len(src)
    manifest = work / "pairs.tsv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest, sentences


def run(manifest: Path, out: Path, engine: str, jobs: int) -> float:
    cmd = [sys.executable, "-m", "xlate", "batch", str(manifest), "-o", str(out), "--quiet", "--presegmented",
           "--engine", engine, "--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 3):
        raise SystemExit(f"eval.bench_batch: {' '.join(cmd[2:])} failed: {done.stderr.strip()[-500:]}")
    return time.perf_counter() - start


def reports(out: Path) -> dict[str, dict]:
    state = {}
    for f in sorted((out / "reports").glob("*.json")):
        report = json.loads(f.read_text(encoding="utf-8"))
        report["summary"].pop("timings_ms", None)
        state[f.name] = report
    return state


def to_markdown(result: dict) -> str:
    m = result["machine"]
    lines = ["# `xlate batch` throughput", "", f"`{result['command']}` — {result['pairs']} pairs "
             f"({result['sentences']} source sentences) of human news translations, Python {m['python']}, "
             f"{m['cpus']} CPUs. Whole `xlate batch` processes: imports, worker start-up and Ray's local "
             "cluster included.", "",
             "| engine | workers | seconds | pairs/s | same reports as local ×1 |",
             "| --- | ---: | ---: | ---: | --- |"]
    for r in result["rows"]:
        lines.append(f"| {r['engine']} | {r['jobs']} | {r['seconds']:.1f} | {r['pairs_per_s']:.2f} | "
                     f"{'yes' if r['same'] else 'NO'} |")
    lines += ["", f"Resume (rerun on the finished folder, every pair up to date): {result['resume_seconds']:.1f} s.",
              ""]
    if result["skipped"]:
        lines += [f"Not run: {', '.join(result['skipped'])}.", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=100)
    ap.add_argument("--docs-per-pair", type=int, default=8, help="news documents joined into one pair")
    ap.add_argument("--out", default="eval/results/bench_batch")
    args = ap.parse_args(argv)
    root = news_root("eval.bench_batch")
    if root is None:
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from xlate import __version__

    result: dict = {"command": " ".join(["python -m eval.bench_batch", *(argv or sys.argv[1:])]),
                    "xlate_version": __version__, "pairs": args.pairs, "rows": [], "skipped": [],
                    "machine": {"python": platform.python_version(), "cpus": os.cpu_count()}}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        manifest, result["sentences"] = write_corpus(root, work, args.pairs, args.docs_per_pair)
        first = None
        for engine, jobs in CONFIGS:
            if engine == "ray" and find_spec("ray") is None:
                result["skipped"].append(f"ray ×{jobs} (ray not installed)")
                continue
            folder = work / f"out-{engine}-{jobs}"
            seconds = run(manifest, folder, engine, jobs)
            state = reports(folder)
            first = first or state
            result["rows"].append({"engine": engine, "jobs": jobs, "seconds": round(seconds, 2),
                                   "pairs_per_s": round(args.pairs / seconds, 3), "same": state == first})
            print(f"{engine} x{jobs}: {seconds:.1f} s", file=sys.stderr)
        result["resume_seconds"] = round(run(manifest, work / "out-local-1", "local", 1), 2)
    (out / "bench_batch.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "bench_batch.md").write_text(to_markdown(result), encoding="utf-8")
    print(to_markdown(result))
    return 0 if all(r["same"] for r in result["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
