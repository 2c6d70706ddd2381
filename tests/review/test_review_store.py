"""The review store: decisions, merge on import, migrations, refusing files that are not ours, and
several processes writing at once."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from xlate.errors import InputError
from xlate.review.store import MIGRATIONS, SCHEMA_VERSION, ImportCounts, ReviewStore, default_path

FP1, FP2, FP3 = "a" * 32, "b" * 32, "c" * 32

# The version-1 layout as it was shipped (no reviewer, note or language pair), written out here so
# that a change to MIGRATIONS cannot quietly change what "a version-1 file" means.
V1_DDL = """CREATE TABLE decisions (
    fingerprint TEXT PRIMARY KEY, status TEXT NOT NULL, at TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT '', change TEXT NOT NULL DEFAULT '', src_text TEXT, tgt_text TEXT)"""


@pytest.fixture
def store(tmp_path) -> ReviewStore:
    return ReviewStore(tmp_path / "reviews.sqlite")


def _pragma(path: Path, name: str):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        con.close()


def test_a_new_store_is_current_schema_in_wal_mode(store):
    assert len(MIGRATIONS) == SCHEMA_VERSION == 2
    assert _pragma(store.path, "user_version") == SCHEMA_VERSION
    assert _pragma(store.path, "journal_mode") == "wal"


def test_decide_get_replace_and_clear(store):
    d = store.decide(FP1, "dismissed", note="same figure, rounded", by="ana", type="number", change="altered",
                     src_lang="sk", tgt_lang="en", src_text="61", tgt_text="16")
    assert d.at.endswith("+00:00") and "T" in d.at
    got = store.get([FP1, FP2])
    assert list(got) == [FP1]
    assert got[FP1] == d and got[FP1].review() == {"status": "dismissed", "note": "same figure, rounded",
                                                   "by": "ana", "at": d.at}
    store.decide(FP1, "confirmed", by="ben")
    assert store.get([FP1])[FP1].status == "confirmed" and store.get([FP1])[FP1].by == "ben"
    assert store.clear(FP1) is True
    assert store.clear(FP1) is False
    assert store.get([FP1]) == {}


def test_a_bad_status_or_time_is_refused(store):
    with pytest.raises(InputError, match="'status' is 'maybe'"):
        store.decide(FP1, "maybe")
    with pytest.raises(InputError, match="ISO 8601"):
        store.decide(FP1, "dismissed", at="yesterday")
    assert store.all() == []


def test_times_are_stored_in_utc(store):
    assert store.decide(FP1, "dismissed", at="2025-03-01T10:00:00+01:00").at == "2025-03-01T09:00:00.000+00:00"
    assert store.decide(FP2, "dismissed", at="2025-03-01T09:00:00Z").at == "2025-03-01T09:00:00.000+00:00"


def test_all_filters_by_status_oldest_first(store):
    store.decide(FP1, "dismissed", at="2025-01-03T00:00:00Z")
    store.decide(FP2, "confirmed", at="2025-01-01T00:00:00Z")
    store.decide(FP3, "dismissed", at="2025-01-02T00:00:00Z")
    assert [d.fingerprint for d in store.all()] == [FP2, FP3, FP1]
    assert [d.fingerprint for d in store.all("dismissed")] == [FP3, FP1]


def test_get_many_fingerprints_at_once(store):
    from xlate.review.store import Decision

    many = [f"{k:032x}" for k in range(1200)]  # more than one query's worth of parameters
    store.merge(Decision(fp, "dismissed", "2025-01-01T00:00:00.000+00:00") for fp in many)
    assert len(store.get(many + ["nope"])) == 1200


def test_export_then_import_merges_by_later_time(tmp_path, store):
    store.decide(FP1, "dismissed", at="2025-01-01T00:00:00Z", note="ours, older")
    store.decide(FP2, "dismissed", at="2025-06-01T00:00:00Z", note="ours, newer")
    other = ReviewStore(tmp_path / "other.sqlite")
    other.decide(FP1, "confirmed", at="2025-02-01T00:00:00Z", note="theirs, newer", by="ben")
    other.decide(FP2, "confirmed", at="2025-05-01T00:00:00Z", note="theirs, older")
    other.decide(FP3, "dismissed", at="2025-01-01T00:00:00Z", note="theirs only", src_text="61")
    out = tmp_path / "theirs.jsonl"
    assert other.export_jsonl(out) == 3
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {d["fingerprint"] for d in lines} == {FP1, FP2, FP3} and all("by" in d for d in lines)

    assert store.import_jsonl(out) == ImportCounts(added=1, updated=1, kept=1)
    got = store.get([FP1, FP2, FP3])
    assert (got[FP1].note, got[FP1].by, got[FP1].status) == ("theirs, newer", "ben", "confirmed")
    assert got[FP2].note == "ours, newer"
    assert got[FP3].src_text == "61" and got[FP3].tgt_text is None
    assert store.import_jsonl(out) == ImportCounts(added=0, updated=0, kept=3)  # an equal time keeps ours


def test_import_keeps_the_later_of_two_lines_for_one_fingerprint(tmp_path, store):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps(d) for d in [
        {"fingerprint": FP1, "status": "confirmed", "at": "2025-02-01T00:00:00Z"},
        {"fingerprint": FP1, "status": "dismissed", "at": "2025-03-01T00:00:00Z"},
        {"fingerprint": FP1, "status": "confirmed", "at": "2025-01-01T00:00:00Z"}]) + "\n\n", encoding="utf-8")
    assert store.import_jsonl(f) == ImportCounts(1, 0, 0)
    assert store.get([FP1])[FP1].status == "dismissed"


@pytest.mark.parametrize("line,needle", [
    ("{not json", "line 2 is not JSON"),
    ('["a list"]', "line 2: expected a JSON object"),
    (json.dumps({"fingerprint": FP2, "status": "rejected", "at": "2025-01-01T00:00:00Z"}), "'status' is 'rejected'"),
    (json.dumps({"fingerprint": FP2, "status": "dismissed"}), "line 2: 'at' must be"),
    (json.dumps({"fingerprint": "", "status": "dismissed", "at": "2025-01-01"}), "'fingerprint' must be"),
    (json.dumps({"fingerprint": FP2, "status": "dismissed", "at": "2025-01-01", "note": 3}), "'note' must be"),
])
def test_a_bad_import_line_imports_nothing(tmp_path, store, line, needle):
    f = tmp_path / "in.jsonl"
    good = json.dumps({"fingerprint": FP1, "status": "dismissed", "at": "2025-01-01T00:00:00Z"})
    f.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=needle) as e:
        store.import_jsonl(f)
    assert "\n" not in str(e.value)
    assert store.all() == []


def test_an_empty_export_imports_as_nothing(tmp_path, store):
    out = tmp_path / "empty.jsonl"
    assert store.export_jsonl(out) == 0 and out.read_bytes() == b""
    assert store.import_jsonl(out) == ImportCounts(0, 0, 0)


def test_migration_from_version_1(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.execute(V1_DDL)
    con.execute("INSERT INTO decisions VALUES (?, 'dismissed', '2024-05-01T08:00:00+00:00', 'number', "
                "'altered', '61', '16')", (FP1,))
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()

    store = ReviewStore(path)
    assert _pragma(path, "user_version") == 2
    old = store.get([FP1])[FP1]
    assert (old.status, old.src_text, old.tgt_text, old.note, old.by, old.src_lang) == \
        ("dismissed", "61", "16", "", "", "")
    assert old.at == "2024-05-01T08:00:00.000+00:00"
    store.decide(FP2, "confirmed", by="ana", note="checked", src_lang="sk", tgt_lang="en")
    assert ReviewStore(path).get([FP2])[FP2].by == "ana"  # a second open does not migrate again


def _write_bytes_db(path: Path, version: int, table: str) -> bytes:
    con = sqlite3.connect(path)
    con.execute(f"CREATE TABLE {table} (x TEXT)")
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
    return path.read_bytes()


def _write(path: Path, data: bytes) -> bytes:
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("make,needle", [
    (lambda p: _write(p, b"fingerprint,status\nabc,dismissed\n"), "not a SQLite database"),
    (lambda p: _write(p, b"SQLite format 3\x00" + b"\xff" * 4080), "not a readable xlate review store"),
    (lambda p: _write_bytes_db(p, 3, "decisions"), "schema 3; this xlate reads schemas up to 2"),
    (lambda p: _write_bytes_db(p, 0, "users"), "not an xlate review store [(]it holds users[)]"),
])
def test_a_file_that_is_not_ours_is_refused_and_left_alone(tmp_path, make, needle):
    path = tmp_path / "reviews.sqlite"
    before = make(path)
    with pytest.raises(InputError, match=needle) as e:
        ReviewStore(path)
    assert "\n" not in str(e.value) and "left as it is" in str(e.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews.sqlite"]  # no -wal or -journal beside it


def test_a_missing_store_is_not_created_for_reading(tmp_path):
    with pytest.raises(InputError, match="no review store there yet"):
        ReviewStore(tmp_path / "none.sqlite", create=False)
    assert not (tmp_path / "none.sqlite").exists()


def test_a_store_in_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        ReviewStore(tmp_path / "nowhere" / "r.sqlite")


def test_default_path_order(tmp_path, monkeypatch):
    assert default_path() == tmp_path / "default-reviews.sqlite"  # $XLATE_REVIEWS, set by conftest
    monkeypatch.delenv("XLATE_REVIEWS")
    assert default_path() == tmp_path / "xdg" / "xlate" / "reviews.sqlite"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")  # the XDG spec says to ignore a relative path
    assert default_path() == tmp_path / "home" / ".local" / "share" / "xlate" / "reviews.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    store = ReviewStore()  # the default folder is created
    assert store.path == tmp_path / "home" / ".local" / "share" / "xlate" / "reviews.sqlite"
    assert store.path.is_file()


# --- several processes at once ---------------------------------------------------------------

WRITERS, EACH = 6, 15


def _writer(path: str, k: int, barrier, errors) -> None:
    """Open the store (migrating a new file, maybe in a race) and decide EACH times, all at once."""
    try:
        barrier.wait(timeout=120)
        store = ReviewStore(path)
        for n in range(EACH):
            store.decide(f"{k:02d}{n:030d}", "dismissed" if n % 2 else "confirmed", by=f"writer{k}")
        errors.put("")
    except BaseException as e:  # reported to the test, which fails on it
        errors.put(f"{type(e).__name__}: {e}")


def test_concurrent_writers_all_land(tmp_path):
    path = tmp_path / "shared.sqlite"  # not created beforehand: the writers race to create it
    ctx = multiprocessing.get_context("spawn")
    barrier, errors = ctx.Barrier(WRITERS), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(path), k, barrier, errors)) for k in range(WRITERS)]
    for p in procs:
        p.start()
    results = [errors.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert results == [""] * WRITERS
    assert [p.exitcode for p in procs] == [0] * WRITERS
    decisions = ReviewStore(path).all()
    assert len(decisions) == WRITERS * EACH
    assert {d.by for d in decisions} == {f"writer{k}" for k in range(WRITERS)}
    assert _pragma(path, "user_version") == SCHEMA_VERSION
