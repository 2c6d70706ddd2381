"""The stages of a check, each a small function from one typed result to the next.

segment → load backends → translate → align → compare. ``xlate.pipeline.check`` runs them all;
``xlate.pipeline.align`` stops after the alignment. Nothing here prints: notices travel with the
results and end up in the report.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xlate.align import align as align_sentences
from xlate.backends import resolve_embedder, resolve_translator
from xlate.compare import get_checker
from xlate.compare.base import Context
from xlate.compare.calibration import default_calibration
from xlate.compare.evidence import gather
from xlate.compare.mt import DivergenceChecker, review
from xlate.compare.stretch import absorb
from xlate.config import Config
from xlate.errors import InputError, MissingDependencyError, ModelError
from xlate.langs import detect_language
from xlate.lexicons import Lexicon, load_lexicon
from xlate.report.model import Finding, Link, Sentence
from xlate.segment import presegmented, segment
from xlate.segment.furniture import find_furniture
from xlate.text.chrf import chrf
from xlate.text.script import visible_length
from xlate.translate.base import run_translator


class Stopwatch:
    """Milliseconds per pipeline stage, reported in the summary: where the time of a check goes."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.ms[stage] = round(self.ms.get(stage, 0.0) + 1000 * (now - self._t), 1)
        self._t = now


@dataclass(frozen=True)
class Document:
    """Both texts segmented: languages, sentences, page furniture and the lexicons to read them."""

    src_lang: str
    tgt_lang: str
    detected: tuple[bool, bool]  # was each side's language detected (not given)?
    source: str
    target: str
    src_sents: list[Sentence]
    tgt_sents: list[Sentence]
    src_furniture: frozenset[int]
    tgt_furniture: frozenset[int]
    src_lex: Lexicon
    tgt_lex: Lexicon


@dataclass(frozen=True)
class Backends:
    """Model backends for this pair (None: not used) and the notices explaining any fallback."""

    embedder: Any = None
    forward: Any = None  # source → target translator
    backward: Any = None  # target → source translator
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Translation:
    """Each side's sentences in the other language (None: none), and the translators that ran."""

    src_mt: list[str] | None
    tgt_mt: list[str] | None
    forward: Any
    backward: Any
    notices: tuple[str, ...]


def validate(source: str, target: str, config: Config) -> None:
    """Refuse empty input and pairs too unequal in length to be two versions of one story."""
    for name, text in (("source", source), ("target", target)):
        if not text or not text.strip():
            raise InputError(f"the {name} text is empty")
    ratio = visible_length(source) / max(1.0, visible_length(target))
    limit = config.max_length_ratio
    if max(ratio, 1 / ratio) > limit:
        longer = "source" if ratio > 1 else "target"
        raise InputError(
            f"the {longer} is {max(ratio, 1 / ratio):.0f}× longer than the other side (limit {limit:g}×): "
            "are these two versions of one story? Raise --max-length-ratio to compare anyway")


def segment_pair(source: str, target: str, config: Config) -> Document:
    """Stage 1: languages (given or detected), sentences, and page furniture on each side."""
    src = config.src_lang or detect_language(source)
    tgt = config.tgt_lang or detect_language(target)
    src_lex, tgt_lex = load_lexicon(src), load_lexicon(tgt)
    if config.presegmented:
        src_sents, tgt_sents = presegmented(source), presegmented(target)
    else:
        src_sents, tgt_sents = segment(source, src), segment(target, tgt)
    src_furn = find_furniture(source, src_sents, src_lex) if config.furniture else set()
    tgt_furn = find_furniture(target, tgt_sents, tgt_lex) if config.furniture else set()
    return Document(src, tgt, (config.src_lang is None, config.tgt_lang is None), source, target,
                    src_sents, tgt_sents, frozenset(src_furn), frozenset(tgt_furn), src_lex, tgt_lex)


def load_backends(doc: Document, config: Config) -> Backends:
    """Stage 2: the embedder and both translators; a supplied translation replaces its direction's."""
    embedder = resolve_embedder(config.embedder, config.models)
    notices = list(embedder.notices)
    forward = backward = None
    if config.wants_mt and config.source_mt is None:
        loaded = resolve_translator(config.translator, doc.src_lang, doc.tgt_lang, config.models)
        forward, notices = loaded.backend, notices + list(loaded.notices)
    if config.wants_mt and config.target_mt is None:
        loaded = resolve_translator(config.translator, doc.tgt_lang, doc.src_lang, config.models)
        backward = loaded.backend
        if forward is not None or config.source_mt is not None:  # else the forward notice said it
            notices.extend(loaded.notices)
    return Backends(embedder.backend, forward, backward, tuple(notices))


def translate_pair(doc: Document, backends: Backends, config: Config) -> Translation:
    """Stage 3: supplied translations, then the translators for the directions that have none."""
    src_mt = parallel_mt(config.source_mt, doc.source, len(doc.src_sents), config.presegmented, "source")
    tgt_mt = parallel_mt(config.target_mt, doc.target, len(doc.tgt_sents), config.presegmented, "target")
    forward, backward, notices = backends.forward, backends.backward, list(backends.notices)
    if forward is not None:
        try:
            src_mt = run_translator(forward, [x.text for x in doc.src_sents], doc.src_lang, doc.tgt_lang)
        except ModelError as e:  # under auto, a model found on disk but unusable is a notice
            if config.translator != "auto":
                raise
            notices.append(f"the MT model on disk could not be used; comparing without MT ({e})")
            src_mt = None
            forward = backward = None
    if backward is not None:
        try:
            tgt_mt = run_translator(backward, [x.text for x in doc.tgt_sents], doc.tgt_lang, doc.src_lang)
        except MissingDependencyError as e:
            # The backward direction is optional (glosses of the target, one more view for the
            # aligner): a missing model for it is a notice, not a failure of the check.
            notices.append(f"no {doc.tgt_lang}→{doc.src_lang} translation, so the target is shown without "
                           f"glosses ({e})")
            backward = None  # the config must not name a model that did not run
    return Translation(src_mt, tgt_mt, forward, backward, tuple(notices))


def parallel_mt(mt: Sequence[str] | None, text: str, n: int, presegmented: bool, name: str) -> list[str] | None:
    """A supplied translation, one line per sentence of ``text``.

    A line-by-line MT of a presegmented file may keep its blank lines (the input's are skipped):
    those are dropped where the input's are; trailing blank lines never count.
    """
    if mt is None:
        return None
    out, lines = _trim(list(mt)), _trim(text.splitlines())
    if presegmented and len(out) != n and len(out) == len(lines):
        out = [m for m, line in zip(out, lines) if line.strip()]
    if len(out) != n:
        how = ("one line per non-blank input line" if presegmented
               else "line-parallel with presegmented input (use --presegmented)")
        raise InputError(f"the {name} MT has {len(out)} lines but the {name} has {n} sentences; MT must be {how}")
    return out


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def align_pair(doc: Document, mt: Translation, embedder: Any, config: Config) -> list[Link]:
    """Stage 4: align the content sentences; furniture goes back in as one-sided beads where it stood."""
    src_keep = [s.id for s in doc.src_sents if s.id not in doc.src_furniture]
    tgt_keep = [s.id for s in doc.tgt_sents if s.id not in doc.tgt_furniture]
    links = align_sentences([doc.src_sents[i].text for i in src_keep], [doc.tgt_sents[j].text for j in tgt_keep],
                            doc.src_lang, doc.tgt_lang,
                            src_mt=[mt.src_mt[i] for i in src_keep] if mt.src_mt is not None else None,
                            tgt_mt=[mt.tgt_mt[j] for j in tgt_keep] if mt.tgt_mt is not None else None,
                            params=config.align, embedder=embedder)
    # Scores are rounded here, once, so a report read back from JSON renders identically.
    content = [Link(tuple(src_keep[i] for i in link.src), tuple(tgt_keep[j] for j in link.tgt),
                    round(link.score, 4)) for link in links]
    if mt.src_mt is not None:
        content = [_with_chrf(link, doc, mt.src_mt) for link in content]
    return reinsert_furniture(content, sorted(doc.src_furniture), sorted(doc.tgt_furniture))


def _with_chrf(link: Link, doc: Document, src_mt: list[str]) -> Link:
    """A two-sided bead with chrF of the source's MT against the target (both in one language)."""
    if not (link.src and link.tgt):
        return link
    mt = " ".join(src_mt[i] for i in link.src)
    return Link(link.src, link.tgt, link.score, chrf(mt, " ".join(doc.tgt_sents[j].text for j in link.tgt)))


def reinsert_furniture(content: list[Link], src_furniture: list[int], tgt_furniture: list[int]) -> list[Link]:
    """Put each furniture sentence back as a one-sided bead before the first bead that follows it."""
    out: list[Link] = []
    pending_s, pending_t = list(src_furniture), list(tgt_furniture)
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


def compare_pair(doc: Document, mt: Translation, alignment: list[Link], config: Config) -> list[Finding]:
    """Stage 5: every check over the beads; with MT, divergence and the MT's second opinion; then
    the evidence of each finding and its calibrated confidence (and severity, if so configured)."""
    forward = mt.forward
    ctx = Context(src_lang=doc.src_lang, tgt_lang=doc.tgt_lang, src_text=doc.source, tgt_text=doc.target,
                  src_sents=doc.src_sents, tgt_sents=doc.tgt_sents, alignment=alignment,
                  src_lex=doc.src_lex, tgt_lex=doc.tgt_lex,
                  furniture={("src", i) for i in doc.src_furniture} | {("tgt", j) for j in doc.tgt_furniture},
                  src_mt=mt.src_mt, tgt_mt=mt.tgt_mt,
                  translate=(lambda xs: run_translator(forward, xs, doc.src_lang, doc.tgt_lang))
                  if forward is not None else None)
    findings: list[Finding] = []
    for name in config.checks:
        findings.extend(get_checker(name).check(ctx))
    if mt.src_mt is not None:
        findings.extend(DivergenceChecker().check(ctx))
        findings = review(findings, ctx)
    findings = absorb(findings, ctx)
    if config.terms is not None:  # the desk's accepted renderings and ignored terms settle these
        findings, _ = config.terms.apply(findings, doc.src_lang, doc.tgt_lang, doc.src_sents, doc.tgt_sents)
    gather(findings, ctx)
    if config.calibration != "off":
        default_calibration().apply(findings, severity=config.calibration == "severity")
    return order_findings(findings, alignment)


def order_findings(findings: list[Finding], alignment: list[Link]) -> list[Finding]:
    """Findings in reading order (bead, then offset), numbered F001, F002…"""
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
