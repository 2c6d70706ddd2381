"""On-disk translation cache (sqlite3) and a wrapper that sends only misses to the backend.

Keys are (model key, src, tgt, text). The model key comes from the backend's ``cache_key(src, tgt)``
(model id + weights fingerprint + settings that change outputs, such as beams and length limits)
when it has one, else its ``name``, so swapping a model's weights or settings never serves stale
translations.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from xlate.translate.base import Translator, run_translator

ENV_CACHE = "XLATE_MT_CACHE"
_SCHEMA = """CREATE TABLE IF NOT EXISTS mt (
    model TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL, text TEXT NOT NULL,
    out TEXT NOT NULL, PRIMARY KEY (model, src, tgt, text)) WITHOUT ROWID"""


def default_cache_path() -> Path:
    """``$XLATE_MT_CACHE``, else ~/.cache/xlate/mt.sqlite."""
    env = os.environ.get(ENV_CACHE)
    return Path(env).expanduser() if env else Path.home() / ".cache" / "xlate" / "mt.sqlite"


class TranslationCache:
    """A sqlite3 table of translations; each call opens its own short connection."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path else default_cache_path()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30)
        con.execute(_SCHEMA)
        return con

    def get_many(self, model: str, src: str, tgt: str, texts: Sequence[str]) -> dict[str, str]:
        """Cached translations for those of ``texts`` that have one."""
        found: dict[str, str] = {}
        uniq = list(dict.fromkeys(texts))
        con = self._connect()
        try:
            for start in range(0, len(uniq), 500):  # stay under sqlite's variable limit
                chunk = uniq[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = con.execute(
                    "SELECT text, out FROM mt WHERE model=? AND src=? AND tgt=? "
                    f"AND text IN ({marks})",
                    (model, src, tgt, *chunk),
                )
                found.update(rows)
        finally:
            con.close()
        return found

    def put_many(self, model: str, src: str, tgt: str, pairs: dict[str, str]) -> None:
        """Store ``{text: translation}``."""
        con = self._connect()
        try:
            with con:
                con.executemany(
                    "INSERT OR REPLACE INTO mt VALUES (?, ?, ?, ?, ?)",
                    [(model, src, tgt, t, o) for t, o in pairs.items()],
                )
        finally:
            con.close()


class CachedTranslator:
    """Wrap a Translator: cached sentences cost nothing; duplicates are translated once."""

    def __init__(self, inner: Translator, cache: TranslationCache | None = None) -> None:
        self.inner = inner
        self.cache = cache or TranslationCache()
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        """The wrapped backend's name (the cache is not part of the report signature)."""
        return self.inner.name

    def describe(self, src: str, tgt: str) -> str:
        """The wrapped backend's name for one direction (its ``describe``), else its ``name``."""
        describe = getattr(self.inner, "describe", None)
        return str(describe(src, tgt)) if callable(describe) else self.inner.name

    def _key(self, src: str, tgt: str) -> str:
        key_fn = getattr(self.inner, "cache_key", None)
        return key_fn(src, tgt) if callable(key_fn) else self.inner.name

    def translate(self, sents: Sequence[str], src: str, tgt: str) -> list[str]:
        """Look every distinct sentence up; translate the misses in one backend call."""
        key = self._key(src, tgt)
        found = self.cache.get_many(key, src, tgt, sents)
        missing = [t for t in dict.fromkeys(sents) if t not in found]
        miss_set = set(missing)
        self.hits += sum(1 for s in sents if s not in miss_set)
        self.misses += len(missing)
        if missing:
            new = dict(zip(missing, run_translator(self.inner, missing, src, tgt), strict=True))
            self.cache.put_many(key, src, tgt, new)
            found.update(new)
        return [found[s] for s in sents]
