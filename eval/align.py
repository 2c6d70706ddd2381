"""Score aligners against gold sentence alignments, the way vecalign's score.py does.

Example: ``python -m eval.align --corpus textberg_dev --config lexical --config lexical+mt``

The scoring is :mod:`xlate.score.align` (the same code behind ``xlate score align``), whose
docstring states vecalign's strict and lax rules; ``read_beads``, ``score`` and ``by_type`` stay
here under their old names for the other benchmarks. Counts are pooled over the documents of a
corpus before dividing.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from xlate import __version__
from xlate.report.model import Link
from xlate.score.align import AlignMetric, AlignScore, Bead, parse_beads

CONFIGS = ("lexical", "lexical+mt", "lexical+embed", "gale-church")
EMBEDDER_ENV = "XLATE_EVAL_EMBEDDER"  # model for lexical+embed (default: auto = LaBSE if on disk)
CORPORA = ("textberg_dev", "parice_en_is", "hunalign_dtm_hu_en", "mac_dev")
MT_DEFAULT = "google"  # which mt_src2tgt_* to use when a corpus ships several (--mt to change)


def shared_root() -> Path:
    """``$XLATE_SHARED`` or ``../shared`` next to the repository."""
    env = os.environ.get("XLATE_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


def shown(path: Path) -> str:
    """A data path as results record it: relative to the shared folder, never this machine's."""
    try:
        return "../shared/" + path.resolve().relative_to(shared_root().resolve()).as_posix()
    except ValueError:
        return path.name


# --- scoring: xlate.score.align, under the names the other benchmarks import --------------------


def read_beads(text: str, name: str = "beads") -> list[Bead]:
    """Parse vecalign's ``[0, 1]:[2]`` lines (a bad line is an ``InputError`` naming it)."""
    return parse_beads(text, name)


def score(gold_docs: Sequence[Sequence[Bead]], test_docs: Sequence[Sequence[Bead]]
          ) -> dict[str, float]:
    """Strict and lax precision/recall/F1 pooled over documents (vecalign's ``score_multiple``)."""
    return AlignMetric().score_lists(gold_docs, test_docs).flat()


def by_type(gold_docs: Sequence[Sequence[Bead]], test_docs: Sequence[Sequence[Bead]]
            ) -> dict[str, dict[str, int]]:
    """Gold beads of each type, and how many the test alignment reproduced exactly."""
    return _by_type(AlignMetric().score_lists(gold_docs, test_docs))


def _by_type(result: AlignScore) -> dict[str, dict[str, int]]:
    """The gold side of the per-type breakdown, keyed in name order as results have recorded it."""
    return {k: {"gold": t.gold, "found": t.found} for k, t in sorted(result.by_type.items()) if t.gold}


# --- running -----------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    """One sentence per line; only ``\n`` separates (``str.splitlines`` would also split U+2028)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def mt_dir(corpus: Path, system: str = MT_DEFAULT) -> Path | None:
    """The corpus's src→tgt MT directory of ``system``; else the first in name order (default
    system only), else None."""
    dirs = sorted(corpus.glob("mt_src2tgt_*"))
    for d in dirs:
        if d.name == f"mt_src2tgt_{system}":
            return d
    return dirs[0] if dirs and system == MT_DEFAULT else None


def make_aligner(config: str):
    """An object with ``align(src, tgt, src_lang, tgt_lang, **mt)`` for a config name."""
    if config == "gale-church":
        from eval.gale_church import GaleChurchAligner

        return GaleChurchAligner()
    if config in ("lexical", "lexical+mt"):
        from xlate.align import LexicalAligner

        return LexicalAligner()
    if config == "lexical+embed":
        from xlate.align import LexicalAligner

        return LexicalAligner(embedder=_embedder())
    raise SystemExit(f"unknown config {config!r}; valid: {', '.join(CONFIGS)}")


def aligner_settings(aligner) -> dict:
    """The aligner's name and every knob it ran with, recorded beside its scores."""
    out = {"name": aligner.name}
    params = getattr(aligner, "params", None)
    if params is not None:
        out.update(dataclasses.asdict(params))
        if getattr(aligner, "embedder", None) is not None:
            out["emb_weight"] = aligner.emb_weight
    return out


@functools.cache
def _embedder():
    """The embedding model for lexical+embed, resolved once (offline-first); None if absent."""
    from xlate.backends import resolve_embedder
    from xlate.config import ModelSettings

    return resolve_embedder(os.environ.get(EMBEDDER_ENV, "auto"), ModelSettings(device="auto")).backend


def run_corpus(corpus: Path, config: str, mt_system: str = MT_DEFAULT) -> dict:
    meta = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
    aligner = make_aligner(config)
    mt = mt_dir(corpus, mt_system) if config.endswith("+mt") else None
    golds, tests, docs = [], [], []
    t0 = time.perf_counter()
    for doc in meta["docs"]:
        src = _lines(corpus / "src" / f"{doc}.txt")
        tgt = _lines(corpus / "tgt" / f"{doc}.txt")
        kw = {"src_mt": _lines(mt / f"{doc}.txt")} if mt else {}
        td = time.perf_counter()
        links: list[Link] = aligner.align(src, tgt, meta["src_lang"], meta["tgt_lang"], **kw)
        secs = time.perf_counter() - td
        test = [(tuple(link.src), tuple(link.tgt)) for link in links]
        gold_file = corpus / "gold" / f"{doc}.align"
        golds.append(read_beads(gold_file.read_text(encoding="utf-8"), shown(gold_file)))
        tests.append(test)
        docs.append({"doc": doc, "n_src": len(src), "n_tgt": len(tgt), "seconds": round(secs, 3)})
    seconds = round(time.perf_counter() - t0, 3)
    scored = AlignMetric().score_lists(golds, tests)
    for d, s in zip(docs, scored.docs.values()):  # score_lists keeps the documents' order
        d.update({k: round(v, 4) for k, v in s.flat().items()})
    return {
        "corpus": meta["name"], "pair": f"{meta['src_lang']}-{meta['tgt_lang']}",
        "config": config, "mt": mt.name if mt else None,
        "aligner": aligner_settings(aligner),
        "seconds": seconds,
        **{k: round(v, 4) for k, v in scored.flat().items()},
        "by_type": _by_type(scored), "docs": docs,
    }


def to_markdown(results: Sequence[dict], skipped: Sequence[str]) -> str:
    lines = ["# Sentence alignment, vecalign scoring (pooled over each corpus's documents)", "",
             "| corpus | pair | config | MT | strict P | strict R | strict F1 | lax F1 | 1-1 | "
             "1-2 | 2-1 | 1-0 | 0-1 | other | s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        types = [r["by_type"].get(k) for k in ("1-1", "1-2", "2-1", "1-0", "0-1", "other")]
        cells = [f"{t['found']}/{t['gold']}" if t else "-" for t in types]
        lines.append(f"| {r['corpus']} | {r['pair']} | {r['config']} | {r['mt'] or '-'} | "
                     f"{r['precision_strict']:.3f} | {r['recall_strict']:.3f} | "
                     f"**{r['f1_strict']:.3f}** | {r['f1_lax']:.3f} | {' | '.join(cells)} | "
                     f"{r['seconds']:.1f} |")
    lines += ["", "Bead columns: gold beads of that type reproduced exactly / gold beads of that type."]
    lines += [f"- skipped: {s}" for s in skipped]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run each --config over each --corpus; write align.json and align.md to --out."""
    ap = argparse.ArgumentParser(prog="python -m eval.align", description=main.__doc__)
    ap.add_argument("--corpus", action="append", help=f"default: all of {', '.join(CORPORA)}")
    ap.add_argument("--config", action="append", choices=CONFIGS, help="default: all")
    ap.add_argument("--mt", action="append", metavar="SYSTEM",
                    help=f"shipped MT for +mt configs (mt_src2tgt_SYSTEM; default {MT_DEFAULT}); repeatable")
    ap.add_argument("--out", default="eval/results/align")
    args = ap.parse_args(argv)
    data = shared_root() / "data" / "align"
    results, skipped = [], []
    for name in args.corpus or CORPORA:
        corpus = data / name
        if not (corpus / "corpus.json").is_file():
            skipped.append(f"{name}: {corpus} not found (set XLATE_SHARED to the shared folder)")
            print(f"skip {skipped[-1]}", file=sys.stderr)
            continue
        for config in args.config or CONFIGS:
            if config == "lexical+embed" and _embedder() is None:
                # The notice names this machine's cache folders: results must not carry them.
                skipped.append(f"{name} {config}: no embedding model on this machine; "
                               f"set {EMBEDDER_ENV} to a model folder")
                print(f"skip {skipped[-1]}", file=sys.stderr)
                continue
            for system in (args.mt or [MT_DEFAULT]) if config.endswith("+mt") else [MT_DEFAULT]:
                if config.endswith("+mt") and mt_dir(corpus, system) is None:
                    skipped.append(f"{name} {config}: the corpus ships no mt_src2tgt_{system} directory")
                    print(f"skip {skipped[-1]}", file=sys.stderr)
                    continue
                r = run_corpus(corpus, config, system)
                results.append(r)
                print(f"{name:20s} {config:12s} {r['mt'] or '':24s} strict F1 {r['f1_strict']:.3f}  "
                      f"lax F1 {r['f1_lax']:.3f}  ({r['seconds']:.1f} s)", file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    meta = {"xlate_version": __version__, "python": platform.python_version(),
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "data": shown(data),
            "scoring": "vecalign score.py (strict/lax P/R/F1, pooled per corpus)"}
    (out / "align.json").write_text(json.dumps({**meta, "skipped": skipped, "results": results},
                                               indent=1) + "\n", encoding="utf-8")
    (out / "align.md").write_text(to_markdown(results, skipped), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
