"""Numbers: digit and word mentions (``xlate.text.numbers``) compared by value, per bead.

"1,5 mil." (sk), "1.5 million" (en) and "1,5 Millionen" (de) are all 1 500 000, so they answer
each other. What is left over is a changed number when both sides have one (a changed scale is
explained as such), else dropped or added. Months are compared too, so "28 November" →
"October 28th" is caught.
"""

from __future__ import annotations

import re

from xlate.compare.base import CHANGE, SIDES, Bead, Context, Side, bead_finding, one_sided, other, without_moved
from xlate.report.model import Finding, Sentence, Severity
from xlate.text.numbers import HALF_DAY, Mention, compound_values, same_number


class NumberChecker:
    name = "numbers"

    def check(self, ctx: Context) -> list[Finding]:
        def mentions(side: Side, sents: list[Sentence]) -> list[Mention]:
            return [m for s in sents for m in ctx.number_mentions(side, s)]

        # One-sided beads are whole-sentence omissions: the omission check reports those.
        texts = (ctx.side("src").text, ctx.side("tgt").text)
        left = {bead.index: _unmatched(mentions("src", bead.src), mentions("tgt", bead.tgt), texts)
                for bead in ctx.beads if bead.src and bead.tgt}
        # A number that moved to a neighbouring sentence shows up there as a leftover on the
        # other side; one the neighbour matched already has not moved ("60 million" in a
        # headline and again in the lead).
        # Every mention of each side, to tell a number that moved further away from one that left.
        whole = {side: [(s.id, m) for s in ctx.side(side).sents for m in mentions(side, [s])] for side in SIDES}
        findings: list[Finding] = []
        for k, (left_s, left_t) in without_moved(ctx, left, same_number).items():
            if left_s or left_t:
                findings.extend(self._report(ctx, ctx.beads[k], left_s, left_t, whole))
        return findings

    def _report(self, ctx: Context, bead: Bead, left_s: list[Mention], left_t: list[Mention],
                whole: dict[Side, list[tuple[int, Mention]]]) -> list[Finding]:
        out: list[Finding] = []
        # A time whose edit made it an impossible time (3.30 Uhr → 3.80 Uhr) pairs with the number.
        for kinds in (("number", "time"), ("month",)):
            kind = kinds[0]
            s_k = [m for m in left_s if m.kind in kinds]
            t_k = [m for m in left_t if m.kind in kinds]
            while s_k and t_k:
                a = s_k.pop(0)
                b = min(t_k, key=lambda m: abs(m.value - a.value) / max(1.0, abs(a.value)))
                t_k.remove(b)
                out.append(_altered(ctx, bead, a, b, a.kind if a.kind == b.kind else kind))
            for side, rest in zip(SIDES, (s_k, t_k)):
                out.extend(_one_sided(ctx, bead, side, m, whole[other(side)]) for m in rest
                           if not (m.is_word and m.value < 10))  # "one", "a couple": a pronoun or article
        return out


def _altered(ctx: Context, bead: Bead, a: Mention, b: Mention, kind: str) -> Finding:
    ratio = b.value / a.value if a.value else 0
    why = (f"scale changed: {a.label()} in the source, {b.label()} in the target"
           if ratio and round(abs(ratio)) in (1000, 1000000) or
           (ratio and round(1 / abs(ratio)) in (1000, 1000000))
           else f"{ {'month': 'date', 'time': 'time'}.get(kind, 'number')} changed: "
                f"{a.label()} in the source, {b.label()} in the target")
    return bead_finding(bead, type="number", severity=Severity.HIGH, explanation=why,
                        confidence=bead.confidence(0.9), src_span=ctx.side("src").span(a.start, a.end),
                        tgt_span=ctx.side("tgt").span(b.start, b.end))


def _one_sided(ctx: Context, bead: Bead, side: Side, m: Mention, there: list[tuple[int, Mention]]) -> Finding:
    """A number only ``side`` has in this bead; one the other version states elsewhere moved (low)."""
    view, theirs = ctx.side(side), ctx.other(side)
    inside = set(bead.ids(other(side)))
    why = f"{m.label()} in the {view.label} has no counterpart in the {theirs.label}"
    written = view.text[m.start:m.end]
    if written.isdigit() and len(written) >= 2 and any(
            re.search(rf"(?<!\d){written}(?!\d)", s.text) for s in bead.sents(other(side))):
        # The same digits stand in the other sentence, read there as part of a name or code
        # ("Peaceful Rescue-2021", "F-16"): the number is there.
        return one_sided(side, type="number", severity=Severity.LOW, bead=bead, span=view.span(m.start, m.end),
                         explanation=f"{why} as a number, but its digits stand there as part of a name or code",
                         confidence=bead.confidence(0.2))
    if m.kind == "number" and not m.unit and m.value in compound_values(
            " ".join(s.text for s in bead.sents(other(side))), theirs.lex):
        # "18-year-old" for "osmnáctiletý": the other version glues the number into a word.
        return one_sided(side, type="number", severity=Severity.LOW, bead=bead, span=view.span(m.start, m.end),
                         explanation=f"{why} as a number, but it is there inside a compound word "
                                     f"(“osmnáctiletý” = 18-year-old)",
                         confidence=bead.confidence(0.2))
    moved = any(same_number(m, x) for sid, x in there if sid not in inside)
    if moved:
        why = f"{m.label()} in the {view.label} is not in the matching {theirs.label} sentence but stands " \
              f"elsewhere in the {theirs.label}: moved, not {CHANGE[side]}"
    return one_sided(side, type="number", severity=Severity.LOW if moved else _severity(m), bead=bead,
                     span=view.span(m.start, m.end), explanation=why, confidence=bead.confidence(0.4 if moved else 0.8))


def _severity(m: Mention) -> Severity:
    return Severity.MEDIUM if m.kind == "number" and (m.value >= 10 or m.unit) else Severity.LOW


def _unmatched(src: list[Mention], tgt: list[Mention], texts: tuple[str, str]) -> tuple[list[Mention], list[Mention]]:
    left_t = list(tgt)
    left_s = []
    for m in src:
        hit = next((t for t in left_t if same_number(m, t)), None)
        if hit is None:
            left_s.append(m)
        else:
            left_t.remove(hit)
    _clock_readings(left_s, texts[0], left_t)
    _clock_readings(left_t, texts[1], left_s)
    return left_s, left_t


def _clock_readings(left: list[Mention], text: str, theirs: list[Mention]) -> None:
    """A bare 19:45 is read as two numbers (it may be a score); where the other side's leftover is
    the time 19:45 or 7.45pm, the two numbers were that time: all three are matched (removed)."""
    for h, mm in zip(left, left[1:]):
        if not (h.kind == mm.kind == "number" and mm.start == h.end + 1 and text[h.end:mm.start] in (":", ".")
                and float(h.value).is_integer() and 0 <= h.value <= 24 and float(mm.value).is_integer()
                and 0 <= mm.value < 60):
            continue
        clock = (h.value * 60 + mm.value) % HALF_DAY
        t = next((t for t in theirs if t.kind == "time" and t.value % HALF_DAY == clock), None)
        if t is not None:
            theirs.remove(t)
            left.remove(h)
            left.remove(mm)
            _clock_readings(left, text, theirs)
            return
