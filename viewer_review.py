"""The viewer's review loop: confirm or dismiss each finding, kept in a review store.

This is app-only code. It sits beside ``app.py`` and is not part of the ``xlate`` package. A button
writes its decision to the store in a callback, which runs before the page is redrawn, so the
redraw already shows it. Every run reads the decisions back with
:func:`xlate.review.apply_reviews`, so they survive a reload, a new check of the same text and a
colleague's session on a shared desk store.

Beside those buttons, one click adds to the desk's term list (:mod:`xlate.review.terms`): accept a
rendering or never flag a term. The term is written in the callback too, so the redraw checks the
texts again with the grown list and the finding it settles is gone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from xlate.errors import XlateError
from xlate.report import html
from xlate.report.model import Finding, Report
from xlate.review import ReviewStore, apply_reviews, decide_finding, fingerprint, is_dismissed
from xlate.review.store import default_path
from xlate.review.terms import ACCEPT_TYPES, Term, TermList, append_term, desk_terms_path

STATUSES = ("open", "confirmed", "dismissed")
SHOWN_BY_DEFAULT = ["open", "confirmed"]  # dismissed: a false alarm, one click away
PAGE_SIZE = 25  # findings per page of the review list (each row is up to nine widgets)
ERROR_KEY = "review_error"  # a failed write in a callback, shown on the redraw that follows
ADDED_KEY = "term_added"  # what a term button added, shown as a toast on the redraw that follows
ACTIONS = (("confirm", "confirmed", "Confirm", ":material/check:"),
           ("dismiss", "dismissed", "Dismiss", ":material/close:"),
           ("clear", "open", "Undo", ":material/undo:"))
BADGE = {"open": "blue", "confirmed": "green", "dismissed": "gray"}
SEVERITY_COLOUR = {"high": "red", "medium": "orange", "low": "blue"}


def status(f: Finding) -> str:
    """``open``, ``confirmed`` or ``dismissed``."""
    return f.review["status"] if f.review else "open"


def review_counts(report: Report) -> dict[str, int]:
    """Findings per review status, counted from the findings themselves (so also without a store)."""
    got = [status(f) for f in report.findings]
    return {s: got.count(s) for s in STATUSES}


def sidebar() -> str:
    """The reviewer's name and the store's path in the sidebar; the path as typed (blank: default)."""
    sb = st.sidebar
    sb.header("Review")
    sb.text_input("Your name", key="reviewer", placeholder="saved with your decisions",
                  help="Stored with each decision you make; remembered while this tab stays open.")
    path = sb.text_input("Review store", key="review_store", placeholder=str(default_path()),
                         help="An SQLite file of decisions. Point the whole desk at one shared file; blank "
                              "uses your own ($XLATE_REVIEWS, else your data folder).")
    return path.strip()


def attach_store(report: Report, path: str) -> ReviewStore | None:
    """Open the store and mark each finding with its stored decision.

    Returns None when the store cannot be used, after showing one error line. The report then
    shows the decisions it carries, if it is a saved report with any.
    """
    failed = st.session_state.pop(ERROR_KEY, None)
    if failed:
        st.error(failed, icon="⚠️")
    carried = {id(f) for f in report.findings if f.review}
    try:
        store = ReviewStore(Path(path).expanduser() if path else None)
        apply_reviews(report, store)
    except XlateError as e:
        st.error(f"Reviews are off: {e}", icon="⚠️")
        return None
    lost = sum(1 for f in report.findings if id(f) in carried and not f.review)
    if lost:  # the store is the truth; say so rather than drop a saved report's decisions silently
        st.info(f"{lost} decision(s) saved in this report are not in the review store {store.path}, "
                "so they show as open here.", icon=":material/info:")
    return store


@dataclass(frozen=True)
class Terms:
    """The term list in use: its file, what it holds (None: no file yet, or unreadable) and why a
    click cannot add to it (None: it can)."""

    path: Path
    terms: TermList | None = None
    blocked: str | None = None


def implied_terms_path(store_path: str) -> Path:
    """The list a desk's review store implies (:func:`desk_terms_path`; made on the first add)."""
    return desk_terms_path(store_path or None)


def terms_sidebar(store_path: str) -> Path:
    """The term list's path field in the sidebar; blank means the list the review store implies."""
    implied = implied_terms_path(store_path)
    typed = st.sidebar.text_input("Term list", key="terms_file", placeholder=str(implied),
                                  help="Accepted renderings and terms never to flag, shared by the desk (TSV, "
                                       "or TOML edited by hand). Blank: terms.tsv beside a review store typed "
                                       "above, else $XLATE_TERMS, else terms.tsv beside your own store.")
    return Path(typed.strip()).expanduser() if typed.strip() else implied


def load_terms(path: Path) -> Terms:
    """The list at ``path`` (none while the file does not exist). A bad file is one error line and
    the check runs without it; a toast says what the last click added."""
    added = st.session_state.pop(ADDED_KEY, None)
    if added:
        st.toast(added, icon=":material/playlist_add_check:")
    if not path.exists():
        return Terms(path)
    try:
        terms = TermList.load(path)
    except XlateError as e:
        st.error(f"Term list is off: {e}", icon="⚠️")
        return Terms(path, blocked="the term list cannot be read; fix the file first")
    hand = "a TOML term list is edited by hand" if path.suffix.lower() == ".toml" else None
    return Terms(path, terms, hand)


def review_filter(report: Report, where: DeltaGenerator) -> set[str]:
    """The review-status pills, with their counts; the statuses chosen."""
    counts = review_counts(report)
    chosen = where.pills("Filter by review", STATUSES, selection_mode="multi", default=SHOWN_BY_DEFAULT,
                         key="reviews", format_func=lambda s: f"{s} {counts[s]}", wrap=True,
                         help="Dismissed findings (false alarms) are hidden unless chosen here; then they "
                              "are drawn struck through.")
    return set(chosen)


def _css_id(value: str) -> str:
    """``value`` for a quoted CSS attribute selector: anything but letters and digits hex-escaped."""
    return "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} " for c in value)


def dismissed_css(rows: list[html.Row]) -> str:
    """A style block that draws dismissed findings in ``rows`` as settled rather than as live problems.

    Their marks lose their colour and are struck through. A row's severity edge follows only the
    findings still live in it.
    """
    ids = sorted({f.id for r in rows for f in r.findings if is_dismissed(f)})
    if not ids:
        return ""
    marks = ",".join(f'.xl mark[data-finding="{_css_id(i)}"]' for i in ids)
    rules = [marks + "{background:none!important;box-shadow:none!important;border-color:#d0d7de!important;"
             "color:#8c959f;text-decoration:line-through}"]
    for r in rows:
        live = [f for f in r.findings if not is_dismissed(f)]
        if len(live) < len(r.findings):
            edge = html.SEVERITY_COLOURS.get(max(f.severity for f in live), "#57606a") if live else "transparent"
            rules.append(f".xl tr#bead-{r.index} td.meta{{border-left-color:{edge}}}")
    return "<style>" + "".join(rules) + "</style>"


def _md(text: str) -> str:
    """``text`` with Markdown punctuation escaped, so that a story's own characters stay literal."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:])", r"\\\1", " ".join(text.split()))


def _label(f: Finding) -> str:
    """One finding as a line: id, severity, type, both spans, the explanation and the decision."""
    def quote(span: object) -> str:
        t = getattr(span, "text", None)
        return "∅" if t is None else "“" + _md(t if len(t) <= 60 else t[:59] + "…") + "”"

    s = status(f)
    who = f" by {f.review['by']}" if f.review and f.review.get("by") else ""
    note = f" _{_md(f.review['note'])}_" if f.review and f.review.get("note") else ""
    return (f"**{_md(f.id)}** :{SEVERITY_COLOUR.get(f.severity, 'gray')}[{f.severity}] {_md(f.type)} "
            f"{_md(f.change)} · {quote(f.src_span)} → {quote(f.tgt_span)} — {_md(f.explanation)}  "
            f":{BADGE[s]}-badge[{_md(s + who)}]{note}")


def _decide(store: ReviewStore, report: Report, f: Finding, new: str, note_key: str) -> None:
    """Button callback: store (or clear) the decision before the page is drawn again."""
    try:
        if new == "open":
            store.clear(fingerprint(f, report))
        else:
            decide_finding(store, report, f, new, note=st.session_state.get(note_key, "").strip(),
                           by=st.session_state.get("reviewer", "").strip())
    except XlateError as e:
        st.session_state[ERROR_KEY] = f"Decision not saved: {e}"


def _term_text(text: str | None) -> str | None:
    """A term as a TSV cell holds it: whitespace runs (tabs, line breaks) made one space."""
    cleaned = " ".join((text or "").split())
    return cleaned or None


def describe_term(t: Term) -> str:
    """A term in words, for the message after it was added."""
    pair = f"({t.src_lang or '*'} → {t.tgt_lang or '*'})"
    if t.kind == "accept":
        return f"accepted “{t.source}” = “{t.target}” {pair}"
    side, text = ("source", t.source) if t.source else ("target", t.target)
    return f"never flag “{text}” in the {side} {pair}"


def _add_term(path: Path, term: Term, typed_key: str | None = None) -> None:
    """Button callback: append ``term`` before the page is drawn again, so that the redraw's check
    already uses it. ``typed_key`` names the field holding the side the finding lacks."""
    if typed_key is not None:
        side = "target" if term.source else "source"
        term = replace(term, **{side: _term_text(st.session_state.get(typed_key))})
        if not (term.source and term.target):
            return
    try:
        append_term(path, term)
    except (XlateError, OSError) as e:
        st.session_state[ERROR_KEY] = f"Term not added: {e}"
        return
    st.session_state[ADDED_KEY] = f"Added {describe_term(term)} to {path}"


def _short(text: str, n: int = 40) -> str:
    return "“" + _md(text if len(text) <= n else text[:n - 1] + "…") + "”"


def _term_controls(where: DeltaGenerator, report: Report, f: Finding, key: str, terms: Terms) -> None:
    """Buttons that settle ``f`` through the term list: accept its rendering (names and numbers) or
    never flag one side's span; a one-sided name or number takes the other side's term typed."""
    src = _term_text(f.src_span.text if f.src_span else None)
    tgt = _term_text(f.tgt_span.text if f.tgt_span else None)
    if not (src or tgt):
        return
    langs = (report.source.lang, report.target.lang)
    off = terms.blocked is not None
    row = where.container(horizontal=True, vertical_alignment="center", gap="small")
    if f.type in ACCEPT_TYPES:
        accept = Term("accept", *langs, src, tgt)
        if src and tgt:
            row.button(f"Accept {_short(src)} = {_short(tgt)}", key=f"accept-{key}", icon=":material/done_all:",
                       on_click=_add_term, args=(terms.path, accept), disabled=off, help=terms.blocked)
        else:
            other, typed_key = langs[1] if src else langs[0], f"rendering-{key}"
            typed = _term_text(row.text_input(f"The {other} term", key=typed_key, placeholder=f"the {other} term",
                                              label_visibility="collapsed", width=200, disabled=off))
            blank = _short(typed) if typed else "…"
            label = f"Accept {_short(src)} = {blank}" if src else f"Accept {blank} = {_short(tgt or '')}"
            row.button(label, key=f"accept-{key}", icon=":material/done_all:", on_click=_add_term,
                       args=(terms.path, accept, typed_key), disabled=off or not typed,
                       help=terms.blocked or (None if typed else f"Type the {other} term first."))
    for side, text, lang, name in (("src", src, langs[0], "source"), ("tgt", tgt, langs[1], "target")):
        if text:
            never = Term("ignore", *langs, text if side == "src" else None, text if side == "tgt" else None)
            row.button(f"Never flag {_short(text)}", key=f"never_{side}-{key}", icon=":material/block:",
                       on_click=_add_term, args=(terms.path, never), disabled=off,
                       help=terms.blocked or f"No check flags “{_md(text)}” in the {lang} {name} again.")


def widget_keys(report: Report, findings: list[Finding]) -> list[str]:
    """A key per finding for its widgets: id and fingerprint, so that a note typed for one
    finding never shows up beside another one that later takes its id."""
    keys = [f"{f.id}-{fingerprint(f, report)[:8]}" for f in findings]
    return keys if len(set(keys)) == len(keys) else [f"{k}-{n}" for n, k in enumerate(keys)]


def _row(report: Report, store: ReviewStore | None, f: Finding, key: str, terms: Terms | None) -> None:
    """A bordered box: the finding on one line, under it the note field and the three buttons,
    then the buttons that add to the term list."""
    box = st.container(border=True, gap="xsmall", key=f"finding-{key}")
    box.markdown(_label(f))
    controls = box.container(horizontal=True, vertical_alignment="center", gap="small")
    note_key = f"note-{key}"
    if note_key not in st.session_state:  # prefill from the store; afterwards it is what was typed
        st.session_state[note_key] = f.review.get("note", "") if f.review else ""
    controls.text_input("Note", key=note_key, placeholder="note (optional)", label_visibility="collapsed",
                        width=320, disabled=store is None)
    for prefix, new, label, icon in ACTIONS:
        controls.button(label, key=f"{prefix}-{key}", icon=icon, on_click=_decide,
                        args=(store, report, f, new, note_key),
                        disabled=store is None or (new == "open" and not f.review),
                        type="primary" if new != "open" and status(f) == new else "secondary")
    if terms is not None:
        _term_controls(box, report, f, key, terms)


def review_list(report: Report, store: ReviewStore | None, findings: list[Finding],
                terms: Terms | None = None) -> None:
    """The findings the filters show, one row each: what it is, its decision, a note and the buttons
    (with ``terms``, also those that add to the term list)."""
    counts = review_counts(report)
    st.caption(f"{len(findings)} of {len(report.findings)} findings shown · "
               + " · ".join(f"{counts[s]} {s}" for s in STATUSES)
               + ". Decisions are saved at once" + (f" in `{store.path}`." if store else "; the review store "
                                                    "in the sidebar does not work now, so none can be made.")
               + (f" Terms are added to `{terms.path}`." if terms and not terms.blocked else ""))
    if not findings:
        st.info("No findings match the filters.")
        return
    pages = max(1, -(-len(findings) // PAGE_SIZE))
    page = 1
    if pages > 1:
        page = st.number_input(f"Page (of {pages}, {PAGE_SIZE} findings each)", 1, pages, 1, width=200,
                               key=f"review_page_of_{pages}")
    shown = findings[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    for f, key in zip(shown, widget_keys(report, shown)):
        _row(report, store, f, key, terms)
