"""Where a batch's pairs are checked: this process, local worker processes, or a Ray cluster.

Every engine takes the pairs still to do and yields one :class:`Outcome` per pair as it finishes;
the caller writes it. Workers load their backends once (a :class:`Worker` each) and never write
files, so the same writer serves every engine and outputs do not depend on where a pair ran.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any

from xlate.batch.manifest import Pair
from xlate.batch.work import Outcome, Worker
from xlate.config import Config
from xlate.errors import BackendError, ConfigError, MissingDependencyError, XlateError

ENGINES = ("local", "ray")


def run_local(pairs: Sequence[Pair], config: Config, html: bool, jobs: int) -> Iterator[Outcome]:
    """Check in this process (``jobs`` 1) or in ``jobs`` worker processes, each with its backends.

    A worker that dies (native crash, OOM) breaks the whole pool and every pair then in flight;
    those pairs are rerun one by one in a pool of their own, so only the pair that kills its
    worker alone is failed, and the rest of the batch goes on in a fresh pool."""
    if jobs <= 1 or len(pairs) <= 1:
        worker = Worker(config, html)
        for pair in pairs:
            yield worker(pair)
        return
    todo = iter(pairs)
    while True:
        suspects = yield from _run_pool(todo, config, html, jobs)
        if not suspects:
            return
        for pair in suspects:
            yield from _run_alone(pair, config, html)


def _new_pool(workers: int, config: Config, html: bool) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                               initializer=_start_worker, initargs=(config, html))


def _run_pool(todo: Iterator[Pair], config: Config, html: bool, jobs: int) -> Generator[Outcome, None, list[Pair]]:
    """Check pairs from ``todo`` in one pool until it is exhausted (returns ``[]``) or the pool
    breaks (returns the pairs that were in flight, none of them yielded)."""
    first = _take(todo, 2 * jobs)  # a bounded queue
    if not first:
        return []
    pool = _new_pool(min(jobs, len(first)), config, html)
    completed = False
    running: dict[Future[Outcome], Pair] = {}
    try:
        running = {pool.submit(_check, p): p for p in first}
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in finished):
                break
            running.update({pool.submit(_check, p): p for p in _take(todo, len(finished))})
            for future in finished:
                del running[future]
                yield future.result()
        completed = True
    finally:
        _close(pool, completed)
    suspects = []
    for future, pair in running.items():  # the pool broke: give what did finish, rerun the rest
        if future.cancelled() or isinstance(future.exception(), BrokenProcessPool):
            suspects.append(pair)
        elif future.exception() is None:
            yield future.result()
        else:
            future.result()  # an XlateError from the worker: the batch cannot go on
    return suspects


def _run_alone(pair: Pair, config: Config, html: bool) -> Iterator[Outcome]:
    """Check one pair in a pool of its own: if its worker dies, this pair is the one to blame."""
    pool = _new_pool(1, config, html)
    completed = False
    try:
        try:
            outcome = pool.submit(_check, pair).result()
        except BrokenProcessPool:
            outcome = Outcome(pair.id, _readable_sha(pair), error="worker process died while checking this pair")
        completed = True
    finally:
        _close(pool, completed)
    yield outcome


def _readable_sha(pair: Pair) -> str | None:
    try:
        return pair.input_sha256()
    except OSError:
        return None


def _close(pool: ProcessPoolExecutor, completed: bool) -> None:
    """Shut a pool down; interrupted: stop now (a pair half-checked is lost, never half-written)."""
    if not completed:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
    pool.shutdown(wait=completed, cancel_futures=True)


def _take(it: Iterator[Pair], n: int) -> list[Pair]:
    return [p for _, p in zip(range(n), it)]


_WORKER: Worker | None = None


_START_ERROR: XlateError | None = None


def _start_worker(config: Config, html: bool) -> None:
    """In each worker process: Ctrl-C is the parent's to handle, and the backends load once. A
    backend that cannot load is kept, not raised: an initializer's exception is a traceback on
    stderr and a broken pool, where ``_check`` raising it gives the parent the one-line error."""
    global _WORKER, _START_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _WORKER = Worker(config, html)
    except XlateError as e:
        _START_ERROR = e


def _check(pair: Pair) -> Outcome:
    if _START_ERROR is not None:
        raise _START_ERROR
    assert _WORKER is not None
    return _WORKER(pair)


class RayChecker:
    """A Ray Data actor: builds one :class:`Worker` (its backends) and checks a batch of pairs."""

    def __init__(self, config: Config, html: bool) -> None:
        self.worker = Worker(config, html)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        pairs = [Pair(**p) for p in batch["pair"]]
        return {"outcome": [self.worker(p).to_dict() for p in pairs]}


def _ray_init(ray: Any, address: str | None, jobs: int) -> None:
    """Join the cluster at ``address`` (or start a local Ray): an address that is malformed or
    not answering is a one-line ConfigError, checked with a plain socket first where it can be,
    since Ray itself may wait a long time or fail with a traceback."""
    if address and address != "auto" and "://" not in address:
        host, _, port = address.rpartition(":")
        host = host.strip("[]")  # [::1]:6379
        if not host or not port.isdigit():
            raise ConfigError(f"Ray address {address!r} is not HOST:PORT, ray://HOST:PORT or auto")
        try:
            socket.create_connection((host, int(port)), timeout=3).close()
        except (OSError, ValueError):
            raise ConfigError(f"cannot reach the Ray cluster at {address}") from None
    kwargs: dict[str, Any] = {"address": address} if address else {"num_cpus": max(1, jobs)}
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")  # Ray's own chatter is not the user's
    try:
        ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING, **kwargs)
    except (ConnectionError, ValueError, RuntimeError, TimeoutError) as e:
        raise ConfigError(f"cannot reach the Ray cluster at {address}: {' '.join(str(e).split())}") from None


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
        _ray_init(ray, address, jobs)
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False  # the batch has its own progress line
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        blocks = max(1, min(len(pairs), 4 * jobs))
        ds = ray.data.from_items([{"pair": p.to_dict()} for p in pairs], override_num_blocks=blocks)
        actors = ray.data.ActorPoolStrategy(size=min(max(1, jobs), len(pairs)))  # no more actors than pairs
        # An actor that crashes is not restarted, nor its task retried: that would loop forever.
        ds = ds.map_batches(RayChecker, fn_constructor_kwargs={"config": config, "html": html},
                            batch_size=1, compute=actors, num_cpus=1, max_restarts=0, max_task_retries=0)
        try:
            for row in ds.iter_rows():
                yield Outcome.from_dict(row["outcome"])
        except (KeyboardInterrupt, GeneratorExit):
            raise
        except Exception as e:  # a Ray error (an actor died, a task failed): one line, not a traceback
            cause = " ".join(str(e).split())[:300] or type(e).__name__
            raise BackendError(f"the Ray job failed ({type(e).__name__}: {cause}); rerun to resume, or "
                               "use --engine local to find the pair that breaks it") from None
    finally:
        if started:
            ray.shutdown()
