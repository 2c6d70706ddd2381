"""Does ``xlate check`` stay linear in time and bounded in memory as documents grow?

    python -m eval.bench_scale [--sizes 100 300 1000 3000 10000] [--out eval/results]

1. ``xlate check`` (the CLI, JSON report) on pairs of about 100 to 10,000 source sentences: the
   Czech–English news documents of ``../shared/data/news_mt/wmt22_cs-en`` with their professional
   translations, repeated as needed (the seed stories where the shared data are absent). Each
   size runs in a fresh interpreter, so its peak RSS is its own. A *shuffled* variant shuffles the
   target's paragraphs: nearly every sentence is one-sided, which stresses moved-sentence pairing.
2. One line of about 200,000 characters on each side: the same news as one paragraph, and as one
   sentence (no full stops), where anything that rescans the text before each word is quadratic.
3. Page-furniture detection alone on 1,250 to 10,000 lines.

Every series gets its growth exponent: the slope of log time against log size (1 is linear).
Writes bench_scale.json (with the machine), bench_scale.md and bench_scale.png.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
LINE_CHARS = 200_000
FURNITURE_LINES = (1250, 2500, 5000, 10000)

# Peak RSS of this process: VmHWM where /proc has it, since ru_maxrss also counts the memory of
# the parent that started the interpreter (Linux keeps it across exec).
_PEAK = r"""
import resource
def peak_mib():
    try:
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

# Runs in a fresh interpreter: the CLI as a user calls it, timed inside (imports excluded) and out.
_CHECK = _PEAK + r"""
import json, sys, time
from xlate.cli import main
report = sys.argv.pop()
t = time.perf_counter()
rc = main(["check", *sys.argv[1:], "--format", "json", "-o", report])
secs = time.perf_counter() - t
print(json.dumps({"rc": rc, "seconds": secs, "peak_rss_mib": peak_mib()}))
"""

_FURNITURE = _PEAK + r"""
import json, sys, time
from pathlib import Path
from xlate.lexicons import load_lexicon
from xlate.segment import segment
from xlate.segment.furniture import find_furniture
text = Path(sys.argv[1]).read_text(encoding="utf-8")
sents, lex = segment(text, "en"), load_lexicon("en")
t = time.perf_counter()
found = find_furniture(text, sents, lex)
print(json.dumps({"seconds": time.perf_counter() - t, "furniture": len(found), "sentences": len(sents),
                  "peak_rss_mib": peak_mib()}))
"""


def corpus() -> tuple[str, str, list[tuple[str, str]], str]:
    """(source language, target language, parallel paragraphs, where they came from)."""
    from eval.align import shared_root

    folder = shared_root() / "data" / "news_mt" / "wmt22_cs-en"
    if folder.is_dir():
        paras = []
        for src in sorted(folder.glob("*.cs.txt")):
            ref = src.with_name(src.name[: -len(".cs.txt")] + ".en.ref.txt")
            pairs = zip(src.read_text(encoding="utf-8").splitlines(), ref.read_text(encoding="utf-8").splitlines())
            paras += [(s.strip(), t.strip()) for s, t in pairs if s.strip() and t.strip()]
        return "cs", "en", paras, "../shared/data/news_mt/wmt22_cs-en (source and human reference)"
    pair = SEEDS / "sk-en_tasr_faithful"
    paras = list(zip((pair / "source.txt").read_text(encoding="utf-8").split("\n\n"),
                     (pair / "target.txt").read_text(encoding="utf-8").split("\n\n")))
    return "sk", "en", paras, "seeds/sk-en_tasr_faithful (shared data absent)"


def build_pair(paras: list[tuple[str, str]], lang: str, n: int, shuffle: bool) -> tuple[str, str]:
    """Paragraphs, cycling through the corpus, until the source has about ``n`` sentences."""
    from xlate.segment import segment

    src, tgt, count, k = [], [], 0, 0
    while count < n:
        s, t = paras[k % len(paras)]
        src.append(s)
        tgt.append(t)
        count += len(segment(s, lang))
        k += 1
    if shuffle:
        random.Random(n).shuffle(tgt)
    return "\n\n".join(src) + "\n", "\n\n".join(tgt) + "\n"


def one_line(paras: list[str], chars: int, one_sentence: bool) -> str:
    """About ``chars`` characters of the corpus on one line (and as one sentence: no full stops)."""
    words: list[str] = []
    size, k = 0, 0
    while size < chars:
        para = paras[k % len(paras)]
        if one_sentence:
            para = para.replace(".", "").replace("!", "").replace("?", "")
        words.append(para)
        size += len(para) + 1
        k += 1
    return " ".join(" ".join(words).split())[:chars] + "\n"


def run_check(tmp: Path, name: str, src: str, tgt: str, langs: tuple[str, str]) -> dict:
    """``xlate check`` of one pair in a fresh interpreter: inner and whole-process seconds, peak RSS."""
    a, b = tmp / f"{name}.src.txt", tmp / f"{name}.tgt.txt"
    a.write_text(src, encoding="utf-8")
    b.write_text(tgt, encoding="utf-8")
    cmd = [sys.executable, "-c", _CHECK, str(a), str(b), "--src-lang", langs[0], "--tgt-lang", langs[1],
           str(tmp / f"{name}.json")]
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    row = json.loads(out.stdout.strip().splitlines()[-1])
    row["process_seconds"] = time.perf_counter() - t
    report = json.loads((tmp / f"{name}.json").read_text(encoding="utf-8"))
    row.update(sentences=len(report["source"]["sentences"]), target_sentences=len(report["target"]["sentences"]),
               findings=len(report["findings"]), chars=len(src))
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}


def furniture_lines(paras: list[str], n: int) -> str:
    """``n`` lines of news with page furniture among them: bylines, counters, breadcrumbs, a footer."""
    lines = []
    for k in range(n):
        text = paras[k % len(paras)]
        if k % 50 == 7:
            text = "By Staff Reporter"
        elif k % 50 == 19:
            text = f"{k % 97} comments"
        elif k % 50 == 31:
            text = "Home World " + paras[(k - 1) % len(paras)]
        lines.append(text)
    return "\n".join(lines) + "\n© 2025 News Agency\n"


def run_furniture(tmp: Path, paras: list[str], n: int) -> dict:
    """Furniture detection alone on ``n`` lines, in a fresh interpreter (segmentation untimed)."""
    path = tmp / f"furniture_{n}.txt"
    path.write_text(furniture_lines(paras, n), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _FURNITURE, str(path)], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    row = json.loads(out.stdout.strip().splitlines()[-1])
    return {"lines": n, **{k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}}


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y against log x: the growth exponent."""
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = statistics.mean(lx), statistics.mean(ly)
    return sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / sum((x - mx) ** 2 for x in lx)


def measure(sizes: list[int], tmp: Path) -> dict:
    """Every series, each point in its own interpreter."""
    src_lang, tgt_lang, paras, origin = corpus()
    langs = (src_lang, tgt_lang)
    result: dict = {"corpus": origin, "languages": f"{src_lang}-{tgt_lang}", "check": {}, "one_line": {}}
    for variant in ("faithful", "shuffled"):
        rows = []
        for n in sizes:
            src, tgt = build_pair(paras, src_lang, n, variant == "shuffled")
            rows.append(run_check(tmp, f"{variant}_{n}", src, tgt, langs))
            print(f"check {variant} {n}: {rows[-1]}", file=sys.stderr, flush=True)
        xs, ys = [r["sentences"] for r in rows], [r["seconds"] for r in rows]
        # The fit over all sizes is flattered by the fixed cost of small documents; the slope
        # between the two largest says how the time grows where it matters.
        result["check"][variant] = {"rows": rows, "exponent": round(slope(xs, ys), 2),
                                    "exponent_largest": round(slope(xs[-2:], ys[-2:]), 2) if len(xs) > 1 else None}
    for name, one_sentence in (("paragraph", False), ("sentence", True)):
        src = one_line([s for s, _ in paras], LINE_CHARS, one_sentence)
        tgt = one_line([t for _, t in paras], LINE_CHARS, one_sentence)
        result["one_line"][name] = run_check(tmp, f"line_{name}", src, tgt, langs)
        print(f"one line ({name}): {result['one_line'][name]}", file=sys.stderr, flush=True)
    rows = [run_furniture(tmp, [t for _, t in paras], n) for n in FURNITURE_LINES]
    result["furniture"] = {"rows": rows, "exponent": round(
        slope([r["lines"] for r in rows], [r["seconds"] for r in rows]), 2)}
    return result


def to_markdown(result: dict) -> str:
    """bench_scale.md: one table per series, with the machine and the command on top."""
    m = result["machine"]
    md = ["# xlate at scale: time and peak memory as documents grow", "",
          f"`{result['command']}` · xlate {result['xlate_version']} · Python {m['python']} · {m['cpus']} CPUs · "
          f"{result['corpus']} · {result['languages']}", "",
          "Each point is one `xlate check` (CLI, JSON report) in a fresh interpreter: *seconds* is the check "
          "itself, *process* includes start-up and imports, *RSS* is the peak resident memory of that process.", ""]
    for variant, g in result["check"].items():
        md += [f"## `xlate check`, {variant} target (growth exponent {g['exponent']}; "
               f"{g['exponent_largest']} between the two largest)", "",
               "| source sentences | target sentences | findings | seconds | process s | peak RSS MiB |",
               "|---|---|---|---|---|---|"]
        md += [f"| {r['sentences']} | {r['target_sentences']} | {r['findings']} | {r['seconds']:.2f} | "
               f"{r['process_seconds']:.2f} | {r['peak_rss_mib']:.0f} |" for r in g["rows"]]
        md.append("")
    md += [f"## One line of {LINE_CHARS:,} characters per side", "",
           "| input | source sentences | seconds | process s | peak RSS MiB |", "|---|---|---|---|---|"]
    md += [f"| {name} | {r['sentences']} | {r['seconds']:.2f} | {r['process_seconds']:.2f} | {r['peak_rss_mib']:.0f} |"
           for name, r in result["one_line"].items()]
    g = result["furniture"]
    md += ["", f"## Page furniture alone (growth exponent {g['exponent']})", "",
           "| lines | furniture found | seconds |", "|---|---|---|"]
    md += [f"| {r['lines']} | {r['furniture']} | {r['seconds']:.3f} |" for r in g["rows"]]
    return "\n".join(md) + "\n"


def plot(result: dict, path: Path) -> None:
    """Time (log-log, with a linear guide) and peak RSS against document length."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no plot (pip install matplotlib)", file=sys.stderr)
        return
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4))
    for variant, g in result["check"].items():
        xs = [r["sentences"] for r in g["rows"]]
        ax.loglog(xs, [r["seconds"] for r in g["rows"]], "o-", label=f"{variant} (slope {g['exponent']})")
        bx.semilogx(xs, [r["peak_rss_mib"] for r in g["rows"]], "o-", label=variant)
    xs = [r["sentences"] for r in result["check"]["faithful"]["rows"]]
    ax.loglog(xs, [result["check"]["faithful"]["rows"][0]["seconds"] * x / xs[0] for x in xs], ":", color="grey",
              label="linear")
    ax.set(xlabel="source sentences", ylabel="seconds (check)", title="time")
    bx.set(xlabel="source sentences", ylabel="peak RSS (MiB)", title="memory")
    for a in (ax, bx):
        a.grid(True, which="both", alpha=0.3)
        a.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> int:
    """Measure every series and write the three result files under ``--out``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000, 3000, 10000],
                    help="approximate source sentences per document")
    ap.add_argument("--out", default=str(ROOT / "eval" / "results"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(args.sizes, Path(tmp))
    from xlate import __version__

    result = {"command": "python -m eval.bench_scale " + " ".join(argv if argv is not None else sys.argv[1:]),
              "xlate_version": __version__,
              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.system(),
                          "machine": platform.machine()},
              "seconds": round(time.perf_counter() - t, 1), **result}
    result["command"] = result["command"].strip()
    (out / "bench_scale.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "bench_scale.md").write_text(to_markdown(result), encoding="utf-8")
    plot(result, out / "bench_scale.png")
    print(to_markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
