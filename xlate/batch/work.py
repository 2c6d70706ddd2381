"""Checking one pair of a batch: what a worker runs, wherever it runs (this process, a worker
process, a Ray actor). It never raises for a bad pair: a failure is an :class:`Outcome` with an
error, so one bad pair cannot stop a batch."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from time import perf_counter
from typing import Any

from xlate.batch.manifest import Pair
from xlate.config import Config
from xlate.errors import XlateError, one_line


@dataclass(frozen=True)
class Outcome:
    """What checking one pair produced: the report (JSON text, and HTML when asked) or an error."""

    id: str
    input_sha256: str | None
    report: str | None = None
    html: str | None = None
    error: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Outcome:
        return cls(**d)


def settings_sha256(config: Config, html: bool) -> str:
    """Hash of every batch-wide setting that changes a report: the check's configuration (languages
    and supplied MT are per pair and go into the input hash), the version, the calibration and
    the number conventions. A report records it; a rerun with other settings redoes the pair.
    ``html`` is left out: the JSON report does not depend on it, and :meth:`Store.done` asks for
    the page when --html is on, so adding --html redoes only the pairs without one."""
    from xlate import __version__
    from xlate.compare.calibration import default_calibration
    from xlate.lexicons.conventions import conventions_sha

    # How models are found and whether a check may download one do not change what it finds.
    models = replace(config.models, download=None, mt_cache=True)
    settings = asdict(replace(config, src_lang=None, tgt_lang=None, source_mt=None, target_mt=None, models=models))
    for name in ("embedder", "translator"):
        if not isinstance(settings[name], (str, type(None))):
            settings[name] = type(getattr(config, name)).__name__
    record = {"config": settings, "version": __version__, "lexicons": _lexicons_sha(),
              "calibration": default_calibration().version, "conventions": conventions_sha()}
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()


def _lexicons_sha() -> str:
    """Every word list shipped with xlate (a lexicon edit changes findings without a new version)."""
    from importlib.resources import files

    h = hashlib.sha256()
    for entry in sorted(files("xlate.lexicons").iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith((".txt", ".tsv")):
            h.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return h.hexdigest()


class Worker:
    """Checks pairs with one set of loaded backends: an embedder or translator named in the
    configuration is loaded once here, not once per pair."""

    def __init__(self, config: Config, html: bool = False) -> None:
        self.settings = settings_sha256(config, html)
        self.html = html
        self.config = _preload(config)

    def __call__(self, pair: Pair) -> Outcome:
        start = perf_counter()
        sha = None
        try:
            data = pair.read()
            sha = pair.input_sha256(data)
            report, html = self._check(pair, data, sha)
        except XlateError as e:
            return Outcome(pair.id, sha, error=one_line(e), seconds=perf_counter() - start)
        except OSError as e:
            name = getattr(e, "filename", None) or "a file"
            return Outcome(pair.id, sha, error=f"cannot read {name}: {e.strerror or e}",
                           seconds=perf_counter() - start)
        except Exception as e:  # a bug: the pair fails, the batch goes on
            return Outcome(pair.id, sha, error=f"internal error: {type(e).__name__}: {one_line(e)}",
                           seconds=perf_counter() - start)
        return Outcome(pair.id, sha, report=report, html=html, seconds=perf_counter() - start)

    def _check(self, pair: Pair, data: dict[str, bytes], sha: str) -> tuple[str, str | None]:
        from xlate.io import decode_text
        from xlate.pipeline import check

        text = {name: decode_text(raw, str(getattr(pair, name))) for name, raw in data.items()}
        config = Config.from_options(
            self.config, src_lang=pair.src_lang, tgt_lang=pair.tgt_lang,
            source_mt=text["source_mt"].splitlines() if "source_mt" in text else None,
            target_mt=text["target_mt"].splitlines() if "target_mt" in text else None)
        report = check(text["source"], text["target"], config=config)
        out = report.to_dict()
        out["batch"] = {"id": pair.id, "input_sha256": sha, "settings": self.settings}
        html = None
        if self.html:
            from xlate.report.html import to_html

            html = to_html(report)
        return json.dumps(out, ensure_ascii=False, indent=2) + "\n", html


def _preload(config: Config) -> Config:
    """``config`` with a named embedder and translator replaced by loaded backends. ``auto`` and
    fallbacks stay names, so that each report keeps the notice that explains them."""
    from xlate.backends import resolve_embedder

    loaded = resolve_embedder(config.embedder, config.models)
    if loaded.backend is not None:
        config = replace(config, embedder=loaded.backend)
    if isinstance(config.translator, str) and config.translator not in ("none", "auto"):
        from xlate.translate import get_translator

        config = replace(config, translator=get_translator(config.translator, config.models))
    return config
