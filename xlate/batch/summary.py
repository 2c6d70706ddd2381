"""A batch's overview: ``summary.json``, ``summary.md``, ``index.html`` and ``errors.jsonl``.

Built from the output folder alone, in manifest order, so an interrupted and resumed batch gives
the same overview as one that ran straight through. Pairs are listed worst first: lowest
consistency score, then most high and medium findings.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from xlate.batch.manifest import Pair
from xlate.batch.store import Store
from xlate.io import write_atomic

SEVERITY_ORDER = ("high", "medium", "low")


def pair_row(pair: Pair, store: Store, settings: str, input_sha: str | None,
             reviews: Any = None) -> dict[str, Any]:
    """One pair's line of the overview: its scores and counts, its error, or ``pending`` (no
    outcome yet for this input with these settings). With a review store, ``reviews`` says how
    many findings the desk confirmed or dismissed and what is left open."""
    base: dict[str, Any] = {"id": pair.id, "source": pair.source, "target": pair.target}
    report = store.finished(pair.id, input_sha, settings) if input_sha is not None else None
    if report is not None:
        s = report.get("summary", {})
        if reviews is not None:
            base["reviews"] = _reviewed(report, str(store.report_path(pair.id)), reviews)
        return {**base, "status": "ok",
                "src_lang": report.get("source", {}).get("lang"), "tgt_lang": report.get("target", {}).get("lang"),
                "consistency_score": s.get("consistency_score"),
                "findings": s.get("findings", 0),
                "findings_by_severity": s.get("findings_by_severity", {}),
                "findings_by_type": s.get("findings_by_type", {}),
                "sentences": s.get("sentences", {}),
                "signature": report.get("config", {}).get("signature"),
                "report": f"reports/{pair.id}.json",
                "html": f"reports/{pair.id}.html" if store.html and store.html_path(pair.id).is_file() else None}
    error = store.load_error(pair.id)
    if error is not None and error.get("input_sha256") == input_sha and error.get("settings") == settings:
        return {**base, "status": "failed", "error": error.get("error")}
    return {**base, "status": "pending"}


def _reviewed(saved: dict[str, Any], name: str, reviews: Any) -> dict[str, Any]:
    """The desk's decisions on one saved report: counts, the score without dismissed findings and
    the severities still standing (decisions live in the store, so a later one counts at once)."""
    from xlate.report.load import report_from_dict
    from xlate.review import apply_reviews, is_dismissed

    report = report_from_dict(saved, name)
    apply_reviews(report, reviews)
    standing = Counter(f.severity.value for f in report.findings if not is_dismissed(f))
    return {**report.summary["reviews"], "by_severity": {s: standing.get(s, 0) for s in SEVERITY_ORDER[::-1]}}


def standing(row: dict[str, Any]) -> tuple[float, dict[str, int]]:
    """A checked pair's score and findings by severity, less what reviewers dismissed."""
    if "reviews" in row:
        return row["reviews"]["consistency_score"], row["reviews"]["by_severity"]
    return row["consistency_score"], row["findings_by_severity"]


def _worst_first(row: dict[str, Any]) -> tuple[float, int, int, str]:
    score, sev = standing(row)
    return (score, -sev.get("high", 0), -sev.get("medium", 0), row["id"])


def summarize(rows: Sequence[dict[str, Any]], settings: str) -> dict[str, Any]:
    """The ``summary.json`` object: totals, then every pair worst first, then the failures."""
    from xlate import __version__

    ok = sorted((r for r in rows if r["status"] == "ok"), key=_worst_first)
    by_type: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    for r in ok:
        by_type.update(r["findings_by_type"])
        by_sev.update(r["findings_by_severity"])
    scores = [r["consistency_score"] for r in ok]
    return {
        "xlate_version": __version__, "settings": settings,
        "signatures": sorted({r["signature"] for r in ok if r.get("signature")}),
        "pairs": len(rows), "ok": len(ok),
        "failed": sum(r["status"] == "failed" for r in rows),
        "pending": sum(r["status"] == "pending" for r in rows),
        "findings": sum(r["findings"] for r in ok),
        "findings_by_severity": {s: by_sev.get(s, 0) for s in SEVERITY_ORDER[::-1]},
        "findings_by_type": dict(sorted(by_type.items())),
        "mean_consistency_score": round(sum(scores) / len(scores), 1) if scores else None,
        **({"dismissed": sum(r["reviews"]["dismissed"] for r in ok),
            "confirmed": sum(r["reviews"]["confirmed"] for r in ok)} if any("reviews" in r for r in ok) else {}),
        "rows": ok,
        "failures": [r for r in rows if r["status"] == "failed"],
        "pending_ids": [r["id"] for r in rows if r["status"] == "pending"],
    }


def write_overview(store: Store, summary: dict[str, Any]) -> None:
    """Write the four overview files (each atomically)."""
    root = store.root
    write_atomic(root / "errors.jsonl", "".join(
        json.dumps({"id": r["id"], "source": r["source"], "target": r["target"], "error": r["error"]},
                   ensure_ascii=False) + "\n" for r in summary["failures"]))
    write_atomic(root / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    write_atomic(root / "summary.md", to_markdown(summary))
    write_atomic(root / "index.html", to_html(summary))


def _counts(row: dict[str, Any]) -> str:
    return ", ".join(f"{t} {n}" for t, n in sorted(row["findings_by_type"].items(), key=lambda x: (-x[1], x[0])))


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(summary: dict[str, Any]) -> str:
    sev = summary["findings_by_severity"]
    lines = ["# xlate batch", "",
             f"{summary['pairs']} pairs: {summary['ok']} checked, {summary['failed']} failed, "
             f"{summary['pending']} pending. Findings: {summary['findings']} "
             f"(high {sev['high']}, medium {sev['medium']}, low {sev['low']}); mean consistency score "
             f"{summary['mean_consistency_score']}.", "",
             "| pair | languages | score | high | medium | low | findings by type | report |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |"]
    if "dismissed" in summary:
        lines[2] += (f" Reviewers dismissed {summary['dismissed']} and confirmed {summary['confirmed']}; "
                     "scores and severity counts below leave the dismissed out.")
    for r in summary["rows"]:
        score, s = standing(r)
        lines.append(f"| {_md(r['id'])} | {r['src_lang']}→{r['tgt_lang']} | {score} | "
                     f"{s.get('high', 0)} | {s.get('medium', 0)} | {s.get('low', 0)} | {_md(_counts(r))} | "
                     f"[{_md(r['report'])}]({r['report']}) |")
    if summary["failures"]:
        lines += ["", "## Failed pairs", "", "| pair | error |", "| --- | --- |"]
        lines += [f"| {_md(r['id'])} | {_md(r['error'])} |" for r in summary["failures"]]
    lines += ["", "Signatures: " + ("; ".join(f"`{s}`" for s in summary["signatures"]) or "none"), ""]
    return "\n".join(lines)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>xlate batch</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}} table{{border-collapse:collapse}}
th,td{{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}} td.n,th.n{{text-align:right}}
th{{cursor:pointer;user-select:none;background:#f4f4f4}} th:after{{content:" \\2195";color:#aaa}}
.high{{color:#b00020;font-weight:600}} .failed td{{color:#b00020}} code{{font-size:12px}}
</style></head><body>
<h1>xlate batch</h1>
<p>{headline}</p>
<table id="pairs"><thead><tr><th>pair</th><th>languages</th><th class="n">score</th><th class="n">high</th>
<th class="n">medium</th><th class="n">low</th><th>findings by type</th><th class="n">sentences</th></tr></thead>
<tbody>
{rows}
</tbody></table>
{failures}
<p><small>Signatures: {signatures}</small></p>
<script>
document.querySelectorAll("#pairs th").forEach((th, col) => th.addEventListener("click", () => {{
  const body = th.closest("table").tBodies[0], rows = Array.from(body.rows);
  const num = th.classList.contains("n"), dir = th.dataset.dir === "asc" ? -1 : 1;
  th.dataset.dir = dir === 1 ? "asc" : "desc";
  const key = r => num ? parseFloat(r.cells[col].dataset.v) : r.cells[col].textContent;
  rows.sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * dir);
  rows.forEach(r => body.appendChild(r));
}}));
</script></body></html>
"""


def to_html(summary: dict[str, Any]) -> str:
    """``index.html``: every checked pair worst first, sortable by any column, linked to its report."""
    e = html.escape
    rows = []
    for r in summary["rows"]:
        (score, s), n = standing(r), r["sentences"]
        link = r["html"] or r["report"]
        high = s.get("high", 0)
        rows.append(
            f'<tr><td><a href="{e(link)}">{e(r["id"])}</a></td><td>{e(str(r["src_lang"]))}→{e(str(r["tgt_lang"]))}</td>'
            f'<td class="n" data-v="{score}">{score}</td>'
            f'<td class="n{" high" if high else ""}" data-v="{high}">{high}</td>'
            f'<td class="n" data-v="{s.get("medium", 0)}">{s.get("medium", 0)}</td>'
            f'<td class="n" data-v="{s.get("low", 0)}">{s.get("low", 0)}</td><td>{e(_counts(r))}</td>'
            f'<td class="n" data-v="{n.get("source", 0)}">{n.get("source", 0)} / {n.get("target", 0)}</td></tr>')
    failures = ""
    if summary["failures"]:
        items = "".join(f'<tr class="failed"><td>{e(r["id"])}</td><td>{e(str(r["error"]))}</td></tr>'
                        for r in summary["failures"])
        failures = f"<h2>Failed pairs</h2><table><tr><th>pair</th><th>error</th></tr>{items}</table>"
    sev = summary["findings_by_severity"]
    headline = (f"{summary['pairs']} pairs: {summary['ok']} checked, {summary['failed']} failed, "
                f"{summary['pending']} pending. Findings: {summary['findings']} (high {sev['high']}, medium "
                f"{sev['medium']}, low {sev['low']}); mean consistency score {summary['mean_consistency_score']}.")
    if "dismissed" in summary:
        headline += (f" Reviewers dismissed {summary['dismissed']} and confirmed {summary['confirmed']}; "
                     "scores and severity counts below leave the dismissed out.")
    return _PAGE.format(headline=e(headline), rows="\n".join(rows), failures=failures,
                        signatures=e("; ".join(summary["signatures"]) or "none"))
