"""Reading user files safely and writing reports atomically.

Every failure becomes an ``InputError`` with one line a user can act on; a report is written to a
temporary file beside its destination and renamed, so a crash never leaves half a report that
looks complete.
"""

from __future__ import annotations

import codecs
import errno
import os
import tempfile
from pathlib import Path

from xlate.errors import InputError

# Longest first: a UTF-32LE byte-order mark begins like UTF-16LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of ``data`` (a BOM is dropped); binary, non-UTF-8 and empty input are errors."""
    wide = _wide_encoding(data)
    if wide:  # before the NUL test: UTF-16 text is full of NUL bytes but is not binary
        encoding, how = wide
        file = name if name != "standard input" else "FILE"
        raise InputError(f"{name} is {encoding} text ({how}), not UTF-8; convert it first, e.g. "
                         f"iconv -f {encoding} -t UTF-8 {file} > {file}.utf8")
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


def _wide_encoding(data: bytes) -> tuple[str, str] | None:
    """(encoding, how it shows) when ``data`` is UTF-16 or UTF-32: by its byte-order mark or, without
    one, by NUL bytes standing where the high bytes of Latin letters do; a decode confirms it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, "it starts with a byte-order mark"
    sample = data[:4096]
    sample = sample[: len(sample) // 4 * 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    for encoding, width, lane in (("UTF-32LE", 4, 0), ("UTF-32BE", 4, 3), ("UTF-16LE", 2, 0), ("UTF-16BE", 2, 1)):
        lanes = [sample[k::width] for k in range(width)]
        # "AB" in UTF-16LE is 41 00 42 00: letters in one lane, mostly NULs in the others.
        if lanes[lane].count(0) * 20 > len(lanes[lane]) or any(
                x.count(0) * 10 < len(x) * 7 for k, x in enumerate(lanes) if k != lane):
            continue
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if sum(ch.isprintable() or ch.isspace() for ch in text) >= 0.95 * len(text):
            return encoding, "NUL bytes between its letters"
    return None


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
    """Write ``content`` to ``path`` via a temporary file and a rename.

    A destination that cannot be written (a folder, no permission, a read-only or full disk) is an
    ``InputError`` naming the path, and no temporary file is left behind.
    """
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise InputError(f"cannot write {p}: it is a directory; give a file name, e.g. {p / 'report.txt'}")
    if not directory.is_dir():
        why = f"{directory} is not a folder" if directory.exists() else f"folder {directory} does not exist"
        raise InputError(f"cannot write {p}: {why}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise InputError(_cannot_write(p, directory, e)) from None
    try:
        os.fchmod(fd, _mode_for(p))  # mkstemp makes 0600; a report or a desk's list keeps the usual mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.replace(tmp, p)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(_cannot_write(p, directory, e)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cannot_write(p: Path, directory: Path, e: OSError) -> str:
    """One line saying why ``p`` could not be written and what to do about it."""
    if isinstance(e, PermissionError):
        return f"cannot write {p}: permission denied (is folder {directory} writable?)"
    if isinstance(e, IsADirectoryError):
        return f"cannot write {p}: it is a directory; give a file name"
    hints = {errno.EROFS: "the file system is read-only", errno.ENOSPC: "no space left on the device",
             errno.EDQUOT: "disk quota exceeded"}
    return f"cannot write {p}: {hints.get(e.errno or 0, e.strerror or str(e))}"


def _mode_for(path: Path) -> int:
    """The mode a rewritten file keeps (its own), or a new one gets (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
