"""The batch's output folder: one report per pair, written so that a kill at any moment leaves
every pair either done (its report, complete) or not done (nothing, or an older report whose
recorded input hash no longer matches), never half-written.

Layout::

    OUT/reports/<id>.json   the report, with a ``batch`` block: id, input hash, settings hash
    OUT/reports/<id>.html   with --html
    OUT/errors/<id>.json    why a pair failed (gone once it succeeds)
    OUT/errors.jsonl, summary.json, summary.md, index.html   rebuilt from the above at the end

The JSON report is written last: it is what marks a pair as done.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from xlate.batch.work import Outcome
from xlate.errors import InputError
from xlate.io import write_atomic


class Store:
    """Reads and writes the reports of one batch output folder."""

    def __init__(self, root: str | Path, *, html: bool = False) -> None:
        self.root = Path(root)
        self.html = html
        if self.root.exists() and not self.root.is_dir():
            raise InputError(f"{self.root} exists and is not a folder; give a folder for the batch output")
        try:
            for sub in ("reports", "errors"):
                (self.root / sub).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"cannot create {self.root}: {e.strerror or e}") from None
        self._drop_temporaries()

    def report_path(self, pid: str) -> Path:
        return self.root / "reports" / f"{pid}.json"

    def html_path(self, pid: str) -> Path:
        return self.root / "reports" / f"{pid}.html"

    def error_path(self, pid: str) -> Path:
        return self.root / "errors" / f"{pid}.json"

    def done(self, pid: str, input_sha: str, settings: str) -> bool:
        """Is there a complete report for this pair, made from this input with these settings?"""
        return self.finished(pid, input_sha, settings) is not None

    def finished(self, pid: str, input_sha: str, settings: str) -> dict[str, Any] | None:
        """The saved report (JSON) when it is complete and made from this input with these
        settings, else None: read once for the decision and for whatever uses the report."""
        report = self.load_report(pid)
        record = report.get("batch") if report else None
        if not (isinstance(record, dict) and record.get("id") == pid and record.get("input_sha256") == input_sha
                and record.get("settings") == settings and (not self.html or self.html_path(pid).is_file())):
            return None
        return report

    def load_report(self, pid: str) -> dict[str, Any] | None:
        """The saved report of ``pid`` as JSON, None when there is none or it is unreadable."""
        return _json_object(self.report_path(pid))

    def load_error(self, pid: str) -> dict[str, Any] | None:
        return _json_object(self.error_path(pid))

    def write(self, outcome: Outcome, pair: dict[str, Any], settings: str) -> None:
        """Record one outcome: the report (HTML first, JSON last), or the error that replaces it."""
        pid = outcome.id
        if outcome.report is not None:
            if outcome.html is not None:
                write_atomic(self.html_path(pid), outcome.html)
            else:  # an older page would show an older check
                self.html_path(pid).unlink(missing_ok=True)
            write_atomic(self.report_path(pid), outcome.report)
            self.error_path(pid).unlink(missing_ok=True)
            return
        record = {"id": pid, "error": outcome.error, "input_sha256": outcome.input_sha256,
                  "settings": settings, "source": pair.get("source"), "target": pair.get("target")}
        write_atomic(self.error_path(pid), json.dumps(record, ensure_ascii=False) + "\n")
        self.report_path(pid).unlink(missing_ok=True)  # an older report would say the pair is fine
        self.html_path(pid).unlink(missing_ok=True)

    def _drop_temporaries(self) -> None:
        """Temporary files a killed run left behind (``write_atomic`` names them ``.NAME.*.tmp``)."""
        for folder in (self.root, self.root / "reports", self.root / "errors"):
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


def _json_object(path: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None
