"""What machine translation adds to the comparison.

With a translation of the source into the target's language, two texts in one language can be
compared directly. chrF per bead (computed in the align stage) shows where content diverges, and
a second look at each lexical finding tells an editorial change from a language artefact: if a
fresh machine translation of the original also lacks "alleged", the difference may be how the
language says it; if the fresh translation keeps it and the rewrite does not, the rewrite changed
it. Names get the same second look (Najvyšší súd → "Supreme Court" in the MT and the target is a
rendering, not a dropped name), and so do numbers: the MT reads the source's digits, dates and
number words with the target language's conventions.
"""

from __future__ import annotations

from xlate.compare.base import Bead, Context, Side, bead_finding
from xlate.lexicons import WORD_RE, family
from xlate.report.model import Finding, Sentence, Severity
from xlate.text.chrf import chrf
from xlate.text.names import names_present, word_keys
from xlate.text.negation import negation_count
from xlate.text.numbers import Mention, extract, same_number
from xlate.text.quotes import find_quotes, quote_similarity

DIVERGENT_CHRF = 25.0  # below this a bead's MT and target share little wording
DIVERGENT_LENGTH = 1.6  # …and one side is this many times longer: content was cut or added
SAME_QUOTE = 1.0  # quote_similarity from which two quotes in one language are the same one
DIVERGENT_CHARS = 40  # …by at least this many characters (a few words are a rephrasing: "Eh!" / "Seriously?!")


def _source_mt(ctx: Context, bead: Bead) -> str:
    """The MT of a bead's source sentences, in the target language (callers check there is MT)."""
    mt = ctx.side("src").mt or []
    return " ".join(mt[s.id] for s in bead.src)


def bead_text(ctx: Context, bead: Bead) -> tuple[str, str]:
    """The source's MT and the target text of a bead (both in the target language)."""
    return _source_mt(ctx, bead), " ".join(s.text for s in bead.tgt)


class DivergenceChecker:
    """Beads whose target says much less (or more) than a translation of the source.

    A low note: it says only that *something* differs, not what, and on faithful human news
    translations (`eval.noise`) it fired mostly on free renderings of short sentences ("えっ！" for
    "Seriously?!"): a free rendering diverges from an MT as a cut one does. Where words are
    missing, the stretch check says which (and takes this note in)."""

    name = "divergence"

    def check(self, ctx: Context) -> list[Finding]:
        if ctx.src_mt is None:
            return []
        findings = []
        for bead in ctx.beads:
            if not bead.src or not bead.tgt:
                continue
            mt, tgt = bead_text(ctx, bead)  # ctx.src_mt checked above
            score = chrf(mt, tgt)
            ratio = (len(tgt) + 1) / (len(mt) + 1)
            if score >= DIVERGENT_CHRF or 1 / DIVERGENT_LENGTH < ratio < DIVERGENT_LENGTH \
                    or abs(len(tgt) - len(mt)) < DIVERGENT_CHARS:
                continue
            shorter = ratio < 1
            findings.append(bead_finding(
                bead, type="omission" if shorter else "addition", severity=Severity.LOW,
                explanation=f"the target says {'much less' if shorter else 'much more'} than a machine "
                            f"translation of the source (chrF {score:.0f}; {len(tgt)} vs {len(mt)} characters)",
                confidence=bead.confidence(0.6)))
        return findings


def review(findings: list[Finding], ctx: Context) -> list[Finding]:
    """Second opinion from the source's MT on concept, name and number findings (module docstring)."""
    if ctx.src_mt is None:
        return findings
    beads_by_src = {i: b for b in ctx.beads for i in b.src_ids}
    for f in findings:
        if f.type not in ("hedge", "attribution", "negation", "entity", "number", "quote") or not f.src:
            continue
        bead = beads_by_src.get(f.src[0])
        if bead is None or not bead.tgt:
            continue
        mt = _source_mt(ctx, bead)
        if f.type == "entity":
            _review_name(f, mt)
            continue
        if f.type == "number":
            _review_number(f, mt, ctx)
            continue
        if f.type == "quote":
            _review_quote(f, mt, bead, ctx)
            continue
        in_mt, in_tgt = _concept_counts(ctx, bead, f.type, mt)
        if f.change == "dropped":
            if in_mt > in_tgt:
                _confirm(f, "keeps it: an editorial change")
            else:
                _demote(f, "lacks it too: how the language says it, not the rewrite", Severity.LOW, 0.6)
        elif f.change == "added" and in_mt >= in_tgt:
            _demote(f, "has it too: probably not an addition", Severity.LOW, 0.5)
    return findings


def _concept_counts(ctx: Context, bead: Bead, type_: str, mt: str) -> tuple[int, int]:
    """How often the source's MT and the bead's target express a concept type (a hedge, an
    attribution, a negation: negated clauses and negative words alike)."""
    in_mt = ctx.side("tgt").lex.find(mt)
    if type_ == "negation":
        lang = ctx.side("tgt").lang
        return (negation_count(in_mt, Sentence(-1, mt, 0, len(mt)), lang),
                sum(negation_count(ctx.concept_matches("tgt", s), s, lang) for s in bead.tgt))
    inert = {"NON_ATTRIBUTING"}
    return (sum(family(m.concept) == type_ and m.concept not in inert for m in in_mt),
            sum(family(m.concept) == type_ and m.concept not in inert
                for s in bead.tgt for m in ctx.concept_matches("tgt", s)))


def _review_number(f: Finding, mt: str, ctx: Context) -> None:
    """Numbers compared in one language: the source's MT against the target.

    The MT reads the source's digits, dates and number words with the target language's
    conventions; a number it writes as the target does was a reading problem, not an edit.
    """
    tgt = ctx.side("tgt")
    in_mt = extract(Sentence(-1, mt, 0, len(mt)), tgt.lang, tgt.lex)
    mine = _mentions(ctx, "tgt" if f.change == "added" else "src", f)
    theirs = _mentions(ctx, "tgt", f) if f.change == "altered" else []
    shared = any(same_number(a, b) for a in mine for b in in_mt)
    if f.change == "added":
        if shared:
            _demote(f, "has it too: probably not an addition", Severity.LOW, 0.5)
    elif any(same_number(a, b) for a in theirs for b in in_mt) and not shared:
        _demote(f, "reads it as the target does: probably not a change", Severity.LOW, 0.5)
    elif shared:
        _confirm(f, "keeps it: an editorial change")


def _review_quote(f: Finding, mt: str, bead: Bead, ctx: Context) -> None:
    """Quotation marks compared in one language: the quotes of the source's MT against the target's.

    Across scripts the marks are read with two conventions (「」 marks names and titles as well as
    speech; a mark spaced off by tokenisation is easily misread); the MT writes the source's quotes
    with the target's marks, so a target quote the MT has too was not added, and a source quote
    the MT does not quote either was not a statement the target dropped.
    """
    lang = ctx.side("tgt").lang
    in_mt = find_quotes(mt, lang)
    if f.change == "added" and f.tgt_span is not None:
        mine = find_quotes(f.tgt_span.text, lang) or find_quotes(f"“{f.tgt_span.text}”", lang)
        if any(quote_similarity(a, b) >= SAME_QUOTE for a in mine for b in in_mt):
            _demote(f, "quotes it too: probably not an addition", Severity.LOW, 0.5)
    elif f.change == "dropped":
        theirs = [q for s in bead.tgt for q in find_quotes(s.text, lang)]
        unmatched = [b for b in in_mt if not any(quote_similarity(a, b) >= SAME_QUOTE for a in theirs)]
        if not unmatched:
            _demote(f, "has no quote the target lacks: probably a rendering", Severity.LOW, 0.5)
        else:
            _confirm(f, "keeps it: an editorial change")
            if f.evidence.get("convention"):  # read across scripts it was a guess; the MT makes it one worth a look
                f.severity = Severity.MEDIUM


def _mentions(ctx: Context, side: Side, f: Finding) -> list[Mention]:
    """The number mentions of ``side`` inside the finding's span, read in their sentence's context
    ("at 9.30" is a time; "9.30" alone is not)."""
    span = f.span(side)
    if span is None:
        return []
    ids = set(f.ids(side))
    return [m for s in ctx.side(side).sents if s.id in ids for m in ctx.number_mentions(side, s)
            if span.start <= m.start < span.end]


def _review_name(f: Finding, mt: str) -> None:
    """Does the source's MT write the name as the source does, or as the target does?

    A name the MT keeps but the target lacks was changed by the rewrite; a name the MT renders as
    the target does (Nejvyšší soud → Supreme Court, Deutschland → Allemagne) is how the other
    language says it.
    """
    keys = word_keys(WORD_RE.findall(mt))
    src_in = f.src_span is not None and names_present(WORD_RE.findall(f.src_span.text), keys)
    tgt_in = f.tgt_span is not None and names_present(WORD_RE.findall(f.tgt_span.text), keys)
    if f.change == "added" and tgt_in:
        _demote(f, "has it too: probably not an addition", Severity.LOW, 0.5)
    elif f.change != "added" and not src_in and (tgt_in or f.change == "dropped"):
        _demote(f, "does not have it either: probably a rendering", Severity.LOW, 0.5)
    elif f.change != "added" and src_in and not tgt_in:
        _confirm(f, "keeps it: an editorial change")


def _demote(f: Finding, why: str, severity: Severity, factor: float) -> None:
    f.evidence["mt"] = "shares"  # the MT has the target's form: the language, not the rewrite
    f.explanation += f"; a machine translation of the source {why}"
    f.severity = severity
    f.confidence *= factor


def _confirm(f: Finding, why: str) -> None:
    f.evidence["mt"] = "confirms"  # the MT keeps what the target lost: the rewrite changed it
    f.explanation += f"; a machine translation of the source {why}"
    f.confidence = min(1.0, f.confidence + 0.2)
