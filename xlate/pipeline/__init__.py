"""segment → load backends → translate → align → compare, then the report.

:func:`check` runs every stage; :func:`align` runs the same stages up to the alignment, so the two
align the same input the same way. The CLI and the app only build a :class:`~xlate.config.Config`
and render what these return; nothing here prints.
"""

from __future__ import annotations

from typing import Any

from xlate import __version__
from xlate.config import Config
from xlate.pipeline.record import RunRecord
from xlate.pipeline.stages import (
    Backends,
    Document,
    Stopwatch,
    Translation,
    align_pair,
    compare_pair,
    load_backends,
    segment_pair,
    translate_pair,
    validate,
)
from xlate.report.model import Finding, Link, Report, Side
from xlate.report.summary import summarize

__all__ = ["Config", "align", "check"]


def check(source: str, target: str, *, config: Config | None = None, **options: Any) -> Report:
    """Compare two language versions of one story; return a scored, explainable report.

    ``options`` are :class:`Config` fields (and :class:`~xlate.config.ModelSettings` fields such as
    ``device`` or ``models_dir``) that override ``config``.
    """
    config = Config.from_options(config, **options)
    clock = Stopwatch()
    doc, backends, mt = _prepare(source, target, config, clock)
    alignment = align_pair(doc, mt, backends.embedder, config)
    clock.lap("align")
    findings = compare_pair(doc, mt, alignment, config)
    clock.lap("compare")
    return _report(doc, backends, mt, alignment, findings, config, clock)


def align(source: str, target: str, *, config: Config | None = None, **options: Any) -> Report:
    """The stages of :func:`check` up to the alignment: a report with no findings.

    A configured translator runs as in a check (translate-then-align uses both directions), so
    the alignment is the one ``check`` would compare.
    """
    config = Config.from_options(config, **options)
    clock = Stopwatch()
    doc, backends, mt = _prepare(source, target, config, clock)
    alignment = align_pair(doc, mt, backends.embedder, config)
    clock.lap("align")
    return _report(doc, backends, mt, alignment, [], config, clock)


def _prepare(source: str, target: str, config: Config,
             clock: Stopwatch) -> tuple[Document, Backends, Translation]:
    validate(source, target, config)
    doc = segment_pair(source, target, config)
    clock.lap("segment")
    backends = load_backends(doc, config)
    clock.lap("load_models")
    mt = translate_pair(doc, backends, config)
    clock.lap("translate")
    return doc, backends, mt


def _report(doc: Document, backends: Backends, mt: Translation, alignment: list[Link],
            findings: list[Finding], config: Config, clock: Stopwatch) -> Report:
    record = RunRecord.of(config, doc, backends.embedder, mt)
    report = Report(
        xlate_version=__version__, config=record.to_dict(),
        source=Side(doc.src_lang, doc.source, doc.src_sents, set(doc.src_furniture)),
        target=Side(doc.tgt_lang, doc.target, doc.tgt_sents, set(doc.tgt_furniture)),
        alignment=alignment, findings=findings,
        translations={"source": mt.src_mt, "target": mt.tgt_mt} if mt.src_mt or mt.tgt_mt else None,
    )
    report.summary = summarize(report)
    report.summary["timings_ms"] = clock.ms
    return report
