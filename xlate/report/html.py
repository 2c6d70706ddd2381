"""The one HTML renderer: the bead table, its legend, and the self-contained page around them.

The Streamlit app draws :func:`beads_html` and :func:`legend_html`; :func:`to_html` wraps the same
pieces in a page for ``--format html`` and the app's download, so both show the same thing.
Everything here reads a finished ``Report``; nothing checks or recomputes. The bead table is one
HTML string (not one widget per row), so a story with hundreds of sentences stays quick to redraw.
Highlights are placed by character offset (never by searching the text again), so a repeated word
is marked where the finding is, not where it first occurs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from html import escape

from xlate.report.model import FINDING_TYPES, LOW_CONFIDENCE, SEVERITIES, Finding, Link, Report, Sentence

TYPE_COLOURS = {
    "number": "#ffd166", "quote": "#c3aed6", "hedge": "#f4a261", "attribution": "#90caf9",
    "negation": "#ef9a9a", "entity": "#a5d6a7", "omission": "#e0e0e0", "addition": "#e0e0e0",
}

SEVERITY_COLOURS = {"high": "#cf222e", "medium": "#bf8700", "low": "#0969da"}

CSS = """<style>
.xl{font:15px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328}
.xl table.beads{border-collapse:separate;border-spacing:0;width:100%;table-layout:fixed;
  border:1px solid #d0d7de;border-radius:6px}
.xl thead th{background:#f6f8fa;text-align:left;font-size:12px;font-weight:600;
  letter-spacing:.04em;text-transform:uppercase;color:#57606a;padding:8px 14px;border-bottom:1px solid #d0d7de}
.xl td{vertical-align:top;padding:10px 14px;border-bottom:1px solid #eaeef2}
.xl tr.notes td{padding-top:0;border-bottom:1px solid #d0d7de}
.xl tr.bead.hit td{border-bottom:none}
.xl td.meta{font-size:12px;color:#57606a;font-variant-numeric:tabular-nums;border-left:4px solid transparent}
.xl tr.sev-high td.meta{border-left-color:#cf222e}.xl tr.sev-medium td.meta{border-left-color:#bf8700}
.xl tr.sev-low td.meta{border-left-color:#0969da}
.xl td.meta b{color:#1f2328;font-size:13px}
.xl .conf{display:block;height:4px;border-radius:2px;background:#eaeef2;margin-top:3px;width:44px}
.xl .conf i{display:block;height:4px;border-radius:2px;background:#2da44e}
.xl .conf.low i{background:#d4a72c}
.xl .lowtag{color:#9a6700;font-weight:600}
.xl td.empty{background:repeating-linear-gradient(45deg,#fbfbfc,#fbfbfc 6px,#f1f3f5 6px,#f1f3f5 12px);
  color:#6e7781;font-style:italic;font-size:14px}
.xl td.empty.furniture{background:#fbfbfc;font-size:13px}
.xl .sent{margin:0 0 4px}
.xl .sid{color:#8c959f;font-size:11px;margin-right:6px;font-variant-numeric:tabular-nums}
.xl .furn{color:#8c959f}
.xl .tag{font-size:11px;border:1px solid #d0d7de;border-radius:8px;padding:0 6px;margin-left:6px;font-style:normal}
.xl .gloss{color:#6e7781;font-size:13px;font-style:italic;margin:0 0 6px 18px;padding-left:8px;
  border-left:2px solid #d0d7de}
.xl mark{color:inherit;padding:1px 2px;border-radius:3px;cursor:help}
.xl mark.gap{background:transparent!important;border:1px dashed;font-size:12px;padding:0 5px;font-style:normal;
  white-space:nowrap}
.xl ul.fl{list-style:none;margin:0;padding:0;font-size:13px;color:#424a53}
.xl ul.fl li{margin:2px 0}
.xl .chip{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-right:4px;color:#1f2328}
.xl .chip.zero{opacity:.45}
.xl .sev{font-weight:600;font-size:12px;margin-right:4px}
.xl .fid{color:#8c959f;font-size:12px;margin-right:4px;font-variant-numeric:tabular-nums}
.xl .legend{display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;font-size:13px;color:#57606a}
.xl .legend .group{display:flex;flex-wrap:wrap;gap:4px;align-items:center}
.xl .legend .label{font-weight:600;margin-right:4px}
.xl .none{padding:24px;text-align:center;color:#57606a}
</style>"""


@dataclass(frozen=True)
class Row:
    """One alignment bead to draw, with the findings (after filtering) that touch it."""

    index: int
    link: Link
    findings: tuple[Finding, ...]


def bead_rows(report: Report, types: Collection[str] | None = None, severities: Collection[str] | None = None,
              only_findings: bool = False) -> list[Row]:
    """The beads to show; ``types``/``severities`` keep only those findings (None keeps all)."""
    bead_of_src = {i: k for k, link in enumerate(report.alignment) for i in link.src}
    bead_of_tgt = {j: k for k, link in enumerate(report.alignment) for j in link.tgt}
    by_bead: dict[int, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if (types is not None and f.type not in types) or (severities is not None and f.severity not in severities):
            continue
        beads = {bead_of_src[i] for i in f.src if i in bead_of_src}
        beads |= {bead_of_tgt[j] for j in f.tgt if j in bead_of_tgt}
        for k in sorted(beads):
            by_bead[k].append(f)
    rows = [Row(k, link, tuple(by_bead.get(k, ()))) for k, link in enumerate(report.alignment)]
    return [r for r in rows if r.findings] if only_findings else rows


def _mark_open(f: Finding, gap: bool = False) -> str:
    colour = TYPE_COLOURS.get(f.type, "#e0e0e0")
    style = (f"border-color:{SEVERITY_COLOURS.get(f.severity, '#57606a')}" if gap
             else f"background:{colour};box-shadow:inset 0 -2px 0 {SEVERITY_COLOURS.get(f.severity, '#57606a')}")
    title = f"{f.id} · {f.type} {f.change} ({f.severity}): {f.explanation}"
    cls = f"f-{escape(f.type)} sev-{escape(f.severity)}" + (" gap" if gap else "")
    return f'<mark class="{cls}" style="{style}" data-finding="{escape(f.id)}" title="{escape(title)}">'


def _gap(f: Finding) -> str:
    """A marker on the side where a finding has no text: the hedge, quote or sentence is missing here."""
    return f"{_mark_open(f, gap=True)}∅ {escape(f.type)}</mark>"


def _moved_link(f: Finding, side: str) -> str:
    """In the empty cell where a moved sentence used to stand (or would stand), a link to where it is."""
    ids = f.ids(side)  # the moved sentence's id on this side, shown in another row
    label = "source" if side == "src" else "target"
    target = f"{side}-s{ids[0]}" if ids else ""
    return (f'{_mark_open(f, gap=True)}<a href="#{target}">↪ {label} sentence {ids[0] if ids else "?"}</a></mark>')


def _marked(text: str, lo: int, hi: int, spans: list[tuple[int, int, Finding]]) -> str:
    """``text[lo:hi]`` with spans wrapped in <mark>; nested spans nest, crossing ones are clipped."""
    out, pos, i = [], lo, 0
    while i < len(spans):
        start, end, f = spans[i]
        start, end = max(start, pos), min(end, hi)
        j = i + 1
        inner = []
        while j < len(spans) and spans[j][0] < end:
            inner.append((spans[j][0], min(spans[j][1], end), spans[j][2]))
            j += 1
        if start < end:
            out.append(escape(text[pos:start]))
            out.append(_mark_open(f) + _marked(text, start, end, inner) + "</mark>")
            pos = end
        i = j
    out.append(escape(text[pos:hi]))
    return "".join(out)


def _cell(sents: list[Sentence], text: str, findings: Iterable[Finding], side: str, furniture: set[int],
          gloss: list[str] | None, empty: str = "") -> str:
    findings = list(findings)
    if not sents:
        gaps = " ".join(_moved_link(f, side) if f.change == "moved" else _gap(f) for f in findings)
        what = "no source sentence: added in the target" if side == "src" else "no target sentence: omitted"
        if any(f.change == "moved" for f in findings):
            what = "the sentence stands elsewhere in this version:"
        cls = "empty furniture" if empty else "empty"
        return f'<td class="{cls}">{empty or what} {gaps}</td>'
    parts = []
    for s in sents:
        spans, gaps = [], []
        for f in findings:
            span, ids = f.span(side), f.ids(side)
            if span is not None and s.start <= span.start < s.end:
                spans.append((span.start, span.end, f))
            elif span is None and ids and s.id == ids[0]:
                gaps.append(_gap(f))
        body = _marked(text, s.start, s.end, sorted(spans, key=lambda t: (t[0], -t[1])))
        if s.id in furniture:
            body = (f'<span class="furn">{body}</span>'
                    '<span class="tag" title="page furniture (byline, footer, links): not compared">furniture</span>')
        extra = (" " + " ".join(gaps)) if gaps else ""
        parts.append(f'<div class="sent" id="{side}-s{s.id}"><span class="sid">{s.id}</span>{body}{extra}</div>')
        if gloss is not None and s.id < len(gloss) and gloss[s.id]:
            parts.append(f'<div class="gloss" title="machine translation">{escape(gloss[s.id])}</div>')
    return "<td>" + "".join(parts) + "</td>"


def _meta(row: Row, furniture_only: bool) -> str:
    link = row.link
    head = f"<b>#{row.index + 1}</b><br>{len(link.src)}–{len(link.tgt)}"
    if furniture_only or not (link.src and link.tgt):
        return head
    low = link.score < LOW_CONFIDENCE
    width = max(2, round(44 * min(1.0, max(0.0, link.score))))
    tag = ' <span class="lowtag">low</span>' if low else ""
    return (f'{head}<br><span title="alignment confidence">{link.score:.2f}</span>{tag}'
            f'<span class="conf{" low" if low else ""}"><i style="width:{width}px"></i></span>')


def _note(f: Finding) -> str:
    quote = []
    for span in (f.src_span, f.tgt_span):
        t = span.text if span else ""
        quote.append(f"“{escape(t if len(t) <= 60 else t[:59] + '…')}”" if span else "∅")
    colour = TYPE_COLOURS.get(f.type, "#e0e0e0")
    # The confidence is rounded as the JSON keeps it, so that a saved report renders the same.
    return (f'<li><span class="fid">{escape(f.id)}</span>'
            f'<span class="sev" style="color:{SEVERITY_COLOURS.get(f.severity, "#57606a")}">{escape(f.severity)}</span>'
            f'<span class="fid" title="confidence: the share of findings like this one that were real differences '
            f'on development documents">{round(f.confidence, 3):.2f}</span>'
            f'<span class="chip" style="background:{colour}">{escape(f.type)} {escape(f.change)}</span> '
            f"{quote[0]} → {quote[1]} — {escape(f.explanation)}{_review_html(f)}</li>")


def _review_html(f: Finding) -> str:
    """A reviewer's decision, after the explanation: ``dismissed by ana: rounded figure``."""
    if not f.review:
        return ""
    from xlate.report.render import review_label

    colour = "#57606a" if f.review.get("status") == "dismissed" else "#1a7f37"
    return f' <span class="review" style="color:{colour}">[{escape(review_label(f))}]</span>'


def beads_html(report: Report, rows: list[Row], show_gloss: bool = True, css: bool = True) -> str:
    """The bead table as one HTML block: source left, target right, findings marked on both sides."""
    src_by_id = {s.id: s for s in report.source.sentences}
    tgt_by_id = {s.id: s for s in report.target.sentences}
    tr = report.translations or {}
    src_gloss = tr.get("source") if show_gloss else None
    tgt_gloss = tr.get("target") if show_gloss else None
    out = []
    for row in rows:
        link, fs = row.link, row.findings
        src = [src_by_id[i] for i in link.src]
        tgt = [tgt_by_id[j] for j in link.tgt]
        furniture_only = all(i in report.source.furniture for i in link.src) and all(
            j in report.target.furniture for j in link.tgt)
        cls = "bead" + (f" hit sev-{max(f.severity for f in fs)}" if fs else "")
        empty = "page furniture (menu, byline, footer) on the other side: not compared" if furniture_only else ""
        src_cell = _cell(src, report.source.text, fs, "src", report.source.furniture, src_gloss, empty)
        tgt_cell = _cell(tgt, report.target.text, fs, "tgt", report.target.furniture, tgt_gloss, empty)
        out.append(f'<tr class="{cls}" id="bead-{row.index}"><td class="meta">{_meta(row, furniture_only)}</td>'
                   f"{src_cell}{tgt_cell}</tr>")
        if fs:
            notes = "".join(_note(f) for f in fs)
            out.append(f'<tr class="notes"><td class="meta"></td><td colspan="2"><ul class="fl">{notes}</ul></td></tr>')
    c = report.config
    body = "".join(out) or '<tr><td colspan="3" class="none">No rows match the filters.</td></tr>'
    return (f'{CSS if css else ""}<div class="xl"><table class="beads"><colgroup><col style="width:76px"><col><col></colgroup>'
            f'<thead><tr><th>bead</th><th>source · {escape(str(c.get("src_lang", "?")))}</th>'
            f'<th>target · {escape(str(c.get("tgt_lang", "?")))}</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def legend_html(report: Report, css: bool = True) -> str:
    """Colour legend with a count per finding type, and the counts per severity."""
    s = report.summary
    by_type = s.get("findings_by_type", {})
    by_sev = s.get("findings_by_severity", {})
    types = list(FINDING_TYPES) + [t for t in by_type if t not in FINDING_TYPES]
    chips = "".join(
        f'<span class="chip{"" if by_type.get(t) else " zero"}" style="background:{TYPE_COLOURS.get(t, "#e0e0e0")}">'
        f"{escape(t)} <b>{by_type.get(t, 0)}</b></span>" for t in types)
    sev = "".join(
        f'<span class="sev" style="color:{SEVERITY_COLOURS[x]}">{by_sev.get(x.value, 0)} {x}</span>'
        for x in reversed(SEVERITIES))
    return (f'{CSS if css else ""}<div class="xl"><div class="legend"><div class="group"><span class="label">Severity</span>{sev}'
            f'</div><div class="group"><span class="label">Finding types</span>{chips}</div>'
            '<div class="group"><mark class="gap" style="border-color:#57606a">∅ type missing</mark>'
            "&nbsp;marks the side where the marked text has no counterpart</div></div></div>")


PAGE_CSS = """
body{margin:0;background:#fff}
header{padding:16px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
header h1{font-size:20px;margin:0 0 6px}
header .summary span{margin-right:16px}
header .score{font-weight:700;font-size:18px}
main{padding:16px 24px}
footer{padding:12px 24px;color:#57606a;font-size:12px;border-top:1px solid #d0d7de}
"""


def to_html(report: Report) -> str:
    """A self-contained page: summary, legend and the whole bead table with glosses."""
    s, c = report.summary, report.config
    sev = s["findings_by_severity"]
    pair = f"{escape(str(c['src_lang']))} → {escape(str(c['tgt_lang']))}"
    counts = ", ".join(f'<b style="color:{SEVERITY_COLOURS[x]}">{sev[x.value]} {x}</b>' for x in reversed(SEVERITIES))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>xlate report {pair}</title>
<style>{PAGE_CSS}</style>{CSS}</head><body class="xl">
<header><h1>xlate: {pair}</h1>
<div class="summary"><span class="score">consistency {s['consistency_score']:.1f}/100</span>
<span>{s['findings']} findings: {counts}</span>
<span>{s['alignment']['beads']} beads, mean alignment score {s['alignment']['mean_score']:.2f}</span></div>
{legend_html(report, css=False)}</header>
<main>{beads_html(report, bead_rows(report), css=False)}</main>
<footer>signature: <code>{escape(str(c['signature']))}</code> · xlate {escape(report.xlate_version)}</footer>
</body></html>
"""
