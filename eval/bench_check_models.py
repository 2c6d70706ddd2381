"""Where the time of a full ``xlate check`` goes with models on.

    python -m eval.bench_check_models [--max-new-tokens 48] [--out eval/results/models]

Builds opus-mt-base-shaped Marian models (random weights; the hub cannot be reached here) for
sk→en and en→sk in a temporary models folder, then runs ``xlate.check`` on the seed pair
``sk-en_tasr_altered`` with the transformers backend and with CTranslate2 int8, and reports the
pipeline's own stage timings (``summary.timings_ms``). Random weights never emit end-of-sentence,
so every sentence generates exactly ``--max-new-tokens`` tokens: a fixed, comparable workload
somewhat above what a real model produces for news sentences (20–40 tokens).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIR = ROOT / "seeds" / "sk-en_tasr_altered"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-new-tokens", type=int, default=48)
    ap.add_argument("--out", default=str(ROOT / "eval" / "results" / "models"))
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(2)
    from eval.bench_models import _write_marian
    from xlate import __version__, check
    from xlate.config import ModelSettings
    from xlate.models import set_offline
    from xlate.translate import get_translator

    set_offline()
    src = (PAIR / "source.txt").read_text(encoding="utf-8")
    tgt = (PAIR / "target.txt").read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp)
        _write_marian(models / "Helsinki-NLP--opus-mt-sk-en", seed=1)
        _write_marian(models / "Helsinki-NLP--opus-mt-en-sk", seed=2)
        for backend, opts in (("marian", {}), ("ct2", {"compute_type": "int8"})):
            settings = ModelSettings(models_dir=str(models), mt_cache=False, max_new_tokens=args.max_new_tokens)
            tr = get_translator(backend, settings, **opts)
            t = time.perf_counter()
            report = check(src, tgt, "sk", "en", translator=tr)
            wall = time.perf_counter() - t
            rows.append({"backend": backend, "translator": report.config["translator"], "wall_s": round(wall, 2),
                         "timings_ms": report.summary["timings_ms"],
                         "sentences": [len(report.source.sentences), len(report.target.sentences)]})
            print(backend, rows[-1], file=sys.stderr)
    res = {"command": "python -m eval.bench_check_models " + " ".join(argv or []), "xlate_version": __version__,
           "max_new_tokens": args.max_new_tokens, "pair": PAIR.name, "python": platform.python_version(),
           "torch_threads": 2, "rows": rows}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_check_models.json").write_text(json.dumps(res, indent=2) + "\n")
    stages = ["segment", "load_models", "translate", "align", "compare"]
    md = ["# Where a full check's time goes, with MT (opus-mt-base shape, random weights)", "",
          f"`{res['command'].strip()}` — seed pair {PAIR.name}, {args.max_new_tokens} generated tokens per "
          "sentence, both directions (source→target glosses and target→source glosses), 2 threads.", "",
          "| backend | wall s | " + " | ".join(f"{s} ms" for s in stages) + " |",
          "|---|---|" + "---|" * len(stages)]
    for r in rows:
        md.append(f"| {r['translator']} | {r['wall_s']} | "
                  + " | ".join(f"{r['timings_ms'].get(s, 0):.0f}" for s in stages) + " |")
    md += ["", "Models load lazily on the first translation, so their loading time is inside `translate`."]
    (out / "bench_check_models.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
