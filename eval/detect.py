"""Planted-error benchmark: does ``xlate.check`` find edits planted in faithful translations?

Example: ``python -m eval.detect --seed 13 --out eval/results/detect``

Faithful pairs (human news translations, the clean seeds, windows of gold 1-1 sentence beads) are
checked as they are (every finding is a false positive, up to translation quirks) and again with one
labelled edit of the target (``eval.perturb``: a number, scale word, hedge, attribution, quote,
negation, name, clause or whole sentence) per copy, several copies per document. A finding *detects*
the edit when it is new (not already reported on the unaltered pair), has the expected type and
change, and touches the edited segment (its source or target sentence ids include the segment's
index; input is presegmented, so sentence id = line index); for a cut or added clause its span must
also overlap the clause's words in that segment without covering the whole sentence. Precision
counts every finding of a type on the altered copies, so findings that were already there on the
unaltered pair count against it; ``precision_new`` leaves those out. Everything is reported at
three severity thresholds.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import subprocess
import sys
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlate
from eval.align import _lines, read_beads, shared_root, shown
from eval.perturb import EXPECTED, KINDS, Perturbed, Pool, Skip, name_candidates, names_match, perturb_copies
from xlate import __version__
from xlate.compare.calibration import features
from xlate.lexicons import WORD_RE
from xlate.report.model import FINDING_TYPES, Severity

ROOT = Path(__file__).resolve().parents[1]
NEWS = {"wmt22_cs-en": ("cs", "en", ".en.ref.txt"), "wmt18_cs-en_elitr": ("cs", "en", ".en.txt"),
        "wmt23_uk-en": ("uk", "en", ".en.ref.txt")}
ALIGN = ("textberg_dev", "parice_en_is", "hunalign_dtm_hu_en")  # mac_dev (zh) has no lexicon: skipped
THRESHOLDS = {"all": "low", "medium+": "medium", "high": "high"}
NEEDS_MT = ("quote_reworded: a word replaced inside a quote is invisible without a translation model unless "
            "the quote's numbers or length change; paraphrase, tense/modality and wrong-word errors likewise")


@dataclass
class Doc:
    id: str  # corpus/document[/window], plus the direction
    base: str  # the same text in either direction shares its base id
    corpus: str
    src_lang: str
    tgt_lang: str
    src: list[str]
    tgt: list[str]
    presegmented: bool = True  # False: raw text, checked for false positives only
    src_mt: list[str] | None = None  # shipped MT of src into tgt_lang, line-parallel (eval.detect_mt)
    tgt_mt: list[str] | None = None  # shipped MT of tgt into src_lang

    @property
    def pair(self) -> str:
        return f"{self.src_lang}-{self.tgt_lang}"

    def reversed(self) -> Doc:
        return Doc(self.id + ":rev", self.base, self.corpus, self.tgt_lang, self.src_lang, self.tgt, self.src,
                   self.presegmented, self.tgt_mt, self.src_mt)


def git_commit() -> str | None:
    """The repository's HEAD (read only), so results name the code they measured."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def write_results(out: Path, stem: str, payload: dict[str, Any], markdown: str) -> None:
    """``<stem>.json`` and ``<stem>.md`` under ``out`` (created), and the Markdown on stdout."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / f"{stem}.md").write_text(markdown, encoding="utf-8")
    print(markdown)


# --- data --------------------------------------------------------------------------------------------


def _clean(*sides: list[str]) -> tuple[list[str], ...]:
    """Line-parallel segments with a blank side dropped (presegmented input skips blank lines)."""
    rows = [tuple(" ".join(x.split()) for x in row) for row in zip(*sides)]
    rows = [row for row in rows if all(row)]
    return tuple([row[k] for row in rows] for k in range(len(sides)))


def news_docs(data: Path, skipped: list[str]) -> list[Doc]:
    docs = []
    for corpus, (sl, tl, suffix) in NEWS.items():
        folder = data / "news" / corpus
        if not folder.is_dir():
            skipped.append(f"news/{corpus}: {folder} not found (set XLATE_SHARED to the shared folder)")
            continue
        for src_path in sorted(folder.glob(f"*.{sl}.txt")):
            name = src_path.name[: -len(f".{sl}.txt")]
            tgt_path = folder / (name + suffix)
            if not tgt_path.is_file():
                skipped.append(f"news/{corpus}/{name}: no {tgt_path.name}")
                continue
            src, tgt = _lines(src_path), _lines(tgt_path)
            if len(src) != len(tgt):
                skipped.append(f"news/{corpus}/{name}: {len(src)} vs {len(tgt)} lines")
                continue
            src, tgt = _clean(src, tgt)
            docs.append(Doc(f"{corpus}/{name}", f"{corpus}/{name}", corpus, sl, tl, src, tgt))
    return docs


def seed_docs(skipped: list[str]) -> list[Doc]:
    """The seeds marked clean; paragraph-parallel ones become presegmented paragraph lists."""
    docs = []
    for folder in sorted((ROOT / "seeds").iterdir()):
        exp = folder / "expected.json"
        if not exp.is_file() or not json.loads(exp.read_text(encoding="utf-8")).get("clean"):
            continue
        meta = json.loads(exp.read_text(encoding="utf-8"))
        src_text = (folder / "source.txt").read_text(encoding="utf-8")
        tgt_text = (folder / "target.txt").read_text(encoding="utf-8")
        src, tgt = (_paragraphs(t) for t in (src_text, tgt_text))
        if len(src) == len(tgt):
            docs.append(Doc(f"seeds/{folder.name}", f"seeds/{folder.name}", "seeds", meta["src_lang"],
                            meta["tgt_lang"], src, tgt))
        else:  # page furniture on one side: no line-parallel segments to plant edits in
            docs.append(Doc(f"seeds/{folder.name}", f"seeds/{folder.name}", "seeds", meta["src_lang"],
                            meta["tgt_lang"], [src_text], [tgt_text], presegmented=False))
            skipped.append(f"seeds/{folder.name}: {len(src)} vs {len(tgt)} paragraphs: false positives only")
    return docs


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def align_docs(data: Path, window: int, max_windows: int, seed: int, skipped: list[str],
               mt: str | None = None) -> list[Doc]:
    """Windows of ``window`` consecutive gold 1-1 beads, up to ``max_windows`` per corpus (seeded).

    ``mt``: only corpora that ship MT of that system in both directions (``mt_src2tgt_<mt>``,
    ``mt_tgt2src_<mt>``), with each window's MT attached.
    """
    docs = []
    for name in ALIGN:
        corpus = data / "align" / name
        if not (corpus / "corpus.json").is_file():
            skipped.append(f"align/{name}: {corpus} not found (set XLATE_SHARED to the shared folder)")
            continue
        mt_dirs = (corpus / f"mt_src2tgt_{mt}", corpus / f"mt_tgt2src_{mt}") if mt else ()
        if mt and not all(d.is_dir() for d in mt_dirs):
            skipped.append(f"align/{name}: ships no {mt} MT in both directions")
            continue
        meta = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
        windows = []
        for doc in meta["docs"]:
            src, tgt = _lines(corpus / "src" / f"{doc}.txt"), _lines(corpus / "tgt" / f"{doc}.txt")
            run: list[tuple[int, int]] = []
            beads = read_beads((corpus / "gold" / f"{doc}.align").read_text(encoding="utf-8")) + [((), ())]
            for s, t in beads:
                if len(s) == 1 and len(t) == 1 and (not run or (s[0], t[0]) == (run[-1][0] + 1, run[-1][1] + 1)):
                    run.append((s[0], t[0]))
                    continue
                for k in range(0, len(run), window):
                    chunk = run[k:k + window]
                    if len(chunk) >= window // 2:
                        windows.append((doc, chunk))
                run = [(s[0], t[0])] if len(s) == 1 and len(t) == 1 else []
        chosen = sorted(random.Random(f"{seed}:{name}").sample(range(len(windows)), min(max_windows, len(windows))))
        for w in chosen:
            doc, chunk = windows[w]
            src, tgt = _lines(corpus / "src" / f"{doc}.txt"), _lines(corpus / "tgt" / f"{doc}.txt")
            sides = [[src[i] for i, _ in chunk], [tgt[j] for _, j in chunk]]
            if mt:
                smt, tmt = (_lines(d / f"{doc}.txt") for d in mt_dirs)
                sides += [[smt[i] for i, _ in chunk], [tmt[j] for _, j in chunk]]
            cleaned = _clean(*sides)
            did = f"{name}/{doc}/{chunk[0][0]}"
            docs.append(Doc(did, did, name, meta["src_lang"], meta["tgt_lang"], *cleaned[:2],
                            src_mt=cleaned[2] if mt else None, tgt_mt=cleaned[3] if mt else None))
        skipped.append(f"align/{name}: {len(chosen)} of {len(windows)} windows of {window} 1-1 beads used")
    return docs


def pools(docs: Sequence[Doc]) -> dict[str, list[tuple[str, str, str]]]:
    """Per target language: (base doc, kind, item) with kind sentence/name/word, for other documents."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for d in docs:
        words: set[str] = set()
        for src, seg in zip(d.src, d.tgt):
            if len(WORD_RE.findall(seg)) >= 6:
                out[d.tgt_lang].append((d.base, "sentence", seg))
            # Names only where the source names them too: capitalised common nouns are not names.
            src_names = [src[a:b] for a, b in name_candidates(src, d.src_lang)]
            out[d.tgt_lang].extend((d.base, "name", seg[a:b]) for a, b in name_candidates(seg, d.tgt_lang)
                                   if any(names_match(seg[a:b], s) for s in src_names))
            words.update(w for w in re.findall(r"[^\W\d_]{4,}", seg) if w[0].islower())
        out[d.tgt_lang].extend((d.base, "word", w) for w in sorted(words))
    return out


def pool_for(doc: Doc, items: list[tuple[str, str, str]]) -> Pool:
    p = Pool()
    seen: set[tuple[str, str]] = set()
    for base, kind, item in items:
        if base == doc.base or (kind, item) in seen:
            continue
        seen.add((kind, item))
        {"sentence": p.sentences, "name": p.names, "word": p.words}[kind].append(item)
    return p


# --- scoring -----------------------------------------------------------------------------------------


Lines = tuple[str, list[int]]  # a presegmented side's joined text and where each of its lines starts


def lines_of(text: str) -> Lines:
    return text, [0] + [m.end() for m in re.finditer("\n", text)]


def seg_span(span, lines: Lines) -> tuple[list[int] | None, bool | None]:
    """[segment, start, end] of a finding's span within its line, and whether it covers every word of
    the line: a whole-sentence finding does not say which words of the sentence went missing."""
    if span is None:
        return None, None
    text, starts = lines
    seg = bisect_right(starts, span.start) - 1
    line_end = starts[seg + 1] - 1 if seg + 1 < len(starts) else len(text)
    line = text[starts[seg]:line_end]
    a, b = span.start - starts[seg], min(span.end, line_end) - starts[seg]
    return [seg, a, b], not any(ch.isalnum() for ch in line[:a] + line[b:])


def _finding(f, sides: tuple[Lines, Lines] | None = None) -> dict[str, Any]:
    """A finding as eval records it; with ``sides`` (the checked texts) also its spans per segment."""
    out = {"type": f.type, "change": f.change, "severity": f.severity.value, "src": list(f.src), "tgt": list(f.tgt),
           "src_text": f.src_span.text if f.src_span else None, "tgt_text": f.tgt_span.text if f.tgt_span else None,
           "explanation": f.explanation, "confidence": round(f.confidence, 4), "x": features(f)}
    if sides:
        out["src_seg_span"], out["src_whole"] = seg_span(f.src_span, sides[0])
        out["tgt_seg_span"], out["tgt_whole"] = seg_span(f.tgt_span, sides[1])
    return out


def _sig(f: dict[str, Any]) -> tuple:
    # Not the severity: a calibrated one depends on how many other findings the document has.
    return (f["type"], f["change"], f["src_text"], f["tgt_text"])


def mark_new(findings: list[dict[str, Any]], baseline: list[dict[str, Any]]) -> None:
    """Flag findings that the unaltered pair did not already have (by type, change and spans)."""
    left = Counter(_sig(f) for f in baseline)
    for f in findings:
        f["new"] = left[_sig(f)] <= 0
        left[_sig(f)] -= 1


def touches(f: dict[str, Any], label: dict[str, Any]) -> bool:
    if label["src_seg"] is None:
        return label["tgt_seg"] in f["tgt"]
    if label["tgt_seg"] is None:
        return label["src_seg"] in f["src"]
    return label["src_seg"] in f["src"] or label["tgt_seg"] in f["tgt"]


def detects(f: dict[str, Any], label: dict[str, Any], level: str = "strict") -> bool:
    """strict: expected type and change; type: expected type; any: any new finding on the segment.
    Where the label has a gold span (clause edits), strict and type also need :func:`on_gold_span`."""
    if not f["new"] or not touches(f, label):
        return False
    if level == "any":
        return True
    return (f["type"] == label["type"] and (level == "type" or f["change"] in (label["change"], *label["accept"]))
            and on_gold_span(f, label))


def on_gold_span(f: dict[str, Any], label: dict[str, Any]) -> bool:
    """Does the finding's span overlap the label's gold span (``src_start``/``src_end`` or
    ``tgt_start``/``tgt_end``) by a character, in the edited segment, without being the whole
    segment? True where the label has no gold span."""
    d = label["detail"]
    for side in ("src", "tgt"):
        if f"{side}_start" not in d:
            continue
        span = f.get(f"{side}_seg_span")
        if (not span or span[0] != label[f"{side}_seg"] or f.get(f"{side}_whole")
                or span[2] <= d[f"{side}_start"] or span[1] >= d[f"{side}_end"]):
            return False
    return True


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    return round(2 * p * r / (p + r), 4) if p and r else (0.0 if p is not None and r is not None else None)


def score(copies: list[dict[str, Any]], min_sev: str) -> dict[str, Any]:
    """Recall per kind and per finding type; precision per finding type; at one severity threshold."""
    rank = Severity(min_sev).rank
    by_kind: dict[str, Counter] = defaultdict(Counter)
    by_type: dict[str, Counter] = defaultdict(Counter)
    for c in copies:
        label, fs = c["label"], [f for f in c["findings"] if Severity(f["severity"]).rank >= rank]
        k = by_kind[label["kind"]]
        k["n"] += 1
        for level in ("strict", "type", "any"):
            k[level] += any(detects(f, label, level) for f in fs)
        by_type[label["type"]]["planted"] += 1
        by_type[label["type"]]["found"] += any(detects(f, label) for f in fs)
        for f in fs:
            t = by_type[f["type"]]
            t["findings"] += 1
            t["new"] += f["new"]
            t["correct"] += detects(f, label)
    kinds = {k: {"n": c["n"], "recall": _ratio(c["strict"], c["n"]), "recall_type": _ratio(c["type"], c["n"]),
                 "recall_any": _ratio(c["any"], c["n"])} for k, c in by_kind.items()}
    types = {}
    for t in FINDING_TYPES:
        c = by_type.get(t, Counter())
        r, p = _ratio(c["found"], c["planted"]), _ratio(c["correct"], c["findings"])
        types[t] = {"planted": c["planted"], "found": c["found"], "recall": r, "findings": c["findings"],
                    "correct": c["correct"], "precision": p, "precision_new": _ratio(c["correct"], c["new"]),
                    "f1": _f1(p, r)}
    return {"kinds": kinds, "types": types}


def false_positives(clean: list[dict[str, Any]], min_sev: str) -> dict[str, Any]:
    """Findings on unaltered pairs, per corpus and pair: per document and per 100 segments."""
    rank = Severity(min_sev).rank
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in clean:
        groups[f"{d['corpus']} {d['pair']}"].append(d)
    groups["ALL"] = list(clean)
    out = {}
    for g, ds in groups.items():
        fs = [f for d in ds for f in d["findings"] if Severity(f["severity"]).rank >= rank]
        segs = sum(d["segments"] for d in ds)
        by_type = sorted(Counter(f["type"] for f in fs).items())
        out[g] = {"docs": len(ds), "segments": segs, "findings": len(fs),
                  "per_doc": _ratio(len(fs), len(ds)), "per_100_segments": _ratio(100 * len(fs), segs),
                  "by_type_per_100": {t: _ratio(100 * n, segs) for t, n in by_type},
                  "by_severity": dict(Counter(f["severity"] for f in fs))}
    return out


# --- running -----------------------------------------------------------------------------------------


def run(docs: list[Doc], seed: int, copies: int, options: dict[str, Any] | None = None,
        kinds: Sequence[str] = KINDS) -> tuple[list[dict], list[dict], dict, float]:
    """Check every document as is and its perturbed copies (edits of ``kinds``); return clean
    records, copy records, applicability counts and the seconds spent inside ``xlate.check``
    (with ``options``)."""
    options = options or {}
    clean, altered = [], []
    applicable: dict[str, Counter] = defaultdict(Counter)
    all_pools = pools([d for d in docs if d.presegmented])
    check_secs = 0.0
    for n, doc in enumerate(docs, 1):
        t0 = time.perf_counter()
        src_text, tgt_text = "\n".join(doc.src), "\n".join(doc.tgt)
        base = xlate.check(src_text, tgt_text, doc.src_lang, doc.tgt_lang, presegmented=doc.presegmented,
                           source_mt=doc.src_mt, **options)
        check_secs += time.perf_counter() - t0
        baseline = [_finding(f, (lines_of(src_text), lines_of(tgt_text))) for f in base.findings]
        clean.append({"doc": doc.id, "base": doc.base, "corpus": doc.corpus, "pair": doc.pair, "findings": baseline,
                      "segments": len(base.target.sentences)})
        if not doc.presegmented:
            continue
        pool = pool_for(doc, all_pools.get(doc.tgt_lang, []))
        for kind in kinds:
            out = perturb_copies(kind, doc.src, doc.tgt, doc.src_lang, doc.tgt_lang,
                                 random.Random(f"{seed}:{doc.id}:{kind}"), copies, pool)
            a = applicable[f"{kind} {doc.pair}"]
            a["docs"] += 1
            if isinstance(out, Skip):
                a["skipped"] += 1
                continue
            a["applied"] += 1
            a["copies"] += len(out)
            for p in out:
                altered.append(_check_copy(doc, p, baseline, options))
                check_secs += altered[-1].pop("seconds")
        print(f"[{n}/{len(docs)}] {doc.id} {doc.pair}: {len(baseline)} findings unaltered", file=sys.stderr)
    return clean, altered, applicable, check_secs


def _check_copy(doc: Doc, p: Perturbed, baseline: list[dict], options: dict[str, Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    # Edits touch the target only, so a shipped MT of the source stays valid.
    src_text, tgt_text = "\n".join(doc.src), "\n".join(p.target)
    rep = xlate.check(src_text, tgt_text, doc.src_lang, doc.tgt_lang, presegmented=True, source_mt=doc.src_mt,
                      **options)
    secs = time.perf_counter() - t0
    sides = (lines_of(src_text), lines_of(tgt_text))
    fs = [_finding(f, sides) for f in rep.findings]
    mark_new(fs, baseline)
    return {"doc": doc.id, "base": doc.base, "corpus": doc.corpus, "pair": doc.pair, "label": p.label.to_dict(),
            "findings": fs, "mt": doc.src_mt is not None,
            "seconds": secs}


def summarize(clean: list[dict], altered: list[dict], applicable: dict) -> dict[str, Any]:
    pairs = sorted({c["pair"] for c in altered})
    out: dict[str, Any] = {"thresholds": {}, "by_pair": {}, "applicability": {}}
    for name, sev in THRESHOLDS.items():
        out["thresholds"][name] = {**score(altered, sev), "false_positives": false_positives(clean, sev)}
    for pair in pairs:
        out["by_pair"][pair] = score([c for c in altered if c["pair"] == pair], "low")
    for kind in KINDS:
        rows = {k.split()[1]: dict(v) for k, v in applicable.items() if k.split()[0] == kind}
        tot = Counter()
        for v in rows.values():
            tot.update(v)
        out["applicability"][kind] = {"total": dict(tot), "by_pair": rows}
    out["misses"] = _examples(altered)
    return out


def _examples(altered: list[dict], per_kind: int = 4) -> dict[str, list[dict]]:
    """A few undetected edits per kind (what was planted, what xlate said on that segment)."""
    out: dict[str, list[dict]] = defaultdict(list)
    for c in altered:
        label = c["label"]
        if len(out[label["kind"]]) >= per_kind or any(detects(f, label) for f in c["findings"]):
            continue
        d = label["detail"]
        out[label["kind"]].append({
            "doc": c["doc"], "pair": c["pair"], "src_seg": label["src_seg"], "tgt_seg": label["tgt_seg"],
            "edit": {k: d[k] for k in ("old", "new", "removed", "inserted", "quote") if k in d},
            "findings_on_segment": [f"{f['type']} {f['change']} {f['severity']}{'' if f['new'] else ' (old)'}"
                                    for f in c["findings"] if touches(f, label)]})
    return dict(out)


# --- output ------------------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}"


def _num(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def to_markdown(res: dict[str, Any], meta: dict[str, Any]) -> str:
    th = res["thresholds"]
    lines = ["# Planted-error detection (xlate, lexical backend)", "",
             f"xlate {meta['xlate_version']} (commit {meta['git_commit']}), seed {meta['config']['seed']}, "
             f"{meta['counts']['docs']} documents "
             f"({meta['counts']['perturbable_docs']} perturbable), {meta['counts']['altered_copies']} altered copies, "
             f"{meta['counts']['check_calls']} `xlate.check` calls in {meta['seconds_check']:.0f} s "
             f"({1000 * meta['seconds_check'] / max(1, meta['counts']['check_calls']):.0f} ms each).", "",
             "**Only the lexical backend was available on this run: no translation model, no embedder.** "
             f"Findings that need MT: {NEEDS_MT}.", "",
             "Recall: planted edits found by a new finding of the expected type and change on the edited "
             "segment (clause edits: with a span on the clause's words, not the whole sentence). "
             "Precision: such findings / all findings of that type on the altered copies (findings "
             "already present on the unaltered pair count as false positives; *P new* leaves them out). "
             "Percentages.", "",
             "## Per finding type", "",
             "| type | planted | " + " | ".join(f"R {t} | P {t} | F1 {t}" for t in th) + " | P new (all) |",
             "|---|---|" + "---|---|---|" * len(th) + "---|"]
    for t in FINDING_TYPES:
        cells = []
        for name in th:
            c = th[name]["types"][t]
            cells += [_pct(c["recall"]), _pct(c["precision"]), _pct(c["f1"])]
        lines.append(f"| {t} | {th['all']['types'][t]['planted']} | {' | '.join(cells)} | "
                     f"{_pct(th['all']['types'][t]['precision_new'])} |")
    lines += ["", "## Per edit (recall, all severities / medium+ / high)", "",
              "| edit | expected finding | applied docs / tried | copies | R strict | R type only | R any finding "
              "| R medium+ | R high |", "|---|---|---|---|---|---|---|---|---|"]
    for kind in KINDS:
        a = res["applicability"][kind]["total"]
        k = th["all"]["kinds"].get(kind)
        typ, change, accept, mt = EXPECTED[kind]
        exp = f"{typ} {change}" + (f" (or {'/'.join(accept)})" if accept else "") + (" *needs MT*" if mt else "")
        if not k:
            lines.append(f"| {kind} | {exp} | 0 / {a.get('docs', 0)} | 0 | - | - | - | - | - |")
            continue
        lines.append(f"| {kind} | {exp} | {a.get('applied', 0)} / {a.get('docs', 0)} | {k['n']} | "
                     f"{_pct(k['recall'])} | {_pct(k['recall_type'])} | {_pct(k['recall_any'])} | "
                     f"{_pct(th['medium+']['kinds'][kind]['recall'])} | {_pct(th['high']['kinds'][kind]['recall'])} |")
    pairs = list(res["by_pair"])
    lines += ["", "## Recall per edit and language pair (source-target, target edited; all severities)", "",
              "| edit | " + " | ".join(pairs) + " |", "|---|" + "---|" * len(pairs)]
    for kind in KINDS:
        cells = []
        for p in pairs:
            k = res["by_pair"][p]["kinds"].get(kind)
            cells.append(f"{_pct(k['recall'])} ({k['n']})" if k else "n/a")
        lines.append(f"| {kind} | {' | '.join(cells)} |")
    lines += ["", "## F1 per finding type and language pair (all severities)", "",
              "| type | " + " | ".join(pairs) + " |", "|---|" + "---|" * len(pairs)]
    for t in FINDING_TYPES:
        cells = [_pct(res["by_pair"][p]["types"][t]["f1"]) for p in pairs]
        lines.append(f"| {t} | {' | '.join(cells)} |")
    fp = th["all"]["false_positives"]
    types = sorted({t for g in fp.values() for t in g["by_type_per_100"]})
    lines += ["", "## False positives on unaltered (faithful) pairs", "",
              "Every finding on an unaltered pair counts, though human news translations are not perfectly "
              "faithful (see ../shared/data/README.md): these are upper bounds on the false-positive rate.", "",
              "| corpus pair | docs | segments | per doc | per 100 seg | medium+ | high | "
              + " | ".join(types) + " |", "|---|---|---|---|---|---|---|" + "---|" * len(types)]
    for g, c in fp.items():
        by = c["by_type_per_100"]
        lines.append(f"| {g} | {c['docs']} | {c['segments']} | {_num(c['per_doc'])} | {_num(c['per_100_segments'], 1)} "
                     f"| {_num(th['medium+']['false_positives'][g]['per_100_segments'], 1)} "
                     f"| {_num(th['high']['false_positives'][g]['per_100_segments'], 1)} | "
                     + " | ".join(_num(by.get(t), 1) for t in types) + " |")
    lines += ["", "Type columns: findings of that type per 100 segments, all severities.", "",
              "## Undetected examples (first few per edit)", ""]
    for kind, ex in res["misses"].items():
        for e in ex[:2]:
            lines.append(f"- {kind} {e['pair']} `{e['doc']}` seg {e['src_seg']}/{e['tgt_seg']}: "
                         f"{json.dumps(e['edit'], ensure_ascii=False)[:160]} → "
                         f"{', '.join(e['findings_on_segment']) or 'no finding on the segment'}")
    lines += ["", "## Data", ""] + [f"- {s}" for s in meta["data_notes"]]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Plant labelled edits in faithful pairs, run xlate.check; write detect.json and detect.md to --out."""
    ap = argparse.ArgumentParser(prog="python -m eval.detect", description=main.__doc__)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default="eval/results/detect")
    ap.add_argument("--copies", type=int, default=3, help="altered copies per document and edit (default 3)")
    ap.add_argument("--window", type=int, default=10, help="gold 1-1 beads per aligned-corpus document")
    ap.add_argument("--max-windows", type=int, default=30, help="windows per aligned corpus (seeded sample)")
    ap.add_argument("--max-docs", type=int, help="only the first N documents (smoke tests)")
    ap.add_argument("--one-direction", action="store_true", help="do not also edit the source-language side")
    args = ap.parse_args(argv)
    t_start = time.perf_counter()
    data = shared_root() / "data"
    notes: list[str] = []
    if not data.is_dir():
        notes.append(f"{data} not found (set XLATE_SHARED to the shared folder): seeds only")
        print(f"skip {notes[-1]}", file=sys.stderr)
    base = news_docs(data, notes) + seed_docs(notes) + align_docs(data, args.window, args.max_windows, args.seed,
                                                                  notes)
    docs = [x for d in base for x in ([d] if args.one_direction or not d.presegmented else [d, d.reversed()])]
    if args.max_docs:
        docs = docs[: args.max_docs]
    clean, altered, applicable, check_secs = run(docs, args.seed, args.copies)
    res = summarize(clean, altered, applicable)
    meta = {
        "xlate_version": __version__, "git_commit": git_commit(), "python": platform.python_version(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "data": shown(data),
        "backend": "lexical only (aligner lexical, translator none): no MT or embedding model on this run",
        "config": {"seed": args.seed, "copies": args.copies, "window": args.window, "max_windows": args.max_windows,
                   "max_docs": args.max_docs, "both_directions": not args.one_direction, "presegmented": True,
                   "thresholds": THRESHOLDS, "kinds": {k: dict(zip(("type", "change", "accept", "needs_mt"), v))
                                                       for k, v in EXPECTED.items()}},
        "counts": {"docs": len(docs), "perturbable_docs": sum(d.presegmented for d in docs),
                   "segments": sum(len(d.tgt) for d in docs if d.presegmented), "altered_copies": len(altered),
                   "check_calls": len(docs) + len(altered),
                   "docs_by_pair": dict(Counter(d.pair for d in docs))},
        "seconds_total": round(time.perf_counter() - t_start, 1), "seconds_check": round(check_secs, 1),
        "data_sources": {"news": {c: f"news/{c}" for c in NEWS}, "align": [f"align/{a}" for a in ALIGN],
                         "seeds": "seeds/*/expected.json with clean: true"},
        "data_notes": notes, "needs_mt": NEEDS_MT,
        "definitions": __doc__.split("\n\n")[1].replace("\n", " "),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "detect.json").write_text(json.dumps({**meta, **res}, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    (out / "detect.md").write_text(to_markdown(res, meta), encoding="utf-8")
    t = res["thresholds"]["all"]["types"]
    print("  ".join(f"{k}: R {_pct(v['recall'])} P {_pct(v['precision'])}" for k, v in t.items() if v["planted"]),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
