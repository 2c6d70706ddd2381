"""``xlate batch`` on the command line: pairs from a manifest or two folders, progress on stderr,
one closing line, and the exit code (0 done, 1 ``--fail-on`` reached, 3 some pairs failed or got
no outcome, which wins over 1, 130 interrupted)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import IO

from xlate.batch.work import Outcome
from xlate.errors import ConfigError

EXIT_PAIRS_FAILED = 3


class Progress:
    """Pairs done, pairs per second and time left: a tqdm bar on a terminal, else a plain line
    every 5% (and at least every 30 s) that a log keeps readable."""

    def __init__(self, total: int, stream: IO[str] | None = None, quiet: bool = False) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.start = self.last = time.monotonic()
        self.bar = None
        if not quiet and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="pair", file=self.stream, dynamic_ncols=True)

    def __call__(self, outcome: Outcome | None) -> None:
        self.done += 1
        self.failed += outcome is not None and outcome.error is not None
        if self.bar is not None:
            self.bar.update(1)
            if self.failed:
                self.bar.set_postfix(failed=self.failed, refresh=False)
            return
        now = time.monotonic()
        step = max(1, self.total // 20)
        if not self.quiet and (self.done % step == 0 or self.done == self.total or now - self.last >= 30):
            self.last = now
            print(f"xlate: {self.line(now)}", file=self.stream, flush=True)

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.monotonic()) - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate else 0.0
        failed = f", {self.failed} failed" if self.failed else ""
        return f"{self.done}/{self.total} pairs{failed} ({rate:.1f}/s, {_clock(left)} left)"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


def cmd_batch(args: argparse.Namespace) -> int:
    """Run the batch the arguments describe and say how it went on one line."""
    from xlate.batch import pairs_from_dirs, read_manifest, run_batch
    from xlate.cli import build_config

    if bool(args.manifest) == bool(args.src_dir or args.tgt_dir):
        raise ConfigError("give a MANIFEST or --src-dir and --tgt-dir (not both)")
    if args.manifest:
        pairs = read_manifest(args.manifest, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
    elif not (args.src_dir and args.tgt_dir):
        raise ConfigError("--src-dir and --tgt-dir go together")
    else:
        pairs = pairs_from_dirs(args.src_dir, args.tgt_dir, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
    config = build_config(args)
    progress = Progress(len(pairs), quiet=args.quiet)
    try:
        result = run_batch(pairs, args.output, config, html=args.html, force=args.force, jobs=args.jobs,
                           engine=args.engine, ray_address=args.ray_address, progress=progress,
                           reviews=args.reviews)
    finally:
        progress.close()
    s = result.summary
    if result.interrupted:
        print(f"xlate: interrupted after {result.done} of {result.total} pairs ({result.checked} checked, "
              f"{result.skipped} already done); rerun the same command to resume", file=sys.stderr)
        return 130
    print(f"xlate: {s['ok']} of {s['pairs']} pairs checked ({result.skipped} up to date, {result.checked} new), "
          f"{s['failed']} failed; overview in {args.output}/index.html", file=sys.stderr)
    if s["failed"]:
        print(f"xlate: failed pairs and why: {args.output}/errors.jsonl", file=sys.stderr)
    if s["pending"]:  # not interrupted, yet not every pair has an outcome: never call that done
        n = s["pending"]
        print(f"xlate: {n} pair{'s' if n != 1 else ''} got no outcome (first: {s['pending_ids'][0]}); rerun the same "
              "command to check them", file=sys.stderr)
    if s["failed"] or s["pending"]:  # before --fail-on: findings must not hide pairs never checked
        return EXIT_PAIRS_FAILED
    if args.fail_on and any(_reaches(r, args.fail_on) for r in s["rows"]):
        return 1
    return 0


def _reaches(row: dict, severity: str) -> bool:
    """Does a pair have a finding at or above ``severity`` that no reviewer dismissed?"""
    from xlate.batch.summary import standing
    from xlate.report.model import SEVERITIES, Severity

    floor = Severity(severity)
    return any(standing(row)[1].get(s.value, 0) for s in SEVERITIES if s >= floor)
