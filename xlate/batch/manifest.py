"""What a batch checks: pairs from a manifest (TSV, CSV or JSON lines) or from two folders.

A manifest row names ``id, source, target`` and optionally ``src_lang, tgt_lang, source_mt,
target_mt``; relative paths are relative to the manifest's folder, so a manifest travels with its
files. A row that is malformed as a row (no id, a duplicate id, an id that is not a safe file name)
stops the batch before it starts: every report is named by its id. A row whose *files* are bad
(missing, binary, not UTF-8) does not: that pair fails on its own and lands in ``errors.jsonl``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from xlate.errors import InputError

FIELDS = ("id", "source", "target", "src_lang", "tgt_lang", "source_mt", "target_mt")
REQUIRED = ("id", "source", "target")
_FILE_FIELDS = ("source", "target", "source_mt", "target_mt")
_SAFE_ID = re.compile(r"[\w][\w.+@=-]{0,199}")  # a file name on every system, never hidden
MAX_ID_BYTES = 200  # with ".json"/".html", under the 255-byte limit of most file systems
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10))})


@dataclass(frozen=True)
class Pair:
    """One story in two languages: the files to compare and what is known about them."""

    id: str
    source: str
    target: str
    src_lang: str | None = None
    tgt_lang: str | None = None
    source_mt: str | None = None
    target_mt: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)

    def read(self) -> dict[str, bytes]:
        """The bytes of each file the pair names, by field (``source``, ``target``, ``source_mt``…).

        Raises ``OSError`` for an unreadable file."""
        return {name: Path(path).read_bytes() for name in _FILE_FIELDS if (path := getattr(self, name))}

    def input_sha256(self, data: dict[str, bytes] | None = None) -> str:
        """Hash of everything a check reads for this pair: the files' bytes (``data``, else read
        now) and the languages. A report records it, so a rerun knows whether its input changed."""
        data = self.read() if data is None else data
        h = hashlib.sha256()
        for value in (self.src_lang, self.tgt_lang):
            h.update(f"{value or ''}\0".encode())
        for name in _FILE_FIELDS:
            h.update(b"\1" if name not in data else hashlib.sha256(data[name]).digest())
        return h.hexdigest()


def read_manifest(path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None) -> list[Pair]:
    """The pairs a manifest lists; ``src_lang``/``tgt_lang`` fill rows that leave them empty."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such manifest file")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read manifest {p}: {getattr(e, 'strerror', None) or e}") from None
    rows = _jsonl_rows(text, p) if p.suffix.lower() in (".jsonl", ".ndjson") else _table_rows(text, p)
    return _pairs(rows, p, p.parent, src_lang, tgt_lang)


def pairs_from_dirs(src_dir: str | Path, tgt_dir: str | Path, *, src_lang: str | None = None,
                    tgt_lang: str | None = None) -> list[Pair]:
    """One pair per file name found in both folders; the id is the name without its extension
    (the full name where two stems collide), made safe as a file name (see :func:`_folder_ids`)."""
    folders = [Path(src_dir), Path(tgt_dir)]
    for d in folders:
        if not d.is_dir():
            raise InputError(f"{d}: no such folder")
    names = [{f.name for f in d.iterdir() if f.is_file() and not f.name.startswith(".")} for d in folders]
    common = sorted(names[0] & names[1])
    if not common:
        raise InputError(f"{folders[0]} and {folders[1]} have no file name in common")
    ids = _folder_ids(common)
    rows = [{"id": i, "source": str(folders[0] / n), "target": str(folders[1] / n)} for i, n in zip(ids, common)]
    return _pairs(rows, folders[0], Path("."), src_lang, tgt_lang)


def _jsonl_rows(text: str, path: Path) -> list[dict[str, object]]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path} line {n}: not JSON ({e.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path} line {n}: a row must be a JSON object")
        rows.append({"_line": n, **row})
    return rows


def _table_rows(text: str, path: Path) -> list[dict[str, object]]:
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") or "\t" in text.split("\n", 1)[0] else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise InputError(f"{path}: the header needs {', '.join(REQUIRED)} (missing {', '.join(missing)}); "
                         f"optional: {', '.join(f for f in FIELDS if f not in REQUIRED)}")
    reader.fieldnames = header
    return [{"_line": n, **row} for n, row in enumerate(reader, 2)]


def _pairs(rows: Iterable[dict[str, object]], where: Path, base: Path, src_lang: str | None,
           tgt_lang: str | None) -> list[Pair]:
    pairs: list[Pair] = []
    seen: dict[str, tuple[str, str]] = {}  # _id_key(id) -> (id, where it is)
    for row in rows:
        at = f"{where} line {row['_line']}" if "_line" in row else str(where)
        unknown = sorted(k for k in row if k != "_line" and k not in FIELDS and k is not None)
        if unknown:
            raise InputError(f"{at}: unknown field(s) {', '.join(unknown)}; fields: {', '.join(FIELDS)}")
        values = {k: _cell(row.get(k), at, k) for k in FIELDS}
        for k in REQUIRED:
            if not values[k]:
                raise InputError(f"{at}: '{k}' is empty")
        pid = values["id"]
        assert pid is not None
        _check_id(pid, at, seen)
        for k in _FILE_FIELDS:
            if values[k]:
                values[k] = str(base / values[k]) if not Path(values[k]).is_absolute() else values[k]
        values["src_lang"] = values["src_lang"] or src_lang
        values["tgt_lang"] = values["tgt_lang"] or tgt_lang
        pairs.append(Pair(**values))  # type: ignore[arg-type]
    if not pairs:
        raise InputError(f"{where}: no pairs listed")
    return pairs


def _id_key(pid: str) -> str:
    """Ids with the same key are one file on a case-insensitive file system (macOS, Windows)."""
    return unicodedata.normalize("NFC", pid).casefold()


def _id_problem(pid: str) -> str | None:
    """Why ``pid`` cannot name a report file on every system, or None."""
    if not _SAFE_ID.fullmatch(pid) or pid in (".", ".."):
        return "is not a safe file name (letters, digits and . _ + @ = -)"
    if len(pid.encode("utf-8")) > MAX_ID_BYTES:
        return f"is longer than {MAX_ID_BYTES} bytes in UTF-8"
    if pid.endswith("."):
        return "ends with '.', which Windows drops from file names"
    if pid.split(".", 1)[0].upper() in _RESERVED:
        return "is a reserved file name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)"
    return None


def _check_id(pid: str, at: str, seen: dict[str, tuple[str, str]]) -> None:
    """Refuse an id that is no safe file name, or that names the same file as an earlier one."""
    problem = _id_problem(pid)
    if problem:
        raise InputError(f"{at}: id {pid!r} {problem}")
    key = _id_key(pid)
    if key in seen:
        other, where = seen[key]
        if other == pid:
            raise InputError(f"{at}: id {pid!r} appears twice; every pair needs its own id")
        raise InputError(f"{at}: id {pid!r} and id {other!r} ({where}) differ only in case or Unicode form, "
                         "so they name the same report file on macOS and Windows")
    seen[key] = (pid, at)


def _safe_id(name: str) -> str:
    """A file name made into an id: unsafe characters become ``_``, and what Windows refuses or
    drops (reserved names, a trailing dot) is worked around; too long is cut, with a hash."""
    pid = re.sub(r"[^\w.+@=-]", "_", unicodedata.normalize("NFC", name))
    if not re.match(r"\w", pid) or pid.split(".", 1)[0].upper() in _RESERVED:
        pid = "_" + pid
    if pid.endswith("."):
        pid += "_"
    if len(pid.encode("utf-8")) > MAX_ID_BYTES:
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
        pid = pid.encode("utf-8")[: MAX_ID_BYTES - 13].decode("utf-8", "ignore") + "-" + digest
    return pid


def _folder_ids(names: list[str]) -> list[str]:
    """Ids for file names (sorted): the stem, or the full name where stems collide; numbered
    (``-2``…) in name order where even those collide. Adding files leaves other ids as they are."""
    stems = [_safe_id(Path(n).stem) for n in names]
    count = Counter(_id_key(s) for s in stems)
    wanted = [s if count[_id_key(s)] == 1 else _safe_id(n) for s, n in zip(stems, names)]
    ids: list[str] = []
    taken: set[str] = set()
    for pid in wanted:
        candidate, n = pid, 1
        while _id_key(candidate) in taken:
            n += 1
            candidate = f"{pid}-{n}"
        taken.add(_id_key(candidate))
        ids.append(candidate)
    return ids


def _cell(value: object, at: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{at}: '{name}' must be a string, not {type(value).__name__}")
    return value.strip() or None
