"""Where a batch's pairs are checked: this process, local worker processes, or a Ray cluster.

Every engine takes the pairs still to do and yields one :class:`Outcome` per pair as it finishes;
the caller writes it. Workers load their backends once (a :class:`Worker` each) and never write
files, so the same writer serves every engine and outputs do not depend on where a pair ran.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from typing import Any

from xlate.batch.manifest import Pair
from xlate.batch.work import Outcome, Worker
from xlate.config import Config
from xlate.errors import ConfigError, MissingDependencyError

ENGINES = ("local", "ray")


def run_local(pairs: Sequence[Pair], config: Config, html: bool, jobs: int) -> Iterator[Outcome]:
    """Check in this process (``jobs`` 1) or in ``jobs`` worker processes, each with its backends."""
    if jobs <= 1 or len(pairs) <= 1:
        worker = Worker(config, html)
        for pair in pairs:
            yield worker(pair)
        return
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(pairs)), mp_context=get_context("spawn"),
                               initializer=_start_worker, initargs=(config, html))
    completed = False
    try:
        todo = iter(pairs)
        running = {pool.submit(_check, p) for p in _take(todo, 2 * jobs)}  # a bounded queue
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            running |= {pool.submit(_check, p) for p in _take(todo, len(finished))}
            for future in finished:
                yield future.result()
        completed = True
    finally:
        if not completed:  # interrupted: stop now; a pair half-checked is lost, never half-written
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
        pool.shutdown(wait=completed, cancel_futures=True)


def _take(it: Iterator[Pair], n: int) -> list[Pair]:
    return [p for _, p in zip(range(n), it)]


_WORKER: Worker | None = None


def _start_worker(config: Config, html: bool) -> None:
    """In each worker process: Ctrl-C is the parent's to handle, and the backends load once."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Worker(config, html)


def _check(pair: Pair) -> Outcome:
    assert _WORKER is not None
    return _WORKER(pair)


class RayChecker:
    """A Ray Data actor: builds one :class:`Worker` (its backends) and checks a batch of pairs."""

    def __init__(self, config: Config, html: bool) -> None:
        self.worker = Worker(config, html)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        pairs = [Pair(**p) for p in batch["pair"]]
        return {"outcome": [self.worker(p).to_dict() for p in pairs]}


def run_ray(pairs: Sequence[Pair], config: Config, html: bool, jobs: int,
            address: str | None = None) -> Iterator[Outcome]:
    """Check on Ray Data: ``map_batches`` over the pairs on a pool of ``jobs`` actors.

    ``address`` joins an existing cluster (``ray://host:10001`` or ``auto``); without it a local
    Ray with ``jobs`` CPUs starts and stops here. The pairs' files must be readable where the
    actors run (a shared file system on a cluster); reports come back to this process, which
    writes them, so the output folder need only exist here.
    """
    try:
        import ray
    except ImportError:
        raise MissingDependencyError("--engine ray needs Ray: pip install 'xlate[ray]'") from None
    if not pairs:
        return
    started = not ray.is_initialized()
    if started:
        kwargs: dict[str, Any] = {"address": address} if address else {"num_cpus": max(1, jobs)}
        os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")  # Ray's own chatter is not the user's
        try:
            ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING, **kwargs)
        except ConnectionError as e:
            raise ConfigError(f"cannot reach the Ray cluster at {address}: {e}") from None
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False  # the batch has its own progress line
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        blocks = max(1, min(len(pairs), 4 * jobs))
        ds = ray.data.from_items([{"pair": p.to_dict()} for p in pairs], override_num_blocks=blocks)
        actors = ray.data.ActorPoolStrategy(size=min(max(1, jobs), len(pairs)))  # no more actors than pairs
        ds = ds.map_batches(RayChecker, fn_constructor_kwargs={"config": config, "html": html},
                            batch_size=1, compute=actors, num_cpus=1)
        for row in ds.iter_rows():
            yield Outcome.from_dict(row["outcome"])
    finally:
        if started:
            ray.shutdown()
