"""Reading user files safely and writing reports atomically.

Every failure becomes an ``InputError`` with one line a user can act on; a report is written to a
temporary file beside its destination and renamed, so a crash never leaves half a report that
looks complete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from xlate.errors import InputError


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of ``data`` (a BOM is dropped); binary, non-UTF-8 and empty input are errors."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(f"{name} looks binary (it contains NUL bytes); give a UTF-8 text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name} is not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); "
            f"convert it first, e.g. iconv -f WINDOWS-1250 -t UTF-8 {name} > {name}.utf8"
        ) from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text[:65536]) // 100):
        raise InputError(f"{name} looks binary ({controls} control characters); give a text file")
    if not text.strip():
        raise InputError(f"{name} is empty")
    return text


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a user's text file, or ``-`` for standard input."""
    name = str(path)
    if name == "-":
        import sys

        return decode_text(sys.stdin.buffer.read(), "standard input")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name} is a directory, not a text file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {name}: {e.strerror or e}") from None
    return decode_text(data, name)


def write_atomic(path: str | os.PathLike[str], content: str) -> None:
    """Write ``content`` to ``path`` via a temporary file and a rename."""
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"cannot write {p}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
