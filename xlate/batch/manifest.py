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
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from xlate.errors import InputError

FIELDS = ("id", "source", "target", "src_lang", "tgt_lang", "source_mt", "target_mt")
REQUIRED = ("id", "source", "target")
_FILE_FIELDS = ("source", "target", "source_mt", "target_mt")
_SAFE_ID = re.compile(r"[\w][\w.+@=-]{0,199}")  # a file name on every system, never hidden


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
    """One pair per file name found in both folders (the id is the name without its extension)."""
    folders = [Path(src_dir), Path(tgt_dir)]
    for d in folders:
        if not d.is_dir():
            raise InputError(f"{d}: no such folder")
    names = [{f.name for f in d.iterdir() if f.is_file() and not f.name.startswith(".")} for d in folders]
    common = sorted(names[0] & names[1])
    if not common:
        raise InputError(f"{folders[0]} and {folders[1]} have no file name in common")
    stems = [Path(n).stem for n in common]
    ids = stems if len(set(stems)) == len(stems) else common
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
    seen: set[str] = set()
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
        if not _SAFE_ID.fullmatch(pid) or pid in (".", ".."):
            raise InputError(f"{at}: id {pid!r} is not a safe file name (letters, digits and . _ + @ = -)")
        if pid in seen:
            raise InputError(f"{at}: id {pid!r} appears twice; every pair needs its own id")
        seen.add(pid)
        for k in _FILE_FIELDS:
            if values[k]:
                values[k] = str(base / values[k]) if not Path(values[k]).is_absolute() else values[k]
        values["src_lang"] = values["src_lang"] or src_lang
        values["tgt_lang"] = values["tgt_lang"] or tgt_lang
        pairs.append(Pair(**values))  # type: ignore[arg-type]
    if not pairs:
        raise InputError(f"{where}: no pairs listed")
    return pairs


def _cell(value: object, at: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{at}: '{name}' must be a string, not {type(value).__name__}")
    return value.strip() or None
