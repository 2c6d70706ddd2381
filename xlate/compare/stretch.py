"""Partial omissions and additions with spans: the stretch of a sentence that has no counterpart.

An editor who cuts "but Moscow denied it" or ", citing TASS," out of a sentence leaves a pair that
still aligns; what is missing is a clause, and the finding should say which one. Two ways to see it:

* **With a translation of the source** (MT, in the target's language), the two texts are compared
  word by word. A run of the MT's words of which none of the content words stands in the target
  (or, for an addition, a run of the target's words that the MT lacks), long enough to be a clause
  and with the target short by about that much, is the stretch. An omitted stretch is found in the
  MT's words and drawn on the source through the clause punctuation both share (the same number of
  clauses: the same clause; otherwise the same share of the sentence). Where the other text has
  words of its own at that place, the clause was said another way: a low note, not a cut. From
  or into Chinese and Japanese, whose human translations part ways with an MT more, only a
  clause of four or more content words that the other text has none of is more than low.
* **Without one**, only words that cross languages can show it: numbers, names and cognates. A
  clause (between commas, semicolons, dashes, brackets) whose numbers or names are all absent from
  the other side, which shares nothing else with it, while the rest of the sentence does match, and
  whose removal accounts for the other side being short, is the stretch. A clause with no number,
  name or cognate of its own cannot be told from a paraphrase: it is not reported.

A stretch that also stands in a neighbouring bead moved across a sentence boundary; it is not
reported. Names and numbers inside a reported stretch are folded into it (:func:`absorb`): one cut
is one finding.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from xlate.compare.base import (
    GAP,
    HEAVY_CONCEPTS,
    SIDES,
    Bead,
    Context,
    Side,
    one_sided,
    other,
)
from xlate.lexicons import WORD_RE
from xlate.report.model import Finding, Sentence, Severity, Span
from xlate.text.features import cross_features, stopwords
from xlate.text.script import cross_script, is_cjk_text, visible_length, word_count
from xlate.text.translit import to_latin

MIN_WORDS = 5  # shorter stretches are a few function words or a rephrasing, not a cut clause
MIN_CONTENT = 2  # content words the MT's stretch must have that the other side lacks (a name or number counts twice)
SHORT_SHARE = 0.5  # the other side must be short by at least this share of the stretch's expected length
MIN_REST = 2  # anchors the rest of the sentence must share with the other side (without MT)
PREFIX = 5  # letters two words of one language must share to count as the same word (inflection)
MIN_RATIOS = 3  # 1-1 pairs needed to measure the document's length ratio
COGNATES_SHARED = 0.25  # without MT, the share of a clause's cognates the other side may have by chance
WHOLE = 0.9  # a clause this much of its sentence is the sentence: the sentence checks report it
CLAUSE_MISS = 0.25  # with MT, a clause is missing when the other text has at most this share of its content words
REST_COVER = 0.5  # with MT, the rest of the bead's content words the other text must have
CROSS_REST = 0.6  # … and from or into Chinese or Japanese, for more than low: this much, none of the clause's…
CJK_CONTENT = 4  # …and at least this many content words in the stretch
CLAUSE_COVER = 0.5  # a source clause is in the projected stretch when this much of it is covered
REWORDED = 0.5  # with MT, words of its own per content word of the stretch the other text has at that place…
PLACE = 0.1  # …within this share of its length around the stretch's place…
DENSE = 0.5  # …and that are this share of its content words there: said another way, only low

# Clause punctuation: comma (not inside a number: 10,000), semicolon, colon, brackets, dashes; CJK forms;
# " - " between words.
_CLAUSE = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]–—、，；：（）]|\s-\s")


@dataclass(frozen=True)
class Stretch:
    """Words of one side (``side``'s text, offsets absolute) with no counterpart on the other."""

    side: Side
    sentence: Sentence
    start: int
    end: int
    words: int
    mt_text: str | None = None  # with MT, the source's translation of the stretch
    doubtful: bool = False  # evidence too thin to report above low


class StretchChecker:
    name = "stretch"

    def check(self, ctx: Context) -> list[Finding]:
        if ctx.src_mt is None:
            return []  # without MT, stretches grow from name and number findings (:func:`absorb`)
        ratio = _length_ratio(ctx)["mt"]
        # A translation from Chinese or Japanese (into English, say) and its human
        # counterpart part ways more often; there only a clause the target has none of counts.
        cjk = any(is_cjk_text(" ".join(s.text for s in sents[:20])) for sents in (ctx.src_sents, ctx.tgt_sents))
        return [_finding(ctx, bead, s) for bead in ctx.beads if bead.src and bead.tgt
                for side in SIDES for s in _mt_stretches(ctx, bead, side, ratio, cjk)]


# --- without MT: clauses whose cross-lingual anchors are all missing ------------------------------


def _lexical_stretch(ctx: Context, bead: Bead, side: Side, span: Span, expected: float) -> Stretch | None:
    """The clause of ``side`` around ``span`` (a name or number the other side lacks), if the
    clause shares no number or name with the other side and hardly a cognate, while the rest of
    the bead does share anchors, and without it the lengths fit."""
    sent = next((s for s in bead.sents(side) if s.start <= span.start and span.end <= s.end), None)
    if sent is None:
        return None
    a, b = next(((x, y) for x, y in clauses(sent.text) if x <= span.start - sent.start < y), (0, 0))
    text = sent.text[a:b]
    if _words(text) < MIN_WORDS or b - a >= len(sent.text.strip()) * WHOLE:
        return None
    mine, theirs = bead.sents(side), bead.sents(other(side))
    lang, other_lang = ctx.side(side).lang, ctx.other(side).lang
    there = _anchors(" ".join(s.text for s in theirs), other_lang)
    near = _anchors(" ".join(s.text for s in ctx.neighbours(bead, other(side))), other_lang)
    own = _anchors(text, lang)
    ratio = expected if side == "src" else 1 / expected  # other side's length per unit of mine
    rest = _anchors(_without(mine, sent, a, b), lang)
    short = ratio * _vlen(mine) - _vlen(theirs)
    shared = own & (there | near)
    if any(f[0] != "p" for f in shared) or len(shared) > COGNATES_SHARED * len(own):
        return None  # a number or name of it stands on the other side, or too many of its cognates
    if len(rest & there) < MIN_REST or short < SHORT_SHARE * ratio * visible_length(text):
        return None
    return Stretch(side, sent, sent.start + a, sent.start + b, _words(text))


def _anchors(text: str, lang: str) -> set[str]:
    """Numbers, names and cognate prefixes of ``text`` (punctuation left out)."""
    return {f for f in cross_features(text, lang) if f[0] != "?"}


def _without(sents: list[Sentence], s: Sentence, a: int, b: int) -> str:
    """The bead's text with ``s.text[a:b]`` left out."""
    return " ".join(x.text if x is not s else x.text[:a] + " " + x.text[b:] for x in sents)


# --- with MT: runs of words the other text lacks ---------------------------------------------------


def _mt_stretches(ctx: Context, bead: Bead, side: Side, expected: float, cjk: bool) -> list[Stretch]:
    """Runs of the MT's words (side ``src``) or the target's (side ``tgt``) that the other text
    lacks, where that text is short by about as much."""
    mt = ctx.src_mt or []
    lang = ctx.tgt_lang
    tgt = " ".join(s.text for s in bead.tgt)
    near_tgt = " ".join(s.text for s in ctx.neighbours(bead, "tgt"))
    near_mt = " ".join(mt[s.id] for s in ctx.neighbours(bead, "src"))
    pieces = [(s, mt[s.id]) for s in bead.src] if side == "src" else [(s, s.text) for s in bead.tgt]
    other_text = tgt if side == "src" else " ".join(mt[s.id] for s in bead.src)
    # Words a neighbouring sentence has beyond its own translation (or the reverse): where a
    # clause that moved across a sentence boundary would show up.
    keys = _keys(other_text)
    near = _keys(near_tgt) - _keys(near_mt) if side == "src" else _keys(near_mt) - _keys(near_tgt)
    ratio = expected if side == "src" else 1 / expected  # the other text's length per unit of mine
    have = visible_length(other_text)
    want = ratio * sum(visible_length(t) for _, t in pieces)
    stop = stopwords(lang)
    total, covered = _coverage(pieces, keys, stop)
    joined = " ".join(t for _, t in pieces)
    mine = _keys(joined)
    theirs = Counter(_key(w) for w in WORD_RE.findall(other_text))
    counts = Counter(_key(w) for w in _content(joined, stop))
    offsets = [sum(len(t) + 1 for _, t in pieces[:k]) for k in range(len(pieces))]
    src_names = {f for f in _anchors(" ".join(x.text for x in bead.src), ctx.src_lang) if f[0] in "#n"}
    out = []
    for (s, text), at in zip(pieces, offsets):
        for a, b, n, hit in _missing_clauses(text, theirs, counts, stop):
            piece = text[a:b]
            rest = (covered - hit) / max(1, total - n)
            if _words(piece) < MIN_WORDS or n < MIN_CONTENT or rest < REST_COVER:
                continue
            if side == "tgt" and _anchors(piece, lang) & src_names:
                continue  # its numbers or names stand in the source itself
            run_keys = _keys(piece, lang)
            if len(run_keys & near) * 2 >= len(run_keys):  # it went to a neighbouring sentence
                continue
            if want - have < SHORT_SHARE * ratio * visible_length(piece):
                continue
            doubtful = cjk and (hit > 0 or rest < CROSS_REST or n < CJK_CONTENT) or _reworded(
                (at + a) / len(joined), (at + b) / len(joined), other_text, mine, stop, n)
            if side == "tgt":
                out.append(Stretch(side, s, s.start + a, s.start + b, _words(piece), doubtful=doubtful))
            else:
                sa, sb = project(text, a, b, s.text)
                out.append(Stretch(side, s, s.start + sa, s.start + sb, _words(piece), piece, doubtful))
    return out


def _reworded(lo: float, hi: float, other_text: str, mine: set[str], stop: frozenset[str], n: int) -> bool:
    """Whether the other text has content words of its own where the stretch stands (``lo``–``hi``,
    as shares of the stretch's text): then the stretch was said another way ("going about your
    business" for "functions"), not cut or added. An MT and the target are in one language, so
    their word order is comparable."""
    size = max(1, len(other_text))
    there = [_key(m.group()) not in mine for m in WORD_RE.finditer(other_text)
             if lo - PLACE <= m.start() / size <= hi + PLACE and not _is_function(m.group(), stop)]
    own = sum(there)
    return own >= max(MIN_CONTENT, REWORDED * n) and own >= DENSE * len(there)


def _missing_clauses(text: str, theirs: Counter[str], mine: Counter[str],
                     stop: frozenset[str]) -> Iterable[tuple[int, int, int, int]]:
    """Runs of consecutive clauses of ``text`` of which the other text has at most
    ``CLAUSE_MISS`` of the content words: (start, end, content words, of them the other text's).
    A word counts as there only if the other text has it more often than the rest of this text
    (``mine``: the whole bead's words on this side) uses it: "good" in "west good" does not also
    answer "it looks good in the polls"."""
    run: list[tuple[int, int, int, int]] = []
    for a, b in [*clauses(text), (len(text), len(text))]:  # the empty end closes the last run
        words = [_key(w) for w in _content(text[a:b], stop)]
        own = Counter(words)
        hit = sum(1 for k in words if theirs[k] > max(0, mine[k] - own[k]))
        if words and hit <= CLAUSE_MISS * len(words):
            run.append((a, b, len(words), hit))
            continue
        if run:
            yield run[0][0], run[-1][1], sum(r[2] for r in run), sum(r[3] for r in run)
        run = []


def _content(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in WORD_RE.findall(text) if not _is_function(w, stop)]


def _coverage(pieces: list[tuple[Sentence, str]], keys: set[str], stop: frozenset[str]) -> tuple[int, int]:
    """Content words of the pieces, and how many of them the other text has."""
    words = [w for _, t in pieces for w in _content(t, stop)]
    return len(words), sum(1 for w in words if _key(w) in keys)


def _is_function(w: str, stop: frozenset[str]) -> bool:
    """A word that says little about content: in the language's stopword list, or of one or two
    letters (not a number, not an acronym such as US or EU)."""
    if w[:1].isdigit() or (len(w) >= 2 and w.isupper()):
        return False
    return len(w) < 3 or to_latin(w.lower()) in stop


def _key(w: str) -> str:
    """A word as one language's inflections still share it: lower case, its first letters."""
    return w.lower()[:PREFIX]


def _keys(text: str, lang: str | None = None) -> set[str]:
    stop = stopwords(lang) if lang else frozenset()
    return {_key(w) for w in WORD_RE.findall(text) if not _is_function(w, stop)}


def project(mt: str, a: int, b: int, src: str) -> tuple[int, int]:
    """The stretch of ``src`` that ``mt[a:b]`` translates: the same clauses when both have as
    many, else the same share of the sentence, widened to whole words."""
    mt_clauses, src_clauses = clauses(mt), clauses(src)
    if len(mt_clauses) == len(src_clauses) > 1:
        first = next(k for k, (_, e) in enumerate(mt_clauses) if e > a)
        last = next(k for k, (_, e) in enumerate(mt_clauses) if e >= b)
        return src_clauses[first][0], src_clauses[last][1]
    lo, hi = a / len(mt) * len(src), b / len(mt) * len(src)
    covered = [(x, y) for x, y in src_clauses if min(y, hi) - max(x, lo) >= CLAUSE_COVER * (y - x)]
    if covered:
        return covered[0][0], covered[-1][1]
    words = [(m.start(), m.end()) for m in WORD_RE.finditer(src)]
    inside = [(x, y) for x, y in words if y > lo and x < hi] or words[:1]
    return inside[0][0], inside[-1][1]


# --- shared ----------------------------------------------------------------------------------------


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``text`` between clause punctuation, spaces and the
    sentence's final punctuation trimmed; clauses without a word are left out."""
    cuts = [0, *(x for m in _CLAUSE.finditer(text) for x in (m.start(), m.end())), len(text)]
    out = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        trimmed = piece.strip().rstrip(".!?…。！？\"'”’»“")
        if WORD_RE.search(trimmed):
            out.append((a + lead, a + lead + len(trimmed)))
    return out


def _words(text: str) -> int:
    return word_count(text, len(WORD_RE.findall(text)))


def _vlen(sents: list[Sentence]) -> int:
    return sum(visible_length(s.text) for s in sents)


def _length_ratio(ctx: Context) -> dict[str, float]:
    """The document's own target/source length ratio (median over 1-1 pairs, 1 when too few):
    across languages, and between the source's MT and the target."""
    pairs = [(b.src[0], b.tgt[0]) for b in ctx.beads if len(b.src) == len(b.tgt) == 1]
    cross = [visible_length(t.text) / visible_length(s.text) for s, t in pairs
             if visible_length(s.text) >= 20 and visible_length(t.text) >= 20]
    out = {"cross": statistics.median(cross) if len(cross) >= MIN_RATIOS else 1.0, "mt": 1.0}
    if ctx.src_mt is not None:
        mt = [visible_length(t.text) / visible_length(ctx.src_mt[s.id]) for s, t in pairs
              if visible_length(ctx.src_mt[s.id]) >= 20 and visible_length(t.text) >= 20]
        out["mt"] = statistics.median(mt) if len(mt) >= MIN_RATIOS else 1.0
    return out


def _finding(ctx: Context, bead: Bead, s: Stretch) -> Finding:
    view = ctx.side(s.side)
    span = view.span(s.start, s.end)
    there = ctx.other(s.side).label
    if s.mt_text is not None:
        why = (f"source words “{span.text}” (in translation “{s.mt_text}”, {s.words} words) have no counterpart "
               f"in the target, which is that much shorter")
    elif ctx.src_mt is not None:
        why = (f"target words “{span.text}” ({s.words} words) have no counterpart in a translation of the "
               f"source, which is that much shorter")
    else:
        why = (f"{view.label} clause “{span.text}” ({s.words} words) has no counterpart in the {there}: its "
               f"names and numbers are not there, nor its cognates, and without it the lengths fit")
    severity = Severity.LOW if s.doubtful else _severity(ctx, s.side, span)
    f = one_sided(s.side, type=GAP[s.side], severity=severity, bead=bead, ids=[s.sentence.id],
                  span=span, explanation=why, confidence=bead.confidence(0.7 if ctx.src_mt is not None else 0.6))
    f.evidence.update({"stretch": True, "stretch_words": s.words})
    if s.mt_text is not None:
        f.evidence["mt_text"] = s.mt_text
    return f


def _severity(ctx: Context, side: Side, span: Span) -> Severity:
    """A cut number, quote or attribution matters most."""
    sent = Sentence(-1, span.text, span.start, span.end)
    heavy = any(ch.isdigit() for ch in span.text) or any(
        m.concept in HEAVY_CONCEPTS for m in ctx.side(side).lex.find(sent.text))
    return Severity.HIGH if heavy else Severity.MEDIUM


# --- one cut, one finding ----------------------------------------------------------------------------

FOLDED = frozenset({"entity", "number"})  # what a reported stretch takes in when it lies inside it


def absorb(findings: list[Finding], ctx: Context) -> list[Finding]:
    """One cut, one finding. Without MT, a name or number finding whose clause the other side
    otherwise lacks grows into a stretch of that clause (:func:`_lexical_stretch`). Then each
    stretch takes in the name and number findings of the same direction that lie inside it and
    the length or divergence finding of its bead (which said only that *something* was missing);
    a stretch inside a sentence already reported as one-sided is left out."""
    if ctx.src_mt is None:
        findings = findings + _grown(findings, ctx)
    stretches = [f for f in findings if f.evidence.get("stretch")]
    if not stretches:
        return findings
    gone: set[int] = set()
    for st in stretches:
        side = "src" if st.type == "omission" else "tgt"
        span = st.span(side)
        for f in findings:
            g = f.span(side)
            if f is st or id(f) in gone or g is None and f.change != "altered":
                continue
            if f.type in FOLDED and f.change == st.change and span.start <= g.start and g.end <= span.end:
                gone.add(id(f))
                st.evidence.setdefault("includes", []).append(f.type)
            elif f.type == st.type and f.change == "altered" and set(st.src) <= set(f.src) \
                    and set(st.tgt) <= set(f.tgt):
                gone.add(id(f))
            elif f.type == st.type and f.change == st.change and not f.evidence.get("stretch") \
                    and g.start <= span.start and span.end <= g.end:
                gone.add(id(st))
    return [f for f in findings if id(f) not in gone]


def _grown(findings: list[Finding], ctx: Context) -> list[Finding]:
    """Stretches grown from the name and number findings of one direction (one per clause)."""
    beads = {("src", i): b for b in ctx.beads if b.tgt for i in b.src_ids}
    beads.update({("tgt", j): b for b in ctx.beads if b.src for j in b.tgt_ids})
    expected = _length_ratio(ctx)["cross"]
    cross = cross_script([s.text for s in ctx.src_sents[:20]], [s.text for s in ctx.tgt_sents[:20]])
    out: dict[tuple[Side, int, int], Finding] = {}
    for f in findings:
        side: Side = "src" if f.change == "dropped" else "tgt"
        span = f.span(side)
        if f.type not in FOLDED or f.change not in ("dropped", "added") or span is None \
                or (cross and f.type == "entity"):  # across scripts a name is no evidence
            continue
        ids = f.ids(side)
        bead = beads.get((side, ids[0])) if ids else None
        st = _lexical_stretch(ctx, bead, side, span, expected) if bead is not None else None
        if st is not None and (side, st.start, st.end) not in out:
            out[side, st.start, st.end] = _finding(ctx, bead, st)
    return list(out.values())
