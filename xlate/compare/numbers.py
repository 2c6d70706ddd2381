"""Numbers: digits and number words with their scale, currency and unit, compared by value.

"1,5 mil." (sk), "1.5 million" (en) and "1,5 Millionen" (de) are all 1 500 000. Decimal and
grouping separators follow the language (1,5 vs 1.5; 1 000 and 1.000 group in most of Europe).
Months are compared too, so "28 November" → "October 28th" is caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlate.compare.base import Bead, Context, bead_confidence, span_of
from xlate.lexicons import Lexicon
from xlate.report.model import Finding, Sentence

DOT_DECIMAL = frozenset({"en", "zh", "ja", "ko", "he", "th", "ga", "mt", "ms", "hi"})

_NUM_RE = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d)(?:,\d+)?|\d+(?:[.,'’]\d+)*)"
)
_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY",
                     "kč": "CZK", "zł": "PLN", "usd": "USD", "eur": "EUR"}
_SHORT_SCALE = {"k": 3, "m": 6, "mn": 6, "bn": 9, "tn": 12}


@dataclass(frozen=True)
class Mention:
    value: float
    kind: str  # "number" | "month" | "scale" (a bare "million": matches only, never reported)
    start: int  # absolute offsets of the whole expression ("$50 million")
    end: int
    unit: str = ""  # "%", "USD", …
    is_word: bool = False  # written as a word ("two"): weaker evidence when unmatched

    def label(self) -> str:
        if self.kind == "month":
            return f"month {int(self.value)}"
        v = self.value
        for exp, word in ((12, "trillion"), (9, "billion"), (6, "million")):
            if abs(v) >= 10**exp and v % 10 ** (exp - 3) == 0:
                return f"{_fmt(v / 10**exp)} {word}{(' ' + self.unit) if self.unit else ''}"
        return _fmt(v) + (self.unit if self.unit == "%" else (" " + self.unit if self.unit else ""))


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def parse_number(s: str, lang: str) -> float:
    """Value of a digit string under ``lang``'s separator conventions."""
    s = re.sub(r"[\u00a0\u202f\u2009 '’]", "", s)
    dot_decimal = lang in DOT_DECIMAL
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        grp = "," if dec == "." else "."
        s = s.replace(grp, "").replace(dec, ".")
        return float(s)
    for sep in ".,":
        if sep in s:
            parts = s.split(sep)
            grouping = len(parts) > 2 or (
                len(parts[1]) == 3 and (sep == "," if dot_decimal else sep == ".")
            )
            s = "".join(parts) if grouping else parts[0] + "." + parts[1]
            return float(s)
    return float(s)


def _concept_value(concept: str, prefix: str) -> int | None:
    return int(concept[len(prefix):]) if concept.startswith(prefix) else None


def extract(sent: Sentence, lang: str, lex: Lexicon) -> list[Mention]:
    """Number and month mentions of one sentence, offsets absolute."""
    text = sent.text
    concepts = lex.find(text)
    after: dict[int, list] = {}
    for m in concepts:
        after.setdefault(m.start, []).append(m)
    out: list[Mention] = []
    used_words: set[int] = set()

    def scale_and_unit(end: int) -> tuple[int, str, int]:
        """Scale exponent, unit and new end from the words right after a number."""
        exp, unit = 0, ""
        rest = text[end:]
        m = re.match(r"\s?(%|‰)", rest)
        if m:
            return 0, "%", end + m.end()
        m = re.match(r"\s?(k|m|mn|bn|tn)\b", rest, re.IGNORECASE)
        if m and not re.match(r"\s?m\b\s*[a-z]", rest):  # "50m" but not "5 m long"
            exp, end = _SHORT_SCALE[m.group(1).lower()], end + m.end()
            rest = text[end:]
        for _ in range(3):
            ws = len(rest) - len(rest.lstrip())
            pos = end + ws
            nxt = after.get(pos, [])
            hit = False
            for c in nxt:
                e = _concept_value(c.concept, "SCALE_")
                if e is not None and exp == 0:
                    exp, end, hit = e, c.end, True
                elif c.concept == "PERCENT" and not unit:
                    unit, end, hit = "%", c.end, True
                elif c.concept.startswith("CUR_") and not unit:
                    unit, end, hit = c.concept[4:], c.end, True
                if hit:
                    used_words.add(c.start)
                    break
            if not hit:
                sym = re.match(r"\s?(\$|€|£|₽|₴|¥|Kč|zł|USD|EUR)(?!\w)", text[end:])
                if sym and not unit:
                    unit, end = _CURRENCY_SYMBOLS[sym.group(1).lower()], end + sym.end()
                    hit = True
            if not hit:
                break
            rest = text[end:]
        return exp, unit, end

    for m in _NUM_RE.finditer(text):
        start, end = m.start(), m.end()
        try:
            value = parse_number(m.group(), lang)
        except ValueError:
            continue
        exp, unit, end = scale_and_unit(end)
        pre = re.search(r"(\$|€|£|₽|₴|¥|USD|EUR)\s?$", text[:start])
        if pre and not unit:
            unit, start = _CURRENCY_SYMBOLS[pre.group(1).lower()], pre.start()
        out.append(Mention(value * 10**exp, "number", sent.start + start, sent.start + end, unit))

    for c in concepts:
        if c.start in used_words:
            continue
        month = _concept_value(c.concept, "MONTH_")
        if month is not None:
            out.append(Mention(month, "month", sent.start + c.start, sent.start + c.end))
            continue
        bare_scale = _concept_value(c.concept, "SCALE_")
        if bare_scale is not None:
            # "milion korun", "a million": only ever used to match a "1 million" on the other side.
            out.append(Mention(10.0**bare_scale, "scale", sent.start + c.start, sent.start + c.end))
            continue
        n = _concept_value(c.concept, "NUM_")
        if n is None:
            continue
        exp, unit, end = scale_and_unit(c.end)
        out.append(Mention(n * 10**exp, "number", sent.start + c.start, sent.start + end, unit,
                           is_word=True))
    return _merge_compound_words(sorted(out, key=lambda x: x.start), text, sent.start)


def _merge_compound_words(ms: list[Mention], text: str, base: int) -> list[Mention]:
    """'twenty one' → 21: a word tens followed by a word unit."""
    out: list[Mention] = []
    for m in ms:
        if (out and m.is_word and out[-1].is_word and out[-1].value % 10 == 0
                and 20 <= out[-1].value < 100 and m.value < 10
                and text[out[-1].end - base:m.start - base].strip(" -") == ""):
            prev = out.pop()
            m = Mention(prev.value + m.value, "number", prev.start, m.end, m.unit, True)
        out.append(m)
    return out


def _same(a: Mention, b: Mention) -> bool:
    # A bare scale word ("milion korun") answers "1 million" and another bare scale word.
    if a.kind != b.kind and {a.kind, b.kind} != {"scale", "number"}:
        return False
    return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))


class NumberChecker:
    name = "numbers"

    def check(self, ctx: Context) -> list[Finding]:
        cache: dict[tuple[str, int], list[Mention]] = {}

        def mentions(side: str, sents: list[Sentence]) -> list[Mention]:
            out = []
            for s in sents:
                key = (side, s.id)
                if key not in cache:
                    cache[key] = extract(s, ctx.lang(side), ctx.lexicon(side))
                out.extend(cache[key])
            return out

        left: dict[int, tuple[list[Mention], list[Mention]]] = {}
        for bead in ctx.beads:
            if not bead.src or not bead.tgt:
                continue  # whole-sentence omissions are reported by the omission check
            left[bead.index] = _unmatched(mentions("src", bead.src), mentions("tgt", bead.tgt))
        findings: list[Finding] = []
        for k, (left_s, left_t) in left.items():
            # A number that moved to a neighbouring sentence shows up there as a leftover on the
            # other side; one the neighbour matched already has not moved ("60 million" in a
            # headline and again in the lead).
            near = [left[j] for j in (k - 1, k + 1) if j in left]
            pool_t = [m for _, t in near for m in t]
            pool_s = [m for s, _ in near for m in s]
            left_s = [m for m in left_s if not _take(pool_t, m)]
            left_t = [m for m in left_t if not _take(pool_s, m)]
            if left_s or left_t:
                findings.extend(self._report(ctx, ctx.beads[k], left_s, left_t))
        return findings

    def _report(self, ctx: Context, bead: Bead, left_s: list[Mention],
                left_t: list[Mention]) -> list[Finding]:
        out: list[Finding] = []
        for kind in ("number", "month"):
            s_k = [m for m in left_s if m.kind == kind]
            t_k = [m for m in left_t if m.kind == kind]
            while s_k and t_k:
                a = s_k.pop(0)
                b = min(t_k, key=lambda m: abs(m.value - a.value) / max(1.0, abs(a.value)))
                t_k.remove(b)
                ratio = b.value / a.value if a.value else 0
                why = (f"scale changed: {a.label()} in the source, {b.label()} in the target"
                       if ratio and round(abs(ratio)) in (1000, 1000000) or
                       (ratio and round(1 / abs(ratio)) in (1000, 1000000))
                       else f"{'date' if kind == 'month' else 'number'} changed: "
                            f"{a.label()} in the source, {b.label()} in the target")
                out.append(Finding("number", "altered", "high", bead.src_ids, bead.tgt_ids,
                                   span_of(ctx.src_text, a.start, a.end),
                                   span_of(ctx.tgt_text, b.start, b.end), why,
                                   bead_confidence(0.9, bead)))
            for m in s_k:
                if m.is_word and m.value < 10:
                    continue  # "one", "a couple": too often a pronoun or article
                out.append(Finding(
                    "number", "dropped", _severity(m), bead.src_ids, bead.tgt_ids,
                    span_of(ctx.src_text, m.start, m.end), None,
                    f"{m.label()} in the source has no counterpart in the target",
                    bead_confidence(0.8, bead)))
            for m in t_k:
                if m.is_word and m.value < 10:
                    continue
                out.append(Finding(
                    "number", "added", _severity(m), bead.src_ids, bead.tgt_ids,
                    None, span_of(ctx.tgt_text, m.start, m.end),
                    f"{m.label()} in the target has no counterpart in the source",
                    bead_confidence(0.8, bead)))
        return out


def _severity(m: Mention) -> str:
    return "medium" if m.kind == "number" and (m.value >= 10 or m.unit) else "low"


def _unmatched(src: list[Mention], tgt: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    left_t = list(tgt)
    left_s = []
    for m in src:
        hit = next((t for t in left_t if _same(m, t)), None)
        if hit is None:
            left_s.append(m)
        else:
            left_t.remove(hit)
    return left_s, left_t


def _take(pool: list[Mention], m: Mention) -> bool:
    for i, x in enumerate(pool):
        if _same(m, x):
            del pool[i]
            return True
    return False


__all__ = ["NumberChecker", "extract", "parse_number", "Mention"]
