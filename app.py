"""xlate in the browser: ``streamlit run app.py``.

A thin layer over the library: it gathers two texts (a sample pair, pasted text or uploaded files) or
a saved JSON report, calls ``xlate.check`` and draws the report. The checking lives in ``xlate``;
the HTML pieces live in ``xlate.report.html``, which also writes the downloadable page. Reviewers'
decisions (confirm or dismiss each finding) and the desk's term list live in ``viewer_review.py``
beside this file.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import streamlit as st

import viewer_review as review
import xlate
from xlate.config import Config
from xlate.errors import InputError, XlateError
from xlate.io import decode_text
from xlate.langs import known_languages
from xlate.report import html
from xlate.report.load import load_report
from xlate.report.model import FINDING_TYPES, LOW_CONFIDENCE, SEVERITIES, Report
from xlate.report.render import to_json, to_tsv
from xlate.review import ReviewStore

SEEDS = Path(__file__).resolve().parent / "seeds"
DEFAULT_SEED = "sk-en_tasr_altered"
AUTO = "auto-detect"
MODES = ("Sample pair", "Paste text", "Upload files", "Open saved report")
PAGE_SIZE = 100
TEXT_TYPES = ["txt", "md"]


@st.cache_resource
def available_backends() -> dict[str, list[str]]:
    """Backends usable on this machine, per kind; the first of each list is the default.

    Probed once per server process. ``lexical`` and ``none`` need no model; ``auto`` uses a model
    that is already on this machine and otherwise falls back, saying so above the report. Models
    load once per process (``xlate.models``), so every check after the first reuses them.
    """
    from importlib.util import find_spec

    ml = find_spec("torch") is not None and find_spec("transformers") is not None
    return {"embedder": ["lexical", "auto"] if ml else ["lexical"],
            "translator": ["none", "auto"] if ml else ["none"]}


@st.cache_data(show_spinner="Comparing the two versions…", max_entries=64)
def run_check(source: str, target: str, config: Config) -> Report:
    """``xlate.check``, cached by texts and settings: a rerun for a filter never recomputes."""
    return xlate.check(source, target, config=config)


@lru_cache(maxsize=1)
def seed_pairs() -> dict[str, dict[str, Any]]:
    """Sample pairs shipped in ``seeds/``: name → expected.json (langs and description)."""
    pairs = {}
    for d in sorted(SEEDS.iterdir()) if SEEDS.is_dir() else []:
        if all((d / f).is_file() for f in ("source.txt", "target.txt", "expected.json")):
            pairs[d.name] = json.loads((d / "expected.json").read_text(encoding="utf-8"))
    return pairs


def read_upload(data: bytes, name: str) -> str:
    """Text of an uploaded .txt/.md file; other names, binary, non-UTF-8 and empty files raise InputError."""
    if Path(name).suffix.lower().lstrip(".") not in TEXT_TYPES:
        raise InputError(f"{name}: upload a plain-text file ({', '.join('.' + t for t in TEXT_TYPES)})")
    return decode_text(data, name)


def lang_arg(choice: str | None, fallback: str | None = None) -> str | None:
    """A language picker's value as an ``xlate.check`` argument (None: auto-detect)."""
    return fallback if not choice or choice == AUTO else choice.strip()


def sidebar() -> dict[str, Any]:
    """Input mode, languages and backends; returns the choices."""
    sb = st.sidebar
    sb.header("Input")
    mode = sb.radio("Compare", MODES, key="mode", label_visibility="collapsed")
    opts: dict[str, Any] = {"mode": mode}
    if mode == "Open saved report":
        sb.caption("A saved report is shown as it was computed; languages, backends and term list come from "
                   "the report. Terms added here apply when the texts are checked again.")
        return opts
    if mode == "Sample pair":
        pairs = seed_pairs()
        names = list(pairs)
        opts["seed"] = sb.selectbox("Sample pair", names, key="seed",
                                    index=names.index(DEFAULT_SEED) if DEFAULT_SEED in names else 0)
        if opts["seed"] in pairs:
            sb.expander("What was changed in this pair?").write(pairs[opts["seed"]].get("description", ""))
    sb.header("Languages")
    langs = [AUTO, *known_languages()]
    opts["src_lang"] = sb.selectbox("Source language", langs, key="src_lang", accept_new_options=True,
                                    help="Pick or type an ISO 639-1 code; auto-detect guesses from the text.")
    opts["tgt_lang"] = sb.selectbox("Target language", langs, key="tgt_lang", accept_new_options=True)
    sb.header("Backends")
    backends = available_backends()
    opts["embedder"] = sb.selectbox("Sentence embeddings", backends["embedder"], key="embedder",
                                    help="auto uses LaBSE if it is on this machine, else the lexical aligner.")
    opts["translator"] = sb.selectbox("Machine translation", backends["translator"], key="translator",
                                      help="auto uses a translation model already on this machine "
                                           "(Marian/NLLB/M2M100), else none.")
    return opts


def get_report(opts: dict[str, Any]) -> Report | None:
    """Build or load the report for the chosen input; None (after a message) when there is none yet."""
    mode = opts["mode"]
    if mode == "Open saved report":
        up = st.file_uploader("Saved xlate report (JSON, from the CLI or the download button)", type=["json"],
                              key="report_file")
        if up is None:
            st.info("Open a JSON report to view it without recomputing.")
            return None
        return load_report(up.getvalue(), up.name)
    src_lang, tgt_lang = lang_arg(opts["src_lang"]), lang_arg(opts["tgt_lang"])
    if mode == "Sample pair":
        meta = seed_pairs().get(opts["seed"])
        if meta is None:
            st.info("No sample pairs found in seeds/; paste or upload two texts instead.")
            return None
        d = SEEDS / opts["seed"]
        source, target = (d / "source.txt").read_text("utf-8"), (d / "target.txt").read_text("utf-8")
        src_lang, tgt_lang = lang_arg(opts["src_lang"], meta.get("src_lang")), lang_arg(
            opts["tgt_lang"], meta.get("tgt_lang"))
    elif mode == "Paste text":
        with st.form("paste"):
            left, right = st.columns(2)
            left.text_area("Source text", key="src_text", height=220, placeholder="Paste the original story…")
            right.text_area("Target text", key="tgt_text", height=220, placeholder="Paste the other version…")
            submitted = st.form_submit_button("Compare", type="primary", key="compare")
        source, target = st.session_state.get("src_text", ""), st.session_state.get("tgt_text", "")
        if not submitted and not (source.strip() or target.strip()):
            st.info("Paste both versions of the story and press Compare.")
            return None
    else:
        left, right = st.columns(2)
        ups = (left.file_uploader("Source file", type=TEXT_TYPES, key="src_file"),
               right.file_uploader("Target file", type=TEXT_TYPES, key="tgt_file"))
        if None in ups:
            st.info("Upload both versions as UTF-8 text files (.txt or .md).")
            return None
        source, target = (read_upload(u.getvalue(), u.name) for u in ups)
    config = Config(src_lang=src_lang, tgt_lang=tgt_lang, embedder=opts.get("embedder", "lexical"),
                    translator=opts.get("translator", "none"), terms=opts.get("terms"))
    return run_check(source, target, config)


def summary(report: Report) -> None:
    """Languages and downloads, then score, findings, alignment confidence and the colour legend."""
    s, c = report.summary, report.config
    sev, al = s["findings_by_severity"], s["alignment"]
    detected = [side for side, key in (("source", "src_lang_detected"), ("target", "tgt_lang_detected")) if c.get(key)]
    stem = f"xlate_{c['src_lang']}-{c['tgt_lang']}"
    top = st.container(horizontal=True, vertical_alignment="bottom")
    top.subheader(f"{c['src_lang']} → {c['tgt_lang']}", anchor=False)
    for fmt, render, mime in (("JSON", to_json, "application/json"), ("HTML", html.to_html, "text/html"),
                              ("TSV", to_tsv, "text/tab-separated-values")):
        top.download_button(fmt, render(report), file_name=f"{stem}.{fmt.lower()}", mime=mime, key=f"dl_{fmt}",
                            on_click="ignore", icon=":material/download:", help=f"Download the full report as {fmt}")
    st.caption(f"{s['sentences']['source']} source and {s['sentences']['target']} target sentences · "
               f"aligner {c.get('aligner', '?')} · machine translation {c.get('translator', 'none')}"
               + (f" · language auto-detected for the {' and '.join(detected)}" if detected else ""))
    for notice in c.get("notices", []):
        st.info(notice, icon=":material/info:")
    cols = st.columns(4)
    cols[0].metric("Consistency score", f"{s['consistency_score']:.1f} / 100",
                   help="100 minus severity-weighted findings per aligned bead ("
                   + ", ".join(f"{x} {x.weight:g}" for x in reversed(SEVERITIES)) + ").")
    cols[1].metric("Findings", s["findings"], help=", ".join(f"{sev[x.value]} {x.value}" for x in reversed(SEVERITIES)))
    cols[2].metric("Mean alignment score", f"{al['mean_score']:.2f}",
                   help="Mean confidence of the sentence pairs (0–1).")
    cols[3].metric("Low-confidence beads", f"{al['low_confidence']} of {al['beads']}",
                   help=f"Sentence pairs scored below {LOW_CONFIDENCE}; check these by eye.")
    st.html(html.legend_html(report))


def filters(report: Report) -> tuple[Report, list[str], list[str]]:
    """The type, severity and review filters. Returns the report narrowed to the chosen review
    statuses, with the types and severities chosen."""
    by_type, by_sev = report.summary["findings_by_type"], report.summary["findings_by_severity"]
    present = [t for t in FINDING_TYPES if by_type.get(t)] + [t for t in by_type if t not in FINDING_TYPES]
    left, mid, right = st.columns([4, 2, 3])
    types = left.pills("Filter by type", present, selection_mode="multi", default=present,
                       key="types:" + ",".join(present),  # a new set of types starts unfiltered
                       format_func=lambda t: f"{t} {by_type[t]}", wrap=True)
    levels = [x.value for x in reversed(SEVERITIES)]  # highest first
    # Low findings are mostly noise (their measured precision is under 70%): shown on request.
    sevs = mid.pills("Filter by severity", levels, selection_mode="multi", default=levels[:2],
                     key="sevs", format_func=lambda x: f"{x} {by_sev.get(x, 0)}", wrap=True)
    reviews = review.review_filter(report, right)
    return replace(report, findings=[f for f in report.findings if review.status(f) in reviews]), types, sevs


def beads(report: Report, types: list[str], sevs: list[str]) -> None:
    """The bead table (one HTML block, paged for long stories); dismissed findings shown are dimmed."""
    row = st.container(horizontal=True, gap="large", vertical_alignment="center")
    only = row.toggle("Only rows with findings", key="only_findings")
    has_mt = bool(report.translations)
    gloss = row.toggle("Show machine translation", value=has_mt, key="show_mt" if has_mt else "no_mt",
                       disabled=not has_mt,
                       help="Glosses appear under each sentence when a translator ran." if has_mt
                       else "No translator ran for this report.")
    rows = html.bead_rows(report, set(types), set(sevs), only)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = 1
    if pages > 1:
        page = row.number_input(f"Page (of {pages}, {PAGE_SIZE} beads each)", 1, pages, 1, width=200,
                                key=f"page_of_{pages}")  # a new page count starts at page 1
    shown = rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    st.caption(f"{len(rows)} of {len(report.alignment)} beads shown"
               + (f" (page {page} of {pages})" if pages > 1 else "")
               + ". Hover a highlight for its explanation; each finding is listed under its row.")
    st.html(review.dismissed_css(shown) + html.beads_html(report, shown, show_gloss=bool(gloss)))


def findings_view(report: Report, store: ReviewStore | None, terms: review.Terms | None = None) -> None:
    """Filters, then two tabs: the side-by-side table and the list of findings to review."""
    view, types, sevs = filters(report)
    side, decide = st.tabs(["Side by side", "Review findings"], key="view")
    with side:
        beads(view, types, sevs)
    with decide:
        review.review_list(report, store, [f for f in view.findings if f.type in types and f.severity in sevs],
                           terms)
    st.caption(f"signature `{report.config.get('signature', '?')}` · xlate {report.xlate_version}")


def main() -> None:
    st.set_page_config(page_title="xlate: where two versions of a story disagree", page_icon="🔎", layout="wide")
    st.title("xlate")
    st.markdown("Compares two language versions of one news story sentence by sentence and shows where they "
                "disagree: numbers, quotes, hedges, attribution, negation, names, dropped or added sentences.")
    opts = sidebar()
    store_path = review.sidebar()
    terms = review.load_terms(review.terms_sidebar(store_path))  # a bad file: one error line, no terms
    opts["terms"] = terms.terms
    try:
        report = get_report(opts)
    except XlateError as e:
        st.error(str(e), icon="⚠️")
        return
    if report is not None:
        store = review.attach_store(report, store_path)  # before the downloads, which carry the decisions
        summary(report)
        findings_view(report, store, terms)


if __name__ == "__main__":  # streamlit runs this file as __main__; tests import its helpers
    main()
