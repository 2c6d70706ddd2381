"""Dropped and added sentences by document length: does a one-sided sentence get its own finding?

Example: ``python -m eval.gaps --out eval/results/gaps``

From every faithful line-parallel document of ``../shared/data/news_mt`` and ``news`` (both
directions) one window of L consecutive sentences is cut per length (L = 3, 5, 8, 20; seeded
start), and checked three ways, presegmented: as it is, with one target sentence of six or more
words removed, with a sentence from another document of the same language inserted, and with one
target sentence moved two or more places. A planted drop is *found* when an omission finding at
medium or high severity names the removed sentence's source id; an insertion when an addition
finding names the inserted target id; a move when one ``moved`` finding names the source sentence
and the target position it went to. Precision counts
every medium+ omission and addition finding on the altered windows; ``false per 100`` is the
medium+ omissions and additions on the unaltered windows per 100 source sentences. Each run is
repeated with a strong shipped MT system's output of the source as ``source_mt`` (the MT of a
dropped sentence stays: it translates the source, which is unaltered). Results are split by
script (same script, or across scripts such as ja/zh-en) and by :mod:`eval.splits` half: the
aligner's knobs were chosen looking at all of these windows, so the gold-aligned corpora of
``eval.align`` are the independent check.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import xlate
from eval.detect import git_commit
from eval.noise import NewsDoc, news_docs, news_mt_docs, news_root
from eval.splits import split_of
from xlate import __version__
from xlate.lexicons import WORD_RE
from xlate.text.script import word_count

LENGTHS = (3, 5, 8, 20)
MIN_WORDS = 6  # a dropped or inserted sentence has content: not a headline or dateline
MOVE_DISTANCE = 2  # a moved sentence lands at least this many places from where it stood
CJK = frozenset({"ja", "zh", "ko"})
DEFAULT_OUT = "eval/results/gaps"


def _words(text: str) -> int:
    return word_count(text, len(WORD_RE.findall(text)))  # unspaced CJK counted by characters


def strong_mt(doc: NewsDoc) -> list[str] | None:
    """The first strong shipped system's MT of the source (sorted by name), or None."""
    systems = sorted(s for s in doc.mt if doc.strength.get(s) == "strong")
    return doc.mt[systems[0]] if systems else None


def both_ways(docs: list[NewsDoc]) -> list[NewsDoc]:
    """Each document and its reverse (the reference as source); the reverse has no MT."""
    out = []
    for d in docs:
        out.append(d)
        out.append(NewsDoc(d.id + ":rev", f"{d.tgt_lang}-{d.src_lang}", d.tgt_lang, d.src_lang, d.ref, d.src))
    return out


def _gaps(src: list[str], tgt: list[str], doc: NewsDoc, mt: list[str] | None) -> list[dict]:
    """Medium+ omission and addition findings of one presegmented check."""
    options: dict = {"presegmented": True}
    if mt is not None:
        options["source_mt"] = mt
    report = xlate.check("\n".join(src), "\n".join(tgt), doc.src_lang, doc.tgt_lang, **options)
    return [{"type": f.type, "change": f.change, "src": list(f.src), "tgt": list(f.tgt)} for f in report.findings
            if f.type in ("omission", "addition") and f.severity.rank >= 1]


def run_window(doc: NewsDoc, length: int, pool: list[str], seed: int, with_mt: bool) -> Counter | None:
    """Counts for one window of ``length`` sentences of ``doc`` (None if the document is shorter)."""
    if len(doc.src) < length or (with_mt and strong_mt(doc) is None):
        return None
    rng = random.Random(f"{seed}:{doc.id}:{length}")
    start = rng.randrange(len(doc.src) - length + 1)
    src, tgt = doc.src[start:start + length], doc.ref[start:start + length]
    mt = strong_mt(doc)[start:start + length] if with_mt else None
    c: Counter = Counter(sentences=length)
    c["false"] = len(_gaps(src, tgt, doc, mt))
    content = [k for k in range(length) if _words(tgt[k]) >= MIN_WORDS]
    if content and length > 1:
        k = rng.choice(content)
        found = _gaps(src, tgt[:k] + tgt[k + 1:], doc, mt)
        hits = [f for f in found if f["change"] == "dropped" and k in f["src"]]
        c.update(drops=1, drop_found=bool(hits), drop_hits=len(hits), drop_findings=len(found))
    if pool:
        k = rng.randrange(length + 1)
        found = _gaps(src, tgt[:k] + [rng.choice(pool)] + tgt[k:], doc, mt)
        hits = [f for f in found if f["change"] == "added" and k in f["tgt"]]
        c.update(adds=1, add_found=bool(hits), add_hits=len(hits), add_findings=len(found))
    far = [(k, p) for k in content for p in range(length) if abs(p - k) >= MOVE_DISTANCE]
    if far:
        k, p = rng.choice(far)
        moved = tgt[:k] + tgt[k + 1:]
        moved.insert(p, tgt[k])
        found = _gaps(src, moved, doc, mt)
        hits = [f for f in found if f["change"] == "moved" and k in f["src"] and p in f["tgt"]]
        c.update(moves=1, move_found=bool(hits), move_hits=len(hits), move_findings=len(found))
    return c


def summarize(c: Counter) -> dict:
    def ratio(a: str, b: str) -> float | None:
        return round(c[a] / c[b], 3) if c[b] else None

    return {"windows": c["windows"], "sentences": c["sentences"],
            "drop": {"n": c["drops"], "recall": ratio("drop_found", "drops"),
                     "precision": ratio("drop_hits", "drop_findings")},
            "add": {"n": c["adds"], "recall": ratio("add_found", "adds"),
                    "precision": ratio("add_hits", "add_findings")},
            "move": {"n": c["moves"], "recall": ratio("move_found", "moves"),
                     "precision": ratio("move_hits", "move_findings")},
            "false_per_100": round(100 * c["false"] / c["sentences"], 2) if c["sentences"] else None}


def run(docs: list[NewsDoc], seed: int, lengths: Sequence[int]) -> dict:
    """``results[mt][script][split][L]`` summaries; also ``all`` over splits."""
    counts: dict[tuple, Counter] = {}
    for doc in docs:
        pool = [s for d in docs if d.tgt_lang == doc.tgt_lang and d.id.split(":")[0] != doc.id.split(":")[0]
                for s in d.ref[:3] if _words(s) >= MIN_WORDS][:200]
        script = "cross-script" if {doc.src_lang, doc.tgt_lang} & CJK else "same script"
        half = split_of(doc.id.split("/", 1)[1])
        for with_mt in (False, True):
            for length in lengths:
                c = run_window(doc, length, pool, seed, with_mt)
                if c is None:
                    continue
                c["windows"] = 1
                for key in ((with_mt, script, half, length), (with_mt, script, "all", length)):
                    counts.setdefault(key, Counter()).update(c)
    out: dict = {}
    for (with_mt, script, half, length), c in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2],
                                                                                       kv[0][3])):
        out.setdefault("mt" if with_mt else "none", {}).setdefault(script, {}).setdefault(half, {})[length] = \
            summarize(c)
    return out


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def to_markdown(res: dict, meta: dict) -> str:
    out = ["# Dropped and added sentences by document length", "",
           f"`{meta['command']}` · xlate {meta['xlate_version']} · commit {meta['commit']} · seed {meta['seed']}", "",
           "Recall: the planted sentence has its own medium+ omission/addition finding (moved: one finding with "
           "change `moved` naming the source sentence and where it went). Precision: share of the medium+ "
           "omission/addition findings on altered windows that are the planted one. False per 100: medium+ "
           "omissions, additions and moves on unaltered windows per 100 source sentences.", "",
           "| MT as source_mt | script | split | L | windows | drop recall | drop precision | add recall | "
           "add precision | move recall | move precision | false per 100 |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for mt, by_script in res.items():
        for script, by_split in by_script.items():
            for half, by_len in by_split.items():
                for length, r in by_len.items():
                    drop, add, move = r["drop"], r["add"], r["move"]
                    out.append(f"| {mt} | {script} | {half} | {length} | {r['windows']} | {_pct(drop['recall'])} | "
                               f"{_pct(drop['precision'])} | {_pct(add['recall'])} | {_pct(add['precision'])} | "
                               f"{_pct(move['recall'])} | {_pct(move['precision'])} | {r['false_per_100']} |")
    out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.gaps", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--lengths", default=",".join(map(str, LENGTHS)), help="window lengths (default 3,5,8,20)")
    ap.add_argument("--max-docs", type=int, help="first N documents (smoke tests)")
    args = ap.parse_args(argv)
    root = news_root("eval.gaps")
    if root is None:
        return 2
    try:
        lengths = [int(x) for x in args.lengths.split(",")]
    except ValueError:
        print(f"eval.gaps: --lengths must be numbers separated by commas, not {args.lengths!r}", file=sys.stderr)
        return 2
    docs = news_mt_docs(root) + news_docs(root)
    if args.max_docs:
        docs = docs[: args.max_docs]
    t0 = time.perf_counter()
    res = run(both_ways(docs), args.seed, lengths)
    cmd = "python -m eval.gaps" + (f" --out {args.out}" if args.out != DEFAULT_OUT else "")
    meta = {"command": cmd, "xlate_version": __version__, "commit": git_commit(), "seed": args.seed,
            "lengths": lengths, "python": platform.python_version(), "seconds": round(time.perf_counter() - t0, 1)}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "gaps.json").write_text(json.dumps({**meta, "results": res}, indent=1) + "\n", encoding="utf-8")
    (out / "gaps.md").write_text(to_markdown(res, meta), encoding="utf-8")
    print(to_markdown(res, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
