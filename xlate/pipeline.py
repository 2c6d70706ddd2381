"""segment → align → compare → report: ``check()`` is the whole product in one call.

The CLI and the Streamlit app are thin layers over this function; nothing here prints.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from xlate import __version__
from xlate.align import align as align_sentences
from xlate.backends import resolve_embedder, resolve_translator
from xlate.compare import CHECKS, get_checker
from xlate.compare.base import Context
from xlate.compare.mt import DivergenceChecker, review, score_beads
from xlate.errors import ConfigError, InputError, MissingDependencyError, ModelError, XlateError
from xlate.langs import detect_language, normalize_lang
from xlate.lexicons import load_lexicon
from xlate.report.model import SEVERITIES, Finding, Link, Report, Sentence, Side
from xlate.segment import presegmented as split_lines
from xlate.segment import segment
from xlate.segment.furniture import find_furniture
from xlate.translate.base import run_translator

DEFAULTS: dict[str, Any] = {
    "aligner": "lexical",
    "embedder": "lexical",
    "translator": "none",
    "device": "cpu",
    "models_dir": None,
    "checks": tuple(CHECKS),
    "presegmented": False,
    "furniture": True,
    "max_length_ratio": 10.0,
    "source_mt": None,
    "target_mt": None,
}
SEVERITY_WEIGHT = {"low": 0.2, "medium": 0.5, "high": 1.0}


class _Stopwatch:
    """Milliseconds per pipeline stage, reported in the summary: where the time of a check goes."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.ms[stage] = round(self.ms.get(stage, 0.0) + 1000 * (now - self._t), 1)
        self._t = now


def _visible_length(text: str) -> float:
    """Length in Latin-letter equivalents: a CJK character carries about three letters' content."""
    return sum(3 if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" else 1
               for ch in text if not ch.isspace())


def resolve_langs(source: str, target: str, src_lang: str | None,
                  tgt_lang: str | None) -> tuple[str, str, dict[str, bool]]:
    detected = {"src": src_lang is None, "tgt": tgt_lang is None}
    src = normalize_lang(src_lang) if src_lang else detect_language(source)
    tgt = normalize_lang(tgt_lang) if tgt_lang else detect_language(target)
    return src, tgt, detected


def check(source: str, target: str, src_lang: str | None = None, tgt_lang: str | None = None,
          **options: Any) -> Report:
    """Compare two language versions of one story; return a scored, explainable report.

    Options: ``aligner`` (name), ``embedder`` (``lexical``, ``auto``, a model name or folder, or an
    object with ``embed``), ``translator`` (``none``, ``auto``, a backend name, or an object with
    ``translate``), ``device``, ``models_dir``, ``checks`` (names), ``presegmented`` (one sentence
    per line), ``furniture`` (skip bylines/footers), ``max_length_ratio``, ``source_mt``/``target_mt``
    (translations of each side, line-parallel with its presegmented sentences).
    """
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ConfigError(f"unknown option(s): {', '.join(sorted(unknown))}; valid: {', '.join(DEFAULTS)}")
    opts = {**DEFAULTS, **options}
    for name, text in (("source", source), ("target", target)):
        if not text or not text.strip():
            raise InputError(f"the {name} text is empty")
    ratio = _visible_length(source) / max(1.0, _visible_length(target))
    limit = float(opts["max_length_ratio"])
    if max(ratio, 1 / ratio) > limit:
        longer = "source" if ratio > 1 else "target"
        raise InputError(
            f"the {longer} is {max(ratio, 1 / ratio):.0f}× longer than the other side (limit {limit:g}×): "
            "are these two versions of one story? Raise --max-length-ratio to compare anyway")
    clock = _Stopwatch()
    src, tgt, detected = resolve_langs(source, target, src_lang, tgt_lang)
    src_lex, tgt_lex = load_lexicon(src), load_lexicon(tgt)

    if opts["presegmented"]:
        src_sents, tgt_sents = split_lines(source), split_lines(target)
    else:
        src_sents, tgt_sents = segment(source, src), segment(target, tgt)
    furniture = {
        "src": find_furniture(source, src_sents, src_lex) if opts["furniture"] else set(),
        "tgt": find_furniture(target, tgt_sents, tgt_lex) if opts["furniture"] else set(),
    }
    clock.lap("segment")
    notices: list[str] = []
    embedder = resolve_embedder(opts["embedder"], device=opts["device"], models_dir=opts["models_dir"],
                                notices=notices)
    spec = opts["translator"]
    forward = backward = None
    # A supplied translation replaces the translator for its direction: nothing is resolved for it.
    if spec not in (None, "none") and opts["source_mt"] is None:
        forward = resolve_translator(spec, src, tgt, device=opts["device"], models_dir=opts["models_dir"],
                                     notices=notices)
    if spec not in (None, "none") and opts["target_mt"] is None:
        back_notices: list[str] = []
        backward = resolve_translator(spec, tgt, src, device=opts["device"], models_dir=opts["models_dir"],
                                      notices=back_notices)
        if forward is not None or opts["source_mt"] is not None:  # else the forward notice said it
            notices.extend(back_notices)
    clock.lap("load_models")
    src_mt = parallel_mt(opts["source_mt"], source, len(src_sents), opts["presegmented"], "source")
    tgt_mt = parallel_mt(opts["target_mt"], target, len(tgt_sents), opts["presegmented"], "target")
    if forward is not None:
        src_mt = forward_mt(forward, spec, [x.text for x in src_sents], src, tgt, notices)
        if src_mt is None:
            forward = backward = None
    if backward is not None:
        try:
            tgt_mt = run_translator(backward, [x.text for x in tgt_sents], tgt, src)
        except MissingDependencyError as e:
            # The backward direction only adds glosses of the target: its absence is a notice.
            notices.append(f"no {tgt}→{src} translation, so the target is shown without glosses ({e})")
            backward = None  # the config must not name a model that did not run
    clock.lap("translate")
    alignment = _align(src_sents, tgt_sents, src, tgt, furniture, opts["aligner"], embedder, src_mt, tgt_mt)
    clock.lap("align")

    ctx = Context(src, tgt, source, target, src_sents, tgt_sents, alignment, src_lex, tgt_lex,
                  furniture={(side, i) for side, ids in furniture.items() for i in ids},
                  src_mt=src_mt, tgt_mt=tgt_mt,
                  translate=(lambda xs: run_translator(forward, xs, src, tgt)) if forward else None)
    findings: list[Finding] = []
    for name in opts["checks"]:
        findings.extend(get_checker(name).check(ctx))
    if src_mt is not None:
        findings.extend(DivergenceChecker().check(ctx))
        findings = review(findings, ctx)
        alignment = score_beads(ctx)
    findings = _order(findings, alignment)
    clock.lap("compare")

    config = {
        "src_lang": src, "tgt_lang": tgt,
        "src_lang_detected": detected["src"], "tgt_lang_detected": detected["tgt"],
        "segmenter": "lines" if opts["presegmented"] else "rules",
        "aligner": opts["aligner"] + (f"+embed:{_name(embedder)}" if embedder is not None else ""),
        "embedder": _name(embedder) if embedder is not None else "none",
        "translator": describe(forward, src, tgt) if forward is not None else "none",
        "translator_back": describe(backward, tgt, src) if backward is not None else "none",
        "models": {"embedder": _models(embedder, src, tgt), "translator": _models(forward, src, tgt),
                   "translator_back": _models(backward, tgt, src)},
        "device": opts["device"],
        "source_mt": opts["source_mt"] is not None, "target_mt": opts["target_mt"] is not None,
        "checks": list(opts["checks"]),
        "furniture": bool(opts["furniture"]),
        "max_length_ratio": limit,
        "lexicons": {src: src_lex.sha, tgt: tgt_lex.sha},
        "notices": notices,
    }
    config["signature"] = signature(config)
    report = Report(
        xlate_version=__version__, config=config,
        source=Side(src, source, src_sents, furniture["src"]),
        target=Side(tgt, target, tgt_sents, furniture["tgt"]),
        alignment=alignment, findings=findings,
        translations={"source": src_mt, "target": tgt_mt} if src_mt or tgt_mt else None,
    )
    report.summary = summarize(report)
    report.summary["timings_ms"] = clock.ms
    return report


def _align(src_sents: list[Sentence], tgt_sents: list[Sentence], src: str, tgt: str,
           furniture: dict[str, set[int]], aligner: str, embedder: Any,
           src_mt: list[str] | None, tgt_mt: list[str] | None) -> list[Link]:
    """Align content sentences; furniture goes back in as one-sided beads where it stood."""
    src_keep = [s.id for s in src_sents if s.id not in furniture["src"]]
    tgt_keep = [s.id for s in tgt_sents if s.id not in furniture["tgt"]]
    extra = {"embedder": embedder} if embedder is not None else {}
    links = align_sentences([src_sents[i].text for i in src_keep], [tgt_sents[j].text for j in tgt_keep],
                            src, tgt, aligner=aligner,
                            src_mt=[src_mt[i] for i in src_keep] if src_mt is not None else None,
                            tgt_mt=[tgt_mt[j] for j in tgt_keep] if tgt_mt is not None else None, **extra)
    # Scores are rounded here, once, so a report read back from JSON renders identically.
    content = [Link(tuple(src_keep[i] for i in link.src), tuple(tgt_keep[j] for j in link.tgt),
                    round(link.score, 4)) for link in links]
    return _reinsert(content, furniture)


def parallel_mt(mt: Sequence[str] | None, text: str, n: int, presegmented: bool, name: str) -> list[str] | None:
    """A supplied translation, one line per sentence of ``text``.

    A line-by-line MT of a presegmented file may keep its blank lines (the input's are skipped):
    those are dropped where the input's are; trailing blank lines never count.
    """
    if mt is None:
        return None

    def trim(lines: list[str]) -> list[str]:
        while lines and not lines[-1].strip():
            lines = lines[:-1]
        return lines

    out, lines = trim(list(mt)), trim(text.splitlines())
    if presegmented and len(out) != n and len(out) == len(lines):
        out = [m for m, line in zip(out, lines) if line.strip()]
    if len(out) != n:
        how = ("one line per non-blank input line" if presegmented
               else "line-parallel with presegmented input (use --presegmented)")
        raise InputError(f"the {name} MT has {len(out)} lines but the {name} has {n} sentences; MT must be {how}")
    return out


def forward_mt(translator: Any, spec: Any, texts: list[str], src: str, tgt: str,
               notices: list[str]) -> list[str] | None:
    """Translate the source side; under ``auto`` a model found on disk but unusable is a notice."""
    try:
        return run_translator(translator, texts, src, tgt)
    except ModelError as e:
        if spec != "auto":
            raise
        notices.append(f"the MT model on disk could not be used; comparing without MT ({e})")
        return None


def _name(backend: Any) -> str:
    return str(getattr(backend, "name", type(backend).__name__))


def describe(backend: Any, src: str, tgt: str) -> str:
    """The backend's name for this direction (the models it uses), else its plain name."""
    inner = getattr(backend, "inner", backend)  # the translation cache wraps backends
    fn = getattr(inner, "describe", None)
    return str(fn(src, tgt)) if callable(fn) else _name(backend)


def _models(backend: Any, src: str, tgt: str) -> list[dict[str, str]]:
    """Every model folder a backend used: id, how it was found, path and fingerprint."""
    if backend is None:
        return []
    inner = getattr(backend, "inner", backend)
    try:
        if callable(getattr(inner, "route", None)):
            found = list(inner.route(src, tgt))
        else:
            found = [inner.resolved] if getattr(inner, "resolved", None) is not None else []
    except XlateError:  # a backend that cannot say is not worth failing a finished check for
        return []
    return [{"id": m.id, "source": m.source, "path": str(m.path), "fingerprint": m.fingerprint}
            for m in found if hasattr(m, "path")]


def _reinsert(content: list[Link], furniture: dict[str, set[int]]) -> list[Link]:
    out: list[Link] = []
    pending_s = sorted(furniture["src"])
    pending_t = sorted(furniture["tgt"])
    for link in content:
        first_s = min(link.src) if link.src else None
        first_t = min(link.tgt) if link.tgt else None
        while pending_s and first_s is not None and pending_s[0] < first_s:
            out.append(Link((pending_s.pop(0),), (), 1.0))
        while pending_t and first_t is not None and pending_t[0] < first_t:
            out.append(Link((), (pending_t.pop(0),), 1.0))
        out.append(link)
    out.extend(Link((i,), (), 1.0) for i in pending_s)
    out.extend(Link((), (j,), 1.0) for j in pending_t)
    return out


def _order(findings: list[Finding], alignment: list[Link]) -> list[Finding]:
    bead_of_src = {i: k for k, link in enumerate(alignment) for i in link.src}
    bead_of_tgt = {j: k for k, link in enumerate(alignment) for j in link.tgt}

    def key(f: Finding) -> tuple[int, int]:
        k = bead_of_src.get(f.src[0]) if f.src else bead_of_tgt.get(f.tgt[0]) if f.tgt else 0
        pos = f.src_span.start if f.src_span else f.tgt_span.start if f.tgt_span else 0
        return (k or 0, pos)

    findings = sorted(findings, key=key)
    for n, f in enumerate(findings, 1):
        f.id = f"F{n:03d}"
    return findings


def signature(config: dict[str, Any]) -> str:
    """One line that records every setting that changes results, sacrebleu-style."""
    lex = ",".join(f"{k}={v}" for k, v in config["lexicons"].items())
    mt = config["translator"] + ("+given" if config["source_mt"] or config["target_mt"] else "")
    if config.get("translator_back", "none") not in ("none", config["translator"]):
        mt += f",back:{config['translator_back']}"
    if config["embedder"] != "none":
        mt += f"|emb:{config['embedder']}"
    return (f"{config['src_lang']}-{config['tgt_lang']}|seg:{config['segmenter']}|"
            f"align:{config['aligner']}|mt:{mt}|lex:{lex}|checks:{len(config['checks'])}|"
            f"v:{__version__}")


def summarize(report: Report) -> dict[str, Any]:
    by_type = Counter(f.type for f in report.findings)
    by_sev = Counter(f.severity for f in report.findings)
    beads = [link for link in report.alignment
             if not (len(link.src) == 1 and not link.tgt and link.src[0] in report.source.furniture)
             and not (len(link.tgt) == 1 and not link.src and link.tgt[0] in report.target.furniture)]
    n_beads = max(1, len(beads))
    penalty = sum(SEVERITY_WEIGHT[f.severity] for f in report.findings)
    shapes = Counter(f"{len(link.src)}-{len(link.tgt)}" for link in beads)
    paired = [link.score for link in beads if link.src and link.tgt]
    return {
        "findings": len(report.findings),
        "findings_by_type": dict(sorted(by_type.items())),
        "findings_by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
        "consistency_score": round(max(0.0, 100.0 * (1 - penalty / n_beads)), 1),
        "alignment": {
            "beads": len(beads),
            "by_shape": dict(sorted(shapes.items())),
            "mean_score": round(sum(paired) / len(paired), 3) if paired else 0.0,
            "low_confidence": sum(1 for s in paired if s < 0.3),
        },
        "sentences": {"source": len(report.source.sentences), "target": len(report.target.sentences)},
        "furniture": {"source": sorted(report.source.furniture), "target": sorted(report.target.furniture)},
    }
