"""Sanity-check the seed pairs: every *_contains string and furniture line occurs in its file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

TYPES = {"number", "quote", "hedge", "attribution", "negation", "entity", "omission", "addition"}
CHANGES = {"dropped", "added", "altered", "moved"}
HERE = Path(__file__).resolve().parent


def check(pair: Path) -> list[str]:
    errs: list[str] = []
    exp = json.loads((pair / "expected.json").read_text(encoding="utf-8"))
    src = (pair / "source.txt").read_text(encoding="utf-8")
    tgt = (pair / "target.txt").read_text(encoding="utf-8")
    if exp["clean"] != (not exp["findings"]):
        errs.append("clean flag does not match findings")
    for t in exp.get("allowed_extra", []):
        if t not in TYPES:
            errs.append(f"allowed_extra: unknown type {t!r}")
    for i, f in enumerate(exp["findings"]):
        if f["type"] not in TYPES or f["change"] not in CHANGES:
            errs.append(f"finding {i}: bad type/change {f['type']}/{f['change']}")
        if f["src_contains"] is None and f["tgt_contains"] is None:
            errs.append(f"finding {i}: both sides null")
        for key, text in (("src_contains", src), ("tgt_contains", tgt)):
            s = f[key]
            if s is None:
                continue
            n = text.count(s)
            if n != 1:
                errs.append(f"finding {i}: {key} {s!r} occurs {n} times")
        for key, text in (("src_span", src), ("tgt_span", tgt)):
            if f.get(key) is not None and f[key] not in text:
                errs.append(f"finding {i}: {key} {f[key]!r} is not in the text")
    lines = set(src.splitlines()) | set(tgt.splitlines())
    for line in exp.get("furniture", []):
        if line not in lines:
            errs.append(f"furniture line not found as a whole line: {line!r}")
    return errs


def main() -> int:
    bad = 0
    for exp in sorted(HERE.glob("*/expected.json")):
        errs = check(exp.parent)
        print(f"{exp.parent.name}: {'OK' if not errs else 'FAIL'}")
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
