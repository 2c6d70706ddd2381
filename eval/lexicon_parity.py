"""Lexicon parity on faithful human news translations.

A good concept lexicon finds the same concepts on both sides of a faithful translation: "údajně"
on the Czech side should come back as REPORTEDLY on the English side too. This script runs every
lexicon concept over line-parallel news pairs in ``../shared/data/news/`` (cs-en WMT22 and WMT18,
uk-en WMT23; line i of the source corresponds to line i of the translation) and counts, per
concept group, how often one side has a concept the other side lacks. Such one-sided hits are
either real translation shifts (the data README lists a few) or noisy lexicon entries; the list of
top offending entries is what to look at when tuning exclusions.

It also pairs the gold beads of three aligned corpora in ``../shared/data/align/`` (de-fr,
en-is, hu-en; not news) to exercise those lexicons; ``--no-align`` leaves them out.

Usage::

    .venv/bin/python eval/lexicon_parity.py [--data DIR] [--out FILE] [--top N]

Skips with a message (exit 0) when the shared data is absent. The data is read in place, never
copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from xlate.lexicons import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news"
DEFAULT_ALIGN = ROOT.parent / "shared" / "data" / "align"
DEFAULT_OUT = ROOT / "eval" / "results" / "lexicon_parity.md"
# Gold-aligned corpora (not news) that exercise the de, fr, hu and is lexicons: paired by bead.
ALIGN_CORPORA = ["textberg_dev", "parice_en_is", "hunalign_dtm_hu_en"]

# corpus dir, source language, target language, source suffix, translation suffix
CORPORA = [
    ("wmt22_cs-en", "cs", "en", ".cs.txt", ".en.ref.txt"),
    ("wmt18_cs-en_elitr", "cs", "en", ".cs.txt", ".en.txt"),
    ("wmt23_uk-en", "uk", "en", ".uk.txt", ".en.ref.txt"),
]

HEDGE = {"ALLEGED", "REPORTEDLY", "SUSPECTED", "SO_CALLED", "APPARENTLY", "HEARSAY", "UNCERTAIN"}
ATTRIBUTION = {"ACCORDING_TO", "CITING", "SAY"}
NOT_CHECKED = {"NEG_LEXICAL", "NON_NEGATING", "FURNITURE", "STOPWORDS", "ABBREV"}
GROUPS = ("hedge", "attribution", "negation", "numbers")
DIGITS = re.compile(r"\d+")
# Symbols the word lexicons cannot see; they answer a concept on the other side.
SYMBOLS = {"$": "CUR_USD", "€": "CUR_EUR", "£": "CUR_GBP", "%": "PERCENT", "₴": "CUR_UAH"}


def group_of(concept: str) -> str | None:
    """The finding group a concept feeds, or None for concepts that are not compared."""
    if concept in NOT_CHECKED:
        return None
    if concept in HEDGE:
        return "hedge"
    if concept in ATTRIBUTION:
        return "attribution"
    if concept == "NEGATION":
        return "negation"
    return "numbers"


def concepts_in(lex: Lexicon, text: str) -> dict[str, list[str]]:
    """Concept -> matched strings (lowercased) in ``text``; a digit string also counts as NUM_n."""
    out: dict[str, list[str]] = {}
    for m in lex.find(text):
        if group_of(m.concept) is not None:
            out.setdefault(m.concept, []).append(m.text.lower())
    return out


def digit_concepts(text: str) -> set[str]:
    """Number concepts written as digits or symbols ('2' answers 'two', '$' answers 'dollars')."""
    found = {f"NUM_{int(d)}" for d in DIGITS.findall(text) if len(d) <= 4}
    return found | {c for sym, c in SYMBOLS.items() if sym in text}


def pairs(data: Path):
    """Yield (corpus, src_lang, tgt_lang, src_line, tgt_line) over all line-parallel documents."""
    for corpus, sl, tl, s_suf, t_suf in CORPORA:
        cdir = data / corpus
        if not cdir.is_dir():
            continue
        for src in sorted(cdir.glob(f"*{s_suf}")):
            tgt = src.with_name(src.name[: -len(s_suf)] + t_suf)
            if not tgt.is_file():
                continue
            s_lines = src.read_text(encoding="utf-8").splitlines()
            t_lines = tgt.read_text(encoding="utf-8").splitlines()
            if len(s_lines) != len(t_lines):
                print(f"skip {src.name}: {len(s_lines)} vs {len(t_lines)} lines", file=sys.stderr)
                continue
            for s, t in zip(s_lines, t_lines, strict=True):
                yield corpus, sl, tl, s, t


def aligned_pairs(align: Path):
    """Yield (corpus, src_lang, tgt_lang, src_text, tgt_text) per gold bead with both sides."""
    for corpus in ALIGN_CORPORA:
        cdir = align / corpus
        if not (cdir / "corpus.json").is_file():
            continue
        meta = json.loads((cdir / "corpus.json").read_text(encoding="utf-8"))
        for doc in meta["docs"]:
            src = (cdir / "src" / f"{doc}.txt").read_text(encoding="utf-8").splitlines()
            tgt = (cdir / "tgt" / f"{doc}.txt").read_text(encoding="utf-8").splitlines()
            for bead in (cdir / "gold" / f"{doc}.align").read_text(encoding="utf-8").splitlines():
                s_ids, t_ids = (json.loads(side) for side in bead.split(":"))
                if s_ids and t_ids:
                    yield (corpus, meta["src_lang"], meta["tgt_lang"],
                           " ".join(src[i] for i in s_ids), " ".join(tgt[i] for i in t_ids))


def measure(data: Path, align: Path | None = None) -> dict:
    """Count one-sided concepts per corpus and group, and the entries responsible."""
    stats: dict[tuple[str, str], Counter] = {}
    offenders: dict[str, Counter] = {}  # lang -> Counter[(concept, text)]
    examples: dict[tuple[str, str, str], str] = {}
    extra = aligned_pairs(align) if align is not None and align.is_dir() else ()
    for corpus, sl, tl, s, t in (*pairs(data), *extra):
        sc, tc = concepts_in(load_lexicon(sl), s), concepts_in(load_lexicon(tl), t)
        s_digits, t_digits = digit_concepts(s), digit_concepts(t)
        for g in GROUPS:
            st = stats.setdefault((corpus, g), Counter())
            s_con = {c for c in sc if group_of(c) == g}
            t_con = {c for c in tc if group_of(c) == g}
            st["segments"] += 1
            if s_con or t_con:
                st["with_concept"] += 1
            st["concepts"] += len(s_con | t_con)
            if s_con and not t_con:
                st["grp_src_only"] += 1
            if t_con and not s_con:
                st["grp_tgt_only"] += 1
            for side, mine, other, other_digits, found, lang, line in (
                ("src_only", s_con, t_con, t_digits, sc, sl, s),
                ("tgt_only", t_con, s_con, s_digits, tc, tl, t),
            ):
                for c in mine - other:
                    if group_of(c) == "numbers" and c in other_digits:
                        continue
                    st[side] += 1
                    for text in found[c]:
                        key = (c, text)
                        offenders.setdefault(lang, Counter())[key] += 1
                        examples.setdefault((lang, c, text), line)
    return {"stats": stats, "offenders": offenders, "examples": examples}


def _row(corpus: str, g: str, st: Counter) -> str:
    rate = (st["src_only"] + st["tgt_only"]) / st["concepts"] if st["concepts"] else 0.0
    return (f"| {corpus} | {g} | {st['segments']} | {st['with_concept']} | {st['concepts']} "
            f"| {st['src_only']} | {st['tgt_only']} | {rate:.2f} "
            f"| {st['grp_src_only']}/{st['grp_tgt_only']} |")


def render(result: dict, top: int = 25) -> str:
    """Markdown report."""
    stats, offenders, examples = result["stats"], result["offenders"], result["examples"]
    lines = [
        "# Lexicon parity on faithful human translations",
        "",
        "News: cs-en WMT22/WMT18 and uk-en WMT23, line-parallel. Also, by gold bead, three",
        "aligned corpora that are not news (de-fr Alpine yearbook, en-is ParIce, hu-en magazine):",
        "they exercise the de, fr, hu and is lexicons; expect more one-sided hits there.",
        "",
        "Generated by `eval/lexicon_parity.py`. Per corpus and concept group: segments;",
        "segments where either side has a concept of the group; distinct concepts seen (union",
        "of both sides); concepts found on one side only. A number concept answered by digits",
        "or a symbol on the other side ('2' for two, '$' for dollars, '%') is not counted.",
        "`one-sided rate` = (src only + tgt only) / concepts. `group one-sided` counts segments",
        "where only one side has any concept of the group (what a group-level checker flags).",
        "",
        "| corpus | group | segments | with concept | concepts | src only | tgt only "
        "| one-sided rate | group one-sided (src/tgt) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    news = {c[0] for c in CORPORA}
    totals: dict[tuple[str, str], Counter] = {}
    for (corpus, g), st in sorted(stats.items()):
        family = "all news" if corpus in news else "all aligned (not news)"
        totals.setdefault((family, g), Counter()).update(st)
        lines.append(_row(corpus, g, st))
    for (family, g), st in sorted(totals.items(), key=lambda kv: (kv[0][0], GROUPS.index(kv[0][1]))):
        lines.append(_row(f"**{family}**", g, st))
    for lang in sorted(offenders):
        lines += ["", f"## Top one-sided entries: {lang}", "",
                  "| count | concept | matched | example line |", "|---:|---|---|---|"]
        for (c, text), n in offenders[lang].most_common(top):
            ex = examples[(lang, c, text)].replace("|", "/")
            ex = ex if len(ex) <= 110 else ex[:107] + "..."
            lines.append(f"| {n} | {c} | {text} | {ex} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Entry point: measure, print the summary table, write the markdown report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--align", type=Path, default=DEFAULT_ALIGN,
                    help="gold-aligned corpora (de-fr, en-is, hu-en); skipped if absent")
    ap.add_argument("--no-align", action="store_true", help="news pairs only")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: news data not found at {args.data} (see ../shared/data/README.md)")
        return 0
    result = measure(args.data, None if args.no_align else args.align)
    if not result["stats"]:
        print(f"skipped: no known corpus under {args.data}")
        return 0
    report = render(result, args.top)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report.split("\n## ")[0])
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
