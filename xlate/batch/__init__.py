"""``xlate batch``: check many pairs into one output folder, resumably, on one machine or on Ray.

:func:`run_batch` plans (a pair whose report records the same input hash and settings is
skipped), checks the rest on an engine, writes each outcome as it arrives, and rebuilds the
overview from the folder. Killing it at any moment and rerunning gives every pair exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlate.batch.engines import ENGINES, run_local, run_ray
from xlate.batch.manifest import Pair, pairs_from_dirs, read_manifest
from xlate.batch.store import Store
from xlate.batch.summary import pair_row, summarize, write_overview
from xlate.batch.work import Outcome, settings_sha256
from xlate.config import Config
from xlate.errors import ConfigError

__all__ = ["BatchResult", "Pair", "pairs_from_dirs", "read_manifest", "run_batch"]


@dataclass
class BatchResult:
    """What a batch run did: counts for this run, and the overview (``summary.json``)."""

    total: int
    skipped: int = 0
    checked: int = 0
    failed: int = 0
    interrupted: bool = False
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return self.skipped + self.checked + self.failed


Progress = Callable[[Outcome | None], None]  # called once per pair finished (None: skipped)


def run_batch(pairs: Sequence[Pair], out: str | Path, config: Config | None = None, *, html: bool = False,
              force: bool = False, jobs: int = 1, engine: str = "local", ray_address: str | None = None,
              progress: Progress | None = None, reviews: str | Path | None = None) -> BatchResult:
    """Check ``pairs`` into ``out``; a KeyboardInterrupt stops it with ``interrupted`` set and the
    overview written for what is done. ``reviews``: a review store whose decisions the overview
    applies (the reports stay as checked, so a decision made later counts on the next run)."""
    desk = None
    if reviews is not None:  # opened first: a mistyped path costs one line, not a whole batch
        from xlate.review.store import ReviewStore

        desk = ReviewStore(reviews, create=False)
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; valid: {', '.join(ENGINES)}")
    if jobs < 1:
        raise ConfigError(f"jobs must be at least 1, not {jobs}")
    config = config or Config()
    store = Store(out, html=html)
    settings = settings_sha256(config, html)
    result = BatchResult(total=len(pairs))
    todo = []
    shas = {p.id: _input_sha(p) for p in pairs}
    for pair in pairs:
        if not force and shas[pair.id] is not None and store.done(pair.id, shas[pair.id], settings):
            result.skipped += 1
            if progress:
                progress(None)
        else:
            todo.append(pair)
    by_id = {p.id: p for p in todo}
    outcomes = (run_ray(todo, config, html, jobs, ray_address) if engine == "ray"
                else run_local(todo, config, html, jobs))
    try:
        for outcome in outcomes:
            store.write(outcome, by_id[outcome.id].to_dict(), settings)
            shas[outcome.id] = outcome.input_sha256
            result.checked += outcome.error is None
            result.failed += outcome.error is not None
            if progress:
                progress(outcome)
    except KeyboardInterrupt:
        result.interrupted = True
    finally:  # also when an error stops the batch: the overview still shows what is done
        close = getattr(outcomes, "close", None)
        if close:
            close()
        result.summary = summarize([pair_row(p, store, settings, shas[p.id], desk) for p in pairs], settings)
        write_overview(store, result.summary)
    return result


def _input_sha(pair: Pair) -> str | None:
    try:
        return pair.input_sha256()
    except OSError:
        return None  # unreadable now: it is checked, and fails with the reason
