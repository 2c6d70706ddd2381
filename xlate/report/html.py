"""A self-contained HTML report: one row per bead, source left, target right, findings marked.

Highlights are placed by character offset (never by searching the text again), so a repeated
word is marked where the finding is, not where it first occurs.
"""

from __future__ import annotations

from html import escape

from xlate.report.model import FINDING_TYPES, Finding, Report, Sentence

TYPE_COLOURS = {
    "number": "#ffd166", "quote": "#c3aed6", "hedge": "#f4a261", "attribution": "#90caf9",
    "negation": "#ef9a9a", "entity": "#a5d6a7", "omission": "#e0e0e0", "addition": "#e0e0e0",
}

CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
h1{font-size:20px;margin:0 0 6px}
.summary span{margin-right:16px}
.score{font-weight:700;font-size:18px}
.legend{margin-top:8px}.legend mark{margin-right:6px;padding:1px 6px;border-radius:3px}
table.beads{border-collapse:collapse;width:100%;table-layout:fixed}
table.beads td{vertical-align:top;padding:8px 12px;border-bottom:1px solid #eaeef2}
td.meta{width:64px;color:#57606a;font-size:12px}
tr.has-findings td.meta{border-left:4px solid #cf222e}
td.empty{background:repeating-linear-gradient(45deg,#fafbfc,#fafbfc 6px,#f0f2f4 6px,#f0f2f4 12px);color:#8c959f;font-style:italic}
.sid{color:#8c959f;font-size:11px;margin-right:4px}
.furniture{color:#8c959f;text-decoration:line-through}
mark{padding:0 2px;border-radius:3px}
.findings{font-size:13px;color:#57606a;margin:4px 0 0;padding-left:18px}
.sev-high{color:#cf222e;font-weight:600}.sev-medium{color:#9a6700;font-weight:600}.sev-low{color:#0969da}
footer{padding:12px 24px;color:#57606a;font-size:12px;border-top:1px solid #d0d7de}
"""


def _marked(sent: Sentence, text: str, spans: list[tuple[int, int, Finding]]) -> str:
    """Sentence HTML with each finding span wrapped in <mark>; overlapping spans are clipped."""
    out = []
    pos = sent.start
    for start, end, f in sorted(spans, key=lambda t: (t[0], -t[1])):
        start, end = max(start, pos, sent.start), min(end, sent.end)
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        out.append(
            f'<mark class="f-{f.type}" style="background:{TYPE_COLOURS.get(f.type, "#eee")}" '
            f'data-finding="{f.id}" title="{escape(f.id + ": " + f.explanation)}">'
            f"{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:sent.end]))
    return "".join(out)


def _cell(sents: list[Sentence], text: str, findings: list[Finding], side: str,
          furniture: set[int]) -> str:
    if not sents:
        return '<td class="empty">no counterpart</td>'
    parts = []
    for s in sents:
        spans = []
        for f in findings:
            span = f.src_span if side == "src" else f.tgt_span
            if span and s.start <= span.start < s.end:
                spans.append((span.start, span.end, f))
            elif f.type in ("omission", "addition") and s.id in (f.src if side == "src" else f.tgt):
                spans.append((s.start, s.end, f))
        body = _marked(s, text, spans)
        cls = ' class="furniture" title="page furniture, not compared"' if s.id in furniture else ""
        parts.append(f'<span class="sid">{s.id}</span><span{cls}>{body}</span>')
    return "<td>" + " ".join(parts) + "</td>"


def to_html(report: Report) -> str:
    s = report.summary
    c = report.config
    src_by_id = {x.id: x for x in report.source.sentences}
    tgt_by_id = {x.id: x for x in report.target.sentences}
    legend = "".join(
        f'<mark style="background:{TYPE_COLOURS[t]}">{t} {s["findings_by_type"].get(t, 0)}</mark>'
        for t in FINDING_TYPES)
    rows = []
    for k, link in enumerate(report.alignment):
        fs = [f for f in report.findings if set(f.src) & set(link.src) or set(f.tgt) & set(link.tgt)]
        src = [src_by_id[i] for i in link.src]
        tgt = [tgt_by_id[j] for j in link.tgt]
        notes = "".join(
            f'<li><span class="sev-{f.severity}">{f.id} {f.severity}</span> {escape(f.type)} '
            f"{escape(f.change)}: {escape(f.explanation)}</li>" for f in fs)
        cls = ' class="has-findings"' if fs else ""
        rows.append(
            f'<tr{cls} id="bead-{k}"><td class="meta">#{k}<br>{len(link.src)}-{len(link.tgt)}'
            f"<br>{link.score:.2f}</td>"
            + _cell(src, report.source.text, fs, "src", report.source.furniture)
            + _cell(tgt, report.target.text, fs, "tgt", report.target.furniture)
            + "</tr>"
            + (f'<tr class="notes"><td></td><td colspan="2"><ul class="findings">{notes}</ul></td></tr>'
               if notes else ""))
    sev = s["findings_by_severity"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>xlate report {escape(c['src_lang'])}→{escape(c['tgt_lang'])}</title>
<style>{CSS}</style></head><body>
<header><h1>xlate: {escape(c['src_lang'])} → {escape(c['tgt_lang'])}</h1>
<div class="summary"><span class="score">consistency {s['consistency_score']:.1f}/100</span>
<span>{s['findings']} findings: <b class="sev-high">{sev['high']} high</b>, <b class="sev-medium">{sev['medium']} medium</b>, <b class="sev-low">{sev['low']} low</b></span>
<span>{s['alignment']['beads']} beads, mean alignment score {s['alignment']['mean_score']:.2f}</span></div>
<div class="legend">{legend}</div></header>
<table class="beads"><colgroup><col style="width:64px"><col><col></colgroup>
<thead><tr><th></th><th>source ({escape(c['src_lang'])})</th><th>target ({escape(c['tgt_lang'])})</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<footer>signature: <code>{escape(c['signature'])}</code></footer>
</body></html>
"""
