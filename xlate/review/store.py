"""Reviewers' decisions, kept in one SQLite file that several desks and processes may share.

Why SQLite and these settings: a desk runs ``xlate check`` in several terminals and the viewer at
once, all writing to one file. WAL lets readers go on while one process writes; every write takes
the write lock up front (``BEGIN IMMEDIATE``) and waits up to :data:`BUSY_TIMEOUT_S` for it, so two
writers queue instead of failing with "database is locked". ``PRAGMA user_version`` holds the schema
version and :data:`MIGRATIONS` takes any older file to the current one, inside one transaction.

A file that is not ours (not SQLite, another program's database, a newer xlate's schema) is refused
with one line before anything is written to it, so a wrong ``--reviews`` path never costs data.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args

from xlate.errors import InputError

__all__ = ["BUSY_TIMEOUT_S", "CONTEXT_FIELDS", "MIGRATIONS", "SCHEMA_VERSION", "STATUSES", "Decision", "ImportCounts",
           "ReviewStore", "default_path", "parse_at", "read_jsonl", "utc_now"]

Status = Literal["confirmed", "dismissed"]
STATUSES: tuple[str, ...] = get_args(Status)
SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 30.0  # how long a writer waits for another to finish before giving up
_SQLITE_MAGIC = b"SQLite format 3\x00"
CONTEXT_FIELDS = ("type", "change", "src_lang", "tgt_lang", "src_text", "tgt_text")  # for humans only
_COLUMNS = ("fingerprint", "status", "at", "note", "reviewer", "type", "change", "src_lang", "tgt_lang",
            "src_text", "tgt_text")

# MIGRATIONS[k] takes a file from schema k to k + 1; a new file runs them all from 0.
# 1: the first layout. 2: who decided and why (reviewer, note) and the language pair.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    ("""CREATE TABLE decisions (
            fingerprint TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            at TEXT NOT NULL,
            type TEXT NOT NULL DEFAULT '',
            change TEXT NOT NULL DEFAULT '',
            src_text TEXT,
            tgt_text TEXT)""",),
    ("ALTER TABLE decisions ADD COLUMN note TEXT NOT NULL DEFAULT ''",
     "ALTER TABLE decisions ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''",  # BY is an SQL keyword
     "ALTER TABLE decisions ADD COLUMN src_lang TEXT NOT NULL DEFAULT ''",
     "ALTER TABLE decisions ADD COLUMN tgt_lang TEXT NOT NULL DEFAULT ''"),
)


def utc_now() -> str:
    """Now, in the one format stored, so that later times also sort later as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def parse_at(value: Any, where: str) -> str:
    """``value`` (ISO 8601; ``Z`` allowed; no zone read as UTC) in the stored format of :func:`utc_now`."""
    example = "an ISO 8601 time such as 2025-01-31T09:30:00+00:00"
    if not isinstance(value, str):
        raise InputError(f"{where}: 'at' must be {example}")
    s = value.strip()
    if s[-1:] in ("Z", "z"):  # fromisoformat reads "Z" only from Python 3.11 on
        s = s[:-1] + "+00:00"
    try:
        t = datetime.fromisoformat(s)
        if t.tzinfo is None:
            t = t.replace(tzinfo=timezone.utc)
        return t.astimezone(timezone.utc).isoformat(timespec="milliseconds")
    except (ValueError, OverflowError):  # not a time, or one past year 9999 in UTC
        raise InputError(f"{where}: 'at' is {value[:40]!r}, not {example}") from None


def default_path() -> Path:
    """``$XLATE_REVIEWS``, else ``$XDG_DATA_HOME/xlate/reviews.sqlite``, else ``~/.local/share/xlate/…``."""
    env = os.environ.get("XLATE_REVIEWS")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "xlate" / "reviews.sqlite"


@dataclass(frozen=True)
class Decision:
    """One reviewer's verdict on a fingerprint, with enough context for a human reading an export."""

    fingerprint: str
    status: str
    at: str
    note: str = ""
    by: str = ""
    type: str = ""
    change: str = ""
    src_lang: str = ""
    tgt_lang: str = ""
    src_text: str | None = None
    tgt_text: str | None = None

    def review(self) -> dict[str, str]:
        """What a finding carries as ``finding.review``."""
        return {"status": self.status, "note": self.note, "by": self.by, "at": self.at}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Any, where: str) -> Decision:
        """A decision from an export line; anything malformed is an ``InputError`` naming ``where``."""
        if not isinstance(d, dict):
            raise InputError(f"{where}: expected a JSON object, not {type(d).__name__}")
        fp = d.get("fingerprint")
        if not isinstance(fp, str) or not fp.strip() or len(fp) > 128:
            raise InputError(f"{where}: 'fingerprint' must be a non-empty string")
        if d.get("status") not in STATUSES:
            raise InputError(f"{where}: 'status' is {d.get('status')!r}; valid: {', '.join(STATUSES)}")
        values: dict[str, Any] = {"fingerprint": fp.strip(), "status": d["status"], "at": parse_at(d.get("at"), where)}
        for name in ("note", "by", *CONTEXT_FIELDS):
            v = d.get(name)
            if v is not None and not isinstance(v, str):
                raise InputError(f"{where}: {name!r} must be a string")
            if v is None and not name.endswith("_text"):  # only the span texts may be absent
                v = ""
            values[name] = v
        return cls(**values)


class ImportCounts(NamedTuple):
    """What an import did: new fingerprints, decisions replaced by later ones, and decisions kept."""

    added: int
    updated: int
    kept: int


class StoreBusy(InputError):
    """Another writer held the store's lock."""


def _store_error(path: Path, e: sqlite3.Error) -> InputError:
    msg = str(e)
    if "locked" in msg or "busy" in msg:
        return StoreBusy(f"review store {path} stayed locked by another writer for {BUSY_TIMEOUT_S:.0f} s; "
                          "try again")
    if "readonly" in msg:
        return InputError(f"cannot write review store {path}: it is read-only")
    if isinstance(e, sqlite3.DatabaseError) and not isinstance(e, sqlite3.OperationalError):
        return InputError(f"{path} is not a readable xlate review store ({msg}); it was left as it is")
    return InputError(f"review store {path}: {msg}")


@contextmanager
def _transaction(con: sqlite3.Connection) -> Iterator[None]:
    """One writer at a time: take the write lock now, not at the first write (no upgrade deadlock)."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _row(r: sqlite3.Row) -> Decision:
    # parse_at: a file written by an older xlate may hold times in another ISO 8601 form.
    at = parse_at(r["at"], f"stored decision on {r['fingerprint']!r}")
    return Decision(fingerprint=r["fingerprint"], status=r["status"], at=at, note=r["note"],
                    by=r["reviewer"], type=r["type"], change=r["change"], src_lang=r["src_lang"],
                    tgt_lang=r["tgt_lang"], src_text=r["src_text"], tgt_text=r["tgt_text"])


def _values(d: Decision) -> tuple[Any, ...]:
    return (d.fingerprint, d.status, d.at, d.note, d.by, d.type, d.change, d.src_lang, d.tgt_lang,
            d.src_text, d.tgt_text)


_UPSERT = f"INSERT OR REPLACE INTO decisions ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


class ReviewStore:
    """Decisions keyed by fingerprint in the SQLite file at ``path`` (default: :func:`default_path`).

    Each call opens its own short connection, so one store object can serve several threads (the
    viewer) and no lock is held between calls. ``create=False`` refuses a missing file instead of
    making one (for commands that only read).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = True) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._check_file(create, make_folder=path is None and not os.environ.get("XLATE_REVIEWS"))
        self._migrate_when_free()

    def _check_file(self, create: bool, make_folder: bool) -> None:
        p = self.path
        if p.is_dir():
            raise InputError(f"{p} is a folder, not a review store")
        if p.exists():
            try:
                with p.open("rb") as fh:
                    head = fh.read(len(_SQLITE_MAGIC))
            except OSError as e:
                raise InputError(f"cannot read review store {p}: {e.strerror or e}") from None
            if head and head != _SQLITE_MAGIC:  # an empty file is a new database to SQLite too
                raise InputError(f"{p} is not an xlate review store (not a SQLite database); "
                                 "it was left as it is")
        elif not create:
            raise InputError(f"{p}: no review store there yet (xlate review set or import makes one)")
        elif make_folder:
            p.parent.mkdir(parents=True, exist_ok=True)
        elif not p.parent.is_dir():
            raise InputError(f"cannot create review store {p}: folder {p.parent} does not exist")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as e:
            raise _store_error(self.path, e) from None
        con.row_factory = sqlite3.Row
        try:
            yield con
        except sqlite3.Error as e:
            raise _store_error(self.path, e) from None
        finally:
            con.close()

    def _check_schema(self, con: sqlite3.Connection) -> int:
        """The file's schema version; raise before any write when the file is a newer xlate's store
        or another program's database. Call inside a transaction: version and tables must agree."""
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(f"{self.path} is a review store of schema {version}; this xlate reads schemas "
                             f"up to {SCHEMA_VERSION} (upgrade xlate; the file was left as it is)")
        if version == 0:
            names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")]
            if names:
                raise InputError(f"{self.path} is a SQLite database but not an xlate review store (it holds "
                                 f"{', '.join(sorted(names)[:3])}); it was left as it is")
        return version

    def _migrate_when_free(self) -> None:
        """Migrate, retrying while another process races to create or convert the same new file:
        SQLite answers some of those races (a read turning into a write, the switch to WAL) with
        an immediate "locked" that its busy timeout does not wait out."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        pause = 0.02
        while True:
            try:
                return self._migrate()
            except StoreBusy:
                if time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(0.5, pause * 2)

    def _migrate(self) -> None:
        with self._connect() as con:
            con.execute("BEGIN")  # a read: one snapshot, so that another process's migration is seen whole
            try:
                version = self._check_schema(con)
            finally:
                if con.in_transaction:
                    con.execute("COMMIT")
            if version < SCHEMA_VERSION:
                with _transaction(con):
                    # Again under the write lock: another process may have migrated meanwhile.
                    version = self._check_schema(con)
                    for step in MIGRATIONS[version:]:
                        for statement in step:
                            con.execute(statement)
                    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("PRAGMA journal_mode=WAL")  # persistent; a no-op once the file is in WAL mode

    def decide(self, fingerprint: str, status: str, *, note: str = "", by: str = "", at: str | None = None,
               **context: str | None) -> Decision:
        """Store (or replace) the decision on ``fingerprint``; ``context`` fills the other
        :class:`Decision` fields (type, change, src_lang, tgt_lang, src_text, tgt_text)."""
        record = {"fingerprint": fingerprint, "status": status, "note": note, "by": by,
                  "at": at or utc_now(), **context}
        unknown = set(context) - set(CONTEXT_FIELDS)
        if unknown:
            raise TypeError(f"decide() got unknown context {sorted(unknown)}")
        decision = Decision.from_dict(record, f"decision on {fingerprint!r}")
        with self._connect() as con, _transaction(con):
            con.execute(_UPSERT, _values(decision))
        return decision

    def get(self, fingerprints: Iterable[str]) -> dict[str, Decision]:
        """The stored decisions among ``fingerprints``, keyed by fingerprint (absent ones left out)."""
        wanted = list(dict.fromkeys(fingerprints))
        out: dict[str, Decision] = {}
        with self._connect() as con:
            for k in range(0, len(wanted), 500):  # below SQLite's limit on bound parameters
                chunk = wanted[k:k + 500]
                sql = f"SELECT * FROM decisions WHERE fingerprint IN ({', '.join('?' * len(chunk))})"
                out.update((r["fingerprint"], _row(r)) for r in con.execute(sql, chunk))
        return out

    def clear(self, fingerprint: str) -> bool:
        """Forget the decision on ``fingerprint``; False when there was none."""
        with self._connect() as con, _transaction(con):
            return con.execute("DELETE FROM decisions WHERE fingerprint = ?", (fingerprint,)).rowcount > 0

    def all(self, status: str | None = None) -> list[Decision]:
        """Every decision (or those with ``status``), oldest first."""
        sql, params = "SELECT * FROM decisions", ()
        if status is not None:
            sql, params = sql + " WHERE status = ?", (status,)
        with self._connect() as con:
            rows = [_row(r) for r in con.execute(sql, params)]
        return sorted(rows, key=lambda d: (d.at, d.fingerprint))  # by parsed time, whatever form was stored

    def to_jsonl(self) -> str:
        """Every decision as one JSON object per line, oldest first (the export format)."""
        return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in self.all())

    def export_jsonl(self, path: str | os.PathLike[str]) -> int:
        """Write :meth:`to_jsonl` to ``path`` atomically; the number of decisions written."""
        from xlate.io import write_atomic

        content = self.to_jsonl()
        write_atomic(path, content)
        return content.count("\n")

    def import_jsonl(self, path: str | os.PathLike[str]) -> ImportCounts:
        """Merge an export file into the store (see :meth:`merge`); the whole file is checked first."""
        return self.merge(read_jsonl(path).values())

    def merge(self, decisions: Iterable[Decision]) -> ImportCounts:
        """Per fingerprint the later ``at`` wins, a tie keeps ours; all in one transaction."""
        added = updated = kept = 0
        with self._connect() as con, _transaction(con):
            for d in decisions:
                row = con.execute("SELECT at FROM decisions WHERE fingerprint = ?", (d.fingerprint,)).fetchone()
                if row is not None and parse_at(row["at"], "stored decision") >= d.at:
                    kept += 1
                    continue
                con.execute(_UPSERT, _values(d))
                added, updated = (added + 1, updated) if row is None else (added, updated + 1)
        return ImportCounts(added, updated, kept)


def read_jsonl(path: str | os.PathLike[str]) -> dict[str, Decision]:
    """The decisions of an export file by fingerprint; for one listed twice, the later ``at`` (then line)."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p} is a directory, not a JSON lines file") from None
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{p} is not UTF-8 (byte at offset {e.start})") from None
    out: dict[str, Decision] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except (ValueError, RecursionError) as e:
            raise InputError(f"{p} line {n} is not JSON ({type(e).__name__}: {e})") from None
        decision = Decision.from_dict(d, f"{p} line {n}")
        old = out.get(decision.fingerprint)
        if old is None or decision.at >= old.at:
            out[decision.fingerprint] = decision
    return out
