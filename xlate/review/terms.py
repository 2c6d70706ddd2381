"""Term lists a desk maintains: accepted renderings and terms never to flag, per language pair.

An ``accept`` entry (``Kyjev = Kyiv``, ``Nejvyšší soud = Supreme Court``) makes the name and number
checks treat the two as a match: a name or number dropped on one side whose accepted rendering
stands in the other side's sentence, or one altered into its accepted rendering, is no finding. An
``ignore`` entry (``TASR``) is never flagged, by any check, on the side it is given for. Terms match
inflected forms the way names do (``Kyjeve`` is ``Kyjev``): every word of the term must be there.

A TSV file has the columns ``kind, src_lang, tgt_lang, source, target`` (``#`` starts a comment;
``*`` or an empty language matches any); a TOML file has ``[[accept]]`` and ``[[ignore]]`` tables
with ``pair = "sk-en"`` (or ``"*"``), ``source`` and ``target``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlate.errors import InputError
from xlate.report.model import Finding, Sentence, Span

KINDS = ("accept", "ignore")
ACCEPT_TYPES = ("entity", "number")  # the checks an accepted rendering speaks for
COLUMNS = ("kind", "src_lang", "tgt_lang", "source", "target")
_WORD = re.compile(r"\w+(?:[.'’-]\w+)*")


@dataclass(frozen=True)
class Term:
    """One entry: ``source``/``target`` is the term on that side (either may be None for ignore)."""

    kind: str
    src_lang: str | None
    tgt_lang: str | None
    source: str | None
    target: str | None

    def applies(self, src_lang: str, tgt_lang: str) -> bool:
        return self.src_lang in (None, src_lang) and self.tgt_lang in (None, tgt_lang)

    def row(self) -> str:
        return "\t".join((self.kind, self.src_lang or "*", self.tgt_lang or "*", self.source or "", self.target or ""))


def desk_terms_path(store: str | os.PathLike[str] | None = None) -> Path:
    """Where a desk's term list lives (made on its first term): ``terms.tsv`` beside a review store
    named explicitly, else ``$XLATE_TERMS``, else ``terms.tsv`` beside the default review store."""
    if store:
        return Path(store).expanduser().parent / "terms.tsv"
    if os.environ.get("XLATE_TERMS"):
        return Path(os.environ["XLATE_TERMS"]).expanduser()
    from xlate.review.store import default_path

    return default_path().parent / "terms.tsv"


def default_terms_path(store: str | os.PathLike[str] | None = None) -> Path | None:
    """:func:`desk_terms_path` when that file exists (no list until a first term is added)."""
    path = desk_terms_path(store)
    return path if path.is_file() else None


@dataclass(frozen=True)
class TermList:
    """The entries of one term file; ``sha`` names its content in the report's signature."""

    terms: tuple[Term, ...]
    sha: str = ""

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TermList:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as e:
            raise InputError(f"cannot read term list {p}: {e.strerror or e}") from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"term list {p} is not UTF-8") from None
        terms = _from_toml(text, p) if p.suffix.lower() == ".toml" else _from_tsv(text, p)
        return cls(tuple(terms), hashlib.sha256(data).hexdigest()[:8])

    def for_pair(self, src_lang: str, tgt_lang: str) -> list[Term]:
        return [t for t in self.terms if t.applies(src_lang, tgt_lang)]

    def apply(self, findings: Sequence[Finding], src_lang: str, tgt_lang: str, src_sents: Sequence[Sentence],
              tgt_sents: Sequence[Sentence]) -> tuple[list[Finding], int]:
        """The findings the term list does not settle, and how many it settled."""
        terms = self.for_pair(src_lang, tgt_lang)
        if not terms:
            return list(findings), 0
        sents = {"src": {s.id: s for s in src_sents}, "tgt": {s.id: s for s in tgt_sents}}
        kept = [f for f in findings if not any(_settles(t, f, sents) for t in terms)]
        return kept, len(findings) - len(kept)


def append_term(path: str | os.PathLike[str], term: Term) -> None:
    """Add ``term`` to a TSV term list (created with its header when missing), atomically."""
    from xlate.io import write_atomic

    p = Path(path)
    if p.suffix.lower() == ".toml":
        raise InputError(f"{p}: terms are added to TSV term lists only; add it to the TOML file by hand")
    old = p.read_text(encoding="utf-8") if p.is_file() else "\t".join(COLUMNS) + "\n"
    if term.row() in old.splitlines():
        return
    p.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(p, old + ("" if old.endswith("\n") else "\n") + term.row() + "\n")


def _settles(t: Term, f: Finding, sents: dict[str, dict[int, Sentence]]) -> bool:
    src = [sents["src"][i] for i in f.src if i in sents["src"]]
    tgt = [sents["tgt"][j] for j in f.tgt if j in sents["tgt"]]
    if t.kind == "ignore":
        return bool((t.source and f.src_span and _at_term(f.src_span, t.source, src))
                    or (t.target and f.tgt_span and _at_term(f.tgt_span, t.target, tgt)))
    if f.type not in ACCEPT_TYPES or not t.source or not t.target:
        return False
    if f.src_span is not None and f.tgt_span is not None:
        return _at_term(f.src_span, t.source, src) and _at_term(f.tgt_span, t.target, tgt)
    if f.src_span is not None:
        return _at_term(f.src_span, t.source, src) and bool(_occurrences(t.target, tgt))
    if f.tgt_span is not None:
        return _at_term(f.tgt_span, t.target, tgt) and bool(_occurrences(t.source, src))
    return False


def _at_term(span: Span, term: str, sents: Sequence[Sentence]) -> bool:
    """Does the flagged ``span`` lie inside an occurrence of ``term`` in its sentences? (The
    ``Nejvyšší`` of ``Nejvyšší soud``; not a ``5`` elsewhere in a sentence that says ``Article 5``.)"""
    return any(a <= span.start and span.end <= b for a, b in _occurrences(term, sents))


def _occurrences(term: str, sents: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Offsets of ``term`` in the sentences: its words in a row, each matching the way names do
    (``Kyjeve`` is ``Kyjev``), except that a word with a digit must be the same (``61`` is not ``16``)."""
    words = _words(term)
    if not words:
        return []
    found = []
    for s in sents:
        tokens = list(_WORD.finditer(s.text))
        for k in range(len(tokens) - len(words) + 1):
            run = tokens[k:k + len(words)]
            if all(_word_is(w, m.group()) for w, m in zip(words, run)):
                found.append((s.start + run[0].start(), s.start + run[-1].end()))
    return found


def _word_is(term_word: str, word: str) -> bool:
    from xlate.text.names import word_keys, word_present

    if any(c.isdigit() for c in term_word + word):
        return term_word.casefold() == word.casefold()
    return word_present(term_word, word_keys([word]))


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _lang(value: Any, where: str) -> str | None:
    from xlate.langs import normalize_lang

    value = (value or "").strip()
    if value in ("", "*"):
        return None
    try:
        return normalize_lang(value)
    except Exception as e:  # an unknown code: one line naming the entry
        raise InputError(f"{where}: {e}") from None


def _term(kind: Any, src_lang: Any, tgt_lang: Any, source: Any, target: Any, where: str) -> Term:
    for name, value in (("source", source), ("target", target), ("pair", src_lang), ("pair", tgt_lang)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: {name} must be a string, not {type(value).__name__}")
    kind = (kind or "").strip().lower()
    if kind not in KINDS:
        raise InputError(f"{where}: kind must be accept or ignore, not {kind!r}")
    source, target = (source or "").strip() or None, (target or "").strip() or None
    if kind == "accept" and not (source and target):
        raise InputError(f"{where}: an accept entry needs a source and a target term")
    if not (source or target):
        raise InputError(f"{where}: an ignore entry needs a source or a target term")
    return Term(kind, _lang(src_lang, where), _lang(tgt_lang, where), source, target)


def _from_tsv(text: str, path: Path) -> Iterable[Term]:
    rows = [(n, line) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]
    if rows and rows[0][1].split("\t")[0].strip().lower() == "kind":
        rows = rows[1:]
    for n, line in rows:
        cells = line.split("\t")
        if len(cells) == len(COLUMNS) - 1:  # an ignore row with no target term, its last tab dropped
            cells.append("")
        if len(cells) != len(COLUMNS):
            raise InputError(f"{path} line {n}: {len(cells)} columns; a term row has {len(COLUMNS)}: "
                             f"{', '.join(COLUMNS)} (tab-separated)")
        yield _term(*cells, where=f"{path} line {n}")


def _from_toml(text: str, path: Path) -> Iterable[Term]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        raise InputError(f"{path}: TOML term lists need Python 3.11 or later; use a TSV term list") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: not TOML ({e})") from None
    unknown = sorted(set(data) - set(KINDS))
    if unknown:
        raise InputError(f"{path}: unknown table(s) {', '.join(unknown)}; use [[accept]] and [[ignore]]")
    for kind in KINDS:
        for n, entry in enumerate(data.get(kind, []), 1):
            where = f"{path} [[{kind}]] #{n}"
            if not isinstance(entry, dict):
                raise InputError(f"{where}: an entry is a table with pair, source and target")
            pair = str(entry.get("pair", "*"))
            src_lang, _, tgt_lang = pair.partition("-") if pair != "*" else ("*", "", "*")
            yield _term(kind, src_lang, tgt_lang or "*", entry.get("source"), entry.get("target"), where)
