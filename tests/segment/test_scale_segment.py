"""Furniture detection and sentence splitting read only what they need (linear time) and give the
same answers as the direct formulations they replaced, kept here as references."""

from __future__ import annotations

import random

import pytest

from xlate.lexicons import WORD_RE, load_lexicon
from xlate.report.model import Sentence
from xlate.segment import furniture as F
from xlate.segment import rules as R
from xlate.segment import segment


def _whole_lines_reference(text: str, sents: list[Sentence]) -> list[Sentence]:
    out = []
    for s in sents:
        before = text[:s.start].rsplit("\n", 1)[-1]
        after = text[s.end:].split("\n", 1)[0]
        if not before.strip() and not after.strip():
            out.append(s)
    return out


def _breadcrumb_reference(lines: list[Sentence], s: Sentence) -> bool:
    for t in (x.text for x in lines):
        if t != s.text and len(t) > 20 and s.text.endswith(t):
            return len(WORD_RE.findall(s.text[: -len(t)])) <= 4
    return False


def _find_furniture_reference(text: str, sents: list[Sentence], lex) -> set[int]:
    lines = _whole_lines_reference(text, sents)
    byline, copyright_line = F._patterns()
    out: set[int] = set()
    for s in lines:
        n_words = len(WORD_RE.findall(s.text))
        if (F._is_phrase(s, lex) or (byline.match(s.text) and n_words <= 4)
                or F._COUNT_LINE.match(s.text) or copyright_line.search(s.text)):
            out.add(s.id)
        elif _breadcrumb_reference(lines, s):
            out.add(s.id)
    for s in lines:
        if s.id in out and s.start >= 0.5 * len(text):
            rest = [r for r in sents if r.id >= s.id]
            if all(len(WORD_RE.findall(r.text)) < F.FOOTER_MAX_WORDS for r in rest):
                out.update(r.id for r in rest)
            break
    return out


HEADLINE = "Peskov says Russia is in constant contact with Venezuela"
POOL = [
    HEADLINE, "Home World " + HEADLINE, "Home Opinion Politics Europe More " + HEADLINE,
    "By Staff Reporter", "12 comments", "© 2025 News Agency", "You may also like",
    "The Kremlin said on Tuesday that talks continue. Officials declined to comment.",
    "   indented line with spaces  ", "\u00a0\u2009nbsp around\u00a0", "line with a\r", "",
    "The minister resigned after the report accused him of lying to parliament about the deal.",
    "Share", "Read more: " + HEADLINE, HEADLINE[::-1],
]


@pytest.mark.parametrize("seed", range(40))
def test_furniture_matches_the_reference_on_random_pages(seed):
    rng = random.Random(seed)
    text = "\n".join(rng.choice(POOL) for _ in range(rng.randint(1, 60)))
    sents, lex = segment(text, "en"), load_lexicon("en")
    assert F._whole_lines(text, sents) == _whole_lines_reference(text, sents)
    assert F.find_furniture(text, sents, lex) == _find_furniture_reference(text, sents, lex)


def test_breadcrumbs_and_footer_are_still_found():
    body = [f"Body sentence number {k} is long enough." for k in range(6)]
    text = "\n".join([HEADLINE, "Home World " + HEADLINE, *body, "You may also like", "Short teaser",
                      "© 2025 News Agency"])
    sents = segment(text, "en")
    found = F.find_furniture(text, sents, load_lexicon("en"))
    assert 1 in found and 0 not in found  # the breadcrumb line, not the headline it repeats
    assert {s.id for s in sents[-3:]} <= found


def _is_boundary_reference(line: str, punct_start: int, end: int, lang: str) -> bool:
    punct = line[punct_start:end]
    if punct[0] in "。！？":
        return True
    rest = line[end:].lstrip()
    if not rest:
        return False
    nxt = rest[0]
    if nxt.islower():
        return False
    if not punct.startswith("."):
        return True
    before = line[:punct_start]
    words = WORD_RE.findall(before[-30:])
    if not words:
        return True
    last = words[-1]
    if not before.endswith(last):
        return True
    if len(last) == 1 and last.isalpha() and last.isupper():
        return False
    if last.isdigit() and len(last) <= 2:
        nxt_word = WORD_RE.match(rest)
        if nxt_word and R._is_month(nxt_word.group(), lang):
            return False
    return nxt.isupper() or nxt.isdigit() or nxt in R._OPENERS or not nxt.isalpha()


LINES = [
    "Am 3. Oktober sagte Dr. Müller, dass z. B. die Preise stiegen. Danach? Nichts!",
    "J. Smith met approx. five people.  \u00a0 \"Why?\" he asked. 12. Then (it ended).",
    "Stalo sa to 28. novembra. TASR uviedla, že … „Áno.“ Potom 5. Decembra",
    "A very long word" + "x" * 40 + ". Next sentence… and more.\tTab. End.",
]


@pytest.mark.parametrize("lang", ["de", "en", "sk"])
def test_boundaries_match_the_reference(lang):
    for line in LINES:
        for m in R._BOUNDARY.finditer(line):
            assert R._is_boundary(line, m.start(), m.end(), lang) == _is_boundary_reference(
                line, m.start(), m.end(), lang), (line, m.start())


def test_one_long_line_splits_as_before(monkeypatch):
    line = " ".join(LINES * 30)
    fast = [(s.text, s.start) for s in segment(line, "de")]
    monkeypatch.setattr(R, "_is_boundary", _is_boundary_reference)
    assert fast == [(s.text, s.start) for s in segment(line, "de")]
    assert len(fast) > 300
