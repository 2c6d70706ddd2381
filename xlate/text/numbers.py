"""Number mentions: digits and number words with their scale, currency and unit, as values.

"1,5 mil." (sk), "1.5 million" (en) and "1,5 Millionen" (de) are all 1 500 000. Decimal and
grouping separators follow the language (1,5 vs 1.5; 1 000 and 1.000 group in most of Europe; the
dot-decimal languages are listed in ``lexicons/conventions.tsv``). Months are mentions too, so that
"28 November" → "October 28th" can be compared, and times of day, so that "21.30 Uhr", "21:30" and
"9:30 PM" are one time. Full-width digits (１２) read as digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from xlate.lexicons import Lexicon, Match
from xlate.lexicons.conventions import currency_symbols, dot_decimal, number_suffixes
from xlate.report.model import Sentence

# Not after a letter and a hyphen: COVID-19, F-16, Su-25 name things, they do not count them.
_NUM_RE = re.compile(
    r"(?<![\w.,])(?<![^\W\d_]-)(?:\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d)(?:,\d+)?|\d+(?:[.,'’]\d+)*)"
)
_SHORT_SCALE = {"k": 3, "m": 6, "mn": 6, "bn": 9, "tn": 12}
# Full-width digits (CJK text) read as ASCII, the ideographic comma as a pause (never a thousands
# separator: 3，5 is "3, 5"); one character for one, so offsets hold.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．：，、", "0123456789.:  ")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_MERIDIEM = r"(?:[ap]\.\s?m\.|[AaPp]\.?[Mm]\b\.?)"
_TIME_WORD = r"(?:Uhr|uhr|h\b|hod|hodin|godz|ч\b|час)"
# A time of day: 21:30 or 21.30 before a time word or a.m./p.m., or after "at", "um", "v"…;
# 10 h 30 / 21h30; 9 p.m. / 9 PM; 21 Uhr. A bare 16:32 is as often a score (16:32 in German is
# 16-32 in English), and a bare "3 h" a duration. Hours above 24 or minutes above 59 are not times.
_TIME_BEFORE = r"(?:\b(?:at|um|ab|bis|gegen|v|ve|o|od|do|à|alle|om|o godz\.|kl\.|в|о|у|до|с|от)\s)"
_TIME_RE = re.compile(
    r"(?<![\w.,:])(?P<h>[01]?\d|2[0-4])"
    r"(?:[:.](?P<m1>[0-5]\d)(?!\d)(?P<cue>(?=\s?(?:" + _TIME_WORD + "|" + _MERIDIEM + r")))?"
    r"|\s?h\s?(?P<m3>[0-5]\d)(?!\d)"
    r"|(?=\s?(?:" + _MERIDIEM + r"|Uhr\b)))(?:\s?(?P<ampm>" + _MERIDIEM + r"))?"
)
_TIME_CUE_BEFORE = re.compile(_TIME_BEFORE + r"$", re.IGNORECASE)
# 午後0時31分 (ja), 下午3点 (zh): an hour before 時/时/点, minutes before 分, the half of the day first.
_CJK_TIME_RE = re.compile(
    r"(?P<half>午前|午後|上午|下午|凌晨|晚上)?(?P<h>[01]?\d|2[0-4])[時时点點](?:(?P<m>[0-5]?\d)分)?")
_AFTERNOON = frozenset({"午後", "下午", "晚上"})
HALF_DAY = 12 * 60
# Chinese and Japanese numerals: 五千 = 5000, 两百 = 200, 三万 = 30,000.
_CJK_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CJK_UNIT = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CJK_NUMERAL_RE = re.compile("[" + "".join([*_CJK_DIGIT, *_CJK_UNIT, *_CJK_BIG]) + "]{2,}")


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
        if self.kind == "time":
            return f"time {int(self.value) // 60:02d}:{int(self.value) % 60:02d}"
        v = self.value
        for exp, word in ((12, "trillion"), (9, "billion"), (6, "million")):
            if abs(v) >= 10**exp and v % 10 ** (exp - 3) == 0:
                return f"{_fmt(v / 10**exp)} {word}{(' ' + self.unit) if self.unit else ''}"
        return _fmt(v) + (self.unit if self.unit == "%" else (" " + self.unit if self.unit else ""))


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def same_number(a: Mention, b: Mention) -> bool:
    """Do two mentions say the same value? A bare scale word ("milion korun") answers "1 million";
    times of day match on a 12-hour clock, since "at 9:30" may be either."""
    if {a.kind, b.kind} == {"time", "number"}:  # "um 5 Uhr" = "à 5 heures"
        t, n = (a, b) if a.kind == "time" else (b, a)
        return not n.unit and float(n.value).is_integer() and 0 <= n.value <= 24 and (
            t.value % HALF_DAY == (n.value * 60) % HALF_DAY)
    if a.kind != b.kind and {a.kind, b.kind} != {"scale", "number"}:
        return False
    if a.kind == "time":
        return a.value % HALF_DAY == b.value % HALF_DAY
    return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))


def parse_number(s: str, lang: str) -> float:
    """Value of a digit string under ``lang``'s separator conventions."""
    s = re.sub(r"[\u00a0\u202f\u2009 '’]", "", s)
    is_dot_decimal = dot_decimal(lang)
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        grp = "," if dec == "." else "."
        s = s.replace(grp, "").replace(dec, ".")
        return float(s)
    for sep in ".,":
        if sep in s:
            parts = s.split(sep)
            grouping = len(parts) > 2 or (
                len(parts[1]) == 3 and (sep == "," if is_dot_decimal else sep == ".")
            )
            s = "".join(parts) if grouping else parts[0] + "." + parts[1]
            return float(s)
    return float(s)


@lru_cache(maxsize=1)
def _currency() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """Symbol (lower case) -> ISO code, and the symbols that may follow or precede a number."""
    symbols = currency_symbols()
    code = {s.symbol.lower(): s.code for s in symbols}
    after = "|".join(re.escape(s.symbol) for s in symbols if s.after)
    before = "|".join(re.escape(s.symbol) for s in symbols if s.before)
    return code, re.compile(rf"\s?({after})(?!\w)"), re.compile(rf"({before})\s?$")


@lru_cache(maxsize=1)
def _symbol_reach() -> int:
    """How far before a number a currency symbol that precedes it can start: the longest symbol,
    a space, and a line break (``$`` also matches before a final one)."""
    return max((len(s.symbol) for s in currency_symbols()), default=0) + 2


_PERCENT_AFTER = re.compile(r"\s?(%|‰)")
_SCALE_AFTER = re.compile(r"\s?(k|m|mn|bn|tn)\b", re.IGNORECASE)
_METRES_AFTER = re.compile(r"\s?m\b\s*[a-z]")


def _concept_value(concept: str, prefix: str) -> int | None:
    return int(concept[len(prefix):]) if concept.startswith(prefix) else None


@dataclass
class _Suffixes:
    """What may follow a number in one sentence: scale words, units and currencies."""

    text: str
    after: dict[int, list[Match]]  # lexicon matches by start offset
    used: set[int] = field(default_factory=set)  # starts of words taken as some number's scale or unit

    def read(self, end: int, money: bool = False) -> tuple[int, str, int]:
        """Scale exponent, unit and new end from the words right after a number ending at ``end``;
        ``money``: a currency stands before it, so a bare "m" or "k" is a scale ($50m), not metres.

        The patterns are matched in place (none looks behind its start): copying the rest of the
        sentence for every number made one long sentence quadratic."""
        text = self.text
        exp, unit = 0, ""
        m = _PERCENT_AFTER.match(text, end)
        if m:
            return 0, "%", m.end()
        m = _SCALE_AFTER.match(text, end)
        if m and (money or len(m.group(1)) > 1) and not _METRES_AFTER.match(text, end):  # "$50m", not "5 m"
            exp, end = _SHORT_SCALE[m.group(1).lower()], m.end()
        for _ in range(3):
            pos = end
            while pos < len(text) and text[pos].isspace():
                pos += 1
            hit = False
            for c in self.after.get(pos, []):
                e = _concept_value(c.concept, "SCALE_")
                if e is not None and exp == 0:
                    exp, end, hit = e, c.end, True
                elif c.concept == "PERCENT" and not unit:
                    unit, end, hit = "%", c.end, True
                elif c.concept.startswith("CUR_") and not unit:
                    unit, end, hit = c.concept[4:], c.end, True
                if hit:
                    self.used.add(c.start)
                    break
            if not hit:
                code, symbol_after, _ = _currency()
                sym = symbol_after.match(text, end)
                if sym and not unit:
                    unit, end = code[sym.group(1).lower()], sym.end()
                    hit = True
            if not hit:
                break
        return exp, unit, end


def extract(sent: Sentence, lang: str, lex: Lexicon, concepts: list[Match] | None = None) -> list[Mention]:
    """Number and month mentions of one sentence, offsets absolute.

    ``concepts``: ``lex.find(sent.text)`` when the caller has it already (offsets relative to the
    sentence); finding them is most of the cost of a long document's number check."""
    if concepts is None:
        concepts = lex.find(sent.text)
    after: dict[int, list[Match]] = {}
    for m in concepts:
        after.setdefault(m.start, []).append(m)
    suffixes = _Suffixes(sent.text, after)
    # Digits first: a scale or currency word they take is not also a number word of its own.
    out = _digit_mentions(sent, lang, suffixes) + _word_mentions(sent, concepts, suffixes)
    return _merge_compound_words(sorted(out, key=lambda x: x.start), sent.text, sent.start)


def _cjk_times(text: str, base: int) -> tuple[list[Mention], list[tuple[int, int]]]:
    out, spans = [], []
    for m in _CJK_TIME_RE.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        if m.group("half") in _AFTERNOON and hour < 12:
            hour += 12
        out.append(Mention(float(hour * 60 + minute), "time", base + m.start(), base + m.end()))
        spans.append((m.start(), m.end()))
    return out, spans


def cjk_numeral(run: str) -> int | None:
    """The value of a run of Chinese/Japanese numerals (五千 = 5000, 三万五千 = 35000, 一万亿 = 10¹²),
    else None. Two digits in a row are not one number: 四五天 is "four or five days", 十四五 the
    14th Five-Year Plan."""
    total = section = digit = 0
    prev = ""
    for ch in run:
        if ch in _CJK_DIGIT:
            if prev in _CJK_DIGIT:
                return None
            digit = _CJK_DIGIT[ch]
        elif ch in _CJK_UNIT:
            section += (digit or 1) * _CJK_UNIT[ch]
            digit = 0
        elif prev in _CJK_BIG and not section and not digit:
            total *= _CJK_BIG[ch]  # 万亿: a myriad of 亿
        else:
            total += (section + digit) * _CJK_BIG[ch]
            section = digit = 0
        prev = ch
    value = total + section + digit
    return value or None


def _cjk_numeral_mentions(text: str, base: int) -> list[Mention]:
    """Numeral runs of two or more characters with a unit (十, 百, 千, 万…): 一个 (one, "a") is not."""
    out = []
    for m in _CJK_NUMERAL_RE.finditer(text):
        if not any(ch in _CJK_UNIT or ch in _CJK_BIG for ch in m.group()):
            continue
        value = cjk_numeral(m.group())
        if value is not None:
            out.append(Mention(float(value), "number", base + m.start(), base + m.end(), is_word=True))
    return out


def _time_mentions(text: str, base: int) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Times of day in ``text`` (minutes after midnight), and the stretches they cover."""
    out, spans = _cjk_times(text, base)
    for m in _TIME_RE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        if m.group("m1") and not (m.group("cue") is not None or m.group("ampm")
                                  or _TIME_CUE_BEFORE.search(text[max(0, m.start() - 12):m.start()])):
            continue  # 16:32 with nothing that says it is a time of day
        hour, minute = int(m.group("h")), int(m.group("m1") or m.group("m3") or 0)
        ampm = (m.group("ampm") or "").lower()
        if ampm and not 1 <= hour <= 12:
            continue
        if ampm.startswith("p") and hour != 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        out.append(Mention(float(hour * 60 + minute), "time", base + m.start(), base + m.end()))
        spans.append((m.start(), m.end()))
    return out, spans


def _digit_mentions(sent: Sentence, lang: str, suffixes: _Suffixes) -> list[Mention]:
    # CJK characters are blanked for the digit pattern: 12月11日 has digits between word characters;
    # 1・5 is Japanese for 1.5.
    wide = re.sub(r"(?<=\d)・(?=\d)", ".", sent.text.translate(_FULLWIDTH))
    out, taken = _time_mentions(wide, sent.start)
    if _CJK.search(wide):
        out += _cjk_numeral_mentions(wide, sent.start)
    text = _CJK.sub(" ", wide)
    code, _, symbol_before = _currency()
    after_digits = number_suffixes()
    for m in _NUM_RE.finditer(text):
        start, end = m.start(), m.end()
        if any(a <= start < b for a, b in taken):
            continue
        suffix = after_digits.get(sent.text[end:end + 1])
        if suffix == "month" and m.group().isdigit() and 1 <= int(m.group()) <= 12:
            out.append(Mention(float(m.group()), "month", sent.start + start, sent.start + end + 1))
            continue
        try:
            value = parse_number(m.group(), lang)
        except ValueError:
            continue
        # Only the last few characters can hold a symbol that ends right before the number.
        pre = symbol_before.search(text, max(0, start - _symbol_reach()), start)
        exp, unit, end = suffixes.read(end, money=pre is not None)
        if isinstance(suffix, int) and exp == 0 and end == m.end():
            exp, end = suffix, end + 1
            value, exp, end = _myriads(value, exp, end, wide, after_digits, taken)
        if pre and not unit:
            unit, start = code[pre.group(1).lower()], pre.start()
        out.append(Mention(value * 10**exp, "number", sent.start + start, sent.start + end, unit))
    return out


def _myriads(value: float, exp: int, end: int, text: str, after_digits: dict[str, int | str],
             taken: list[tuple[int, int]]) -> tuple[float, int, int]:
    """What follows a CJK myriad written after digits: another one (1.3万亿 = 1.3 × 10¹², 万亿 being
    a trillion) or the digits below it (2万4801 = 24,801, which then are not a number of their own).
    ``text`` is the sentence with full-width digits read as ASCII (same offsets)."""
    nxt = after_digits.get(text[end:end + 1])
    if exp >= 4 and isinstance(nxt, int) and nxt >= 4:
        return value, exp + nxt, end + 1
    rest = re.compile(r"\d+").match(text, end)
    if exp >= 4 and rest and float(value).is_integer() and int(rest.group()) < 10**exp \
            and not isinstance(after_digits.get(text[rest.end():rest.end() + 1]), int):
        taken.append((end, rest.end()))
        return value * 10**exp + int(rest.group()), 0, rest.end()
    return value, exp, end


def _word_mentions(sent: Sentence, concepts: list[Match], suffixes: _Suffixes) -> list[Mention]:
    out: list[Mention] = []
    for c in concepts:
        if c.start in suffixes.used:
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
        exp, unit, end = suffixes.read(c.end)
        out.append(Mention(n * 10**exp, "number", sent.start + c.start, sent.start + end, unit,
                           is_word=True))
    return out


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


# --- numbers glued into a compound word ----------------------------------------------------------
# "osmnáctiletý" (18-year-old), "sedmadvacetiletý" (27: seven-and-twenty), "čtyřtisícovka" (4000),
# "Zehntausende": the number words of the lexicon at the start of a longer word. Read only to
# answer a number the other version writes out ("18-year-old"), never to raise a finding: a
# compound that merely starts like a number ("sedmikráska", a daisy) must not become one.
_CONNECTORS = ("a", "und", "en", "og")  # sedm-a-dvacet, ein-und-zwanzig, een-en-twintig, tveir-og-…
MIN_COMPOUND_REST = 2  # letters a compound needs after its number part ("letý", "ky")


_FORMS: dict[tuple[str, str], tuple[tuple[str, int], ...]] = {}


def _number_forms(lex: Lexicon) -> tuple[tuple[str, int], ...]:
    """The lexicon's single-word number and thousand forms with their values, longest first."""
    key = (lex.lang, lex.sha)
    if key in _FORMS:
        return _FORMS[key]
    forms: dict[str, int] = {}
    for concept, pats in lex.patterns.items():
        value = _concept_value(concept, "NUM_")
        if value is None and concept == "SCALE_3":
            value = 1000
        if value is None:
            continue
        for p in pats:
            if len(p.tokens) == 1 and not p.tokens[0].suffix and len(p.tokens[0].text) >= 3:
                forms.setdefault(p.tokens[0].text, value)
    _FORMS[key] = tuple(sorted(forms.items(), key=lambda kv: -len(kv[0])))
    return _FORMS[key]


def compound_values(text: str, lex: Lexicon) -> set[float]:
    """Values of the numbers glued into the compound words of ``text`` (every partial reading:
    "sedmadvaceti" gives 7 and 27), from the lexicon's number words."""
    forms = _number_forms(lex)
    out: set[float] = set()
    if not forms:
        return out
    for word in re.findall(r"[^\W\d_]{5,}", text.lower()):
        pos, total, current, read = 0, 0, 0, []
        while True:
            hit = next(((f, v) for f, v in forms if word.startswith(f, pos)), None)
            if hit is None and read:  # a connector between two number words
                hit = next(((f, v) for c in _CONNECTORS if word.startswith(c, pos)
                            for f, v in forms if word.startswith(f, pos + len(c))), None)
                if hit is not None:
                    pos += next(len(c) for c in _CONNECTORS if word.startswith(c + hit[0], pos))
            if hit is None:
                break
            form, value = hit
            pos += len(form)
            if value == 1000:
                total, current = total + max(current, 1) * 1000, 0
            else:
                current += value
            read.append(total + current)
        if read and (len(word) - pos >= MIN_COMPOUND_REST or len(read) > 1):  # a suffix, or two numbers glued
            out.update(float(v) for v in read)
    return out
