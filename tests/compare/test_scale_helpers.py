"""The text helpers the checks lean on give the same answers as the direct formulations they
replaced (kept here as references), now that they no longer rescan text or lists per item."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from xlate.compare import entities as E
from xlate.lexicons import load_lexicon
from xlate.report.model import Sentence
from xlate.text import features, quotes, script
from xlate.text.names import LOWERCASE_PREFIX, MIN_PREFIX, Keys, keys_match, names_present, word_keys, word_present
from xlate.text.numbers import extract
from xlate.text.translit import fold, to_latin

_SENTENCE_START = re.compile(r"(?:^|[.!?…:;\"„“”«»‚‘’(—–-])\s*$")


def test_sentence_initial_matches_the_regex_it_replaced():
    rng = random.Random(0)
    alphabet = list(" \t\u00a0\u2028x.!?…:;\"„“”«»‚‘’(—–-aB")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10))) + "Word"
        s = Sentence(0, text, 100, 100 + len(text))
        for k in range(len(text) - 3):
            assert E._initial(s, 100 + k) == bool(_SENTENCE_START.search(text[:k])), (text, k)


WORDS = ["Peskov", "Peskowa", "Moscow", "Moskva", "Москва", "Venezuela", "Venezuely", "venezuelský",
         "cílem", "Chile", "NATO", "Kremlin", "kremelský", "Maduro", "Madura", "VIP-vendégek", "Bogotá",
         "Caracas", "Karakas", "the", "Washington", "Вашингтона", "US", "Ukraine", "Україна", "a"]


def _present_reference(word: str, keys: list) -> bool:
    from xlate.text.names import gazetteer_groups

    key, groups = fold(word), gazetteer_groups(word)
    return any(keys_match(key, k, MIN_PREFIX if cap else LOWERCASE_PREFIX) or (groups and groups & g)
               for k, g, cap in keys)


@pytest.mark.parametrize("seed", range(20))
def test_indexed_keys_answer_as_a_scan_of_the_list(seed):
    rng = random.Random(seed)
    keys = word_keys(rng.sample(WORDS, rng.randint(0, len(WORDS))) * rng.randint(1, 3))
    assert isinstance(keys, Keys)
    for w in WORDS:
        assert word_present(w, keys) == _present_reference(w, list(keys)) == word_present(w, list(keys)), w
    assert names_present(["Madrid", "Peskow"], keys) == any(_present_reference(w, list(keys))
                                                            for w in ["Madrid", "Peskow"])


def test_indexed_keys_still_tell_names_apart():
    keys = word_keys(["Moscow", "Peskov", "cílem"])
    assert names_present(["Moskva"], keys) and word_present("Peskowa", keys)
    assert not names_present(["Madrid"], keys) and not word_present("Chile", keys)


def _cross_features_reference(text: str, lang: str) -> Counter:
    stop = features.stopwords(lang)
    out: Counter = Counter()
    first = True
    for tok in features._TOKEN.findall(text):
        p = features._PUNCT.get(tok)
        if p is not None:
            out["?" + p] += 1
            continue
        if tok[-1].isdigit() or tok[0].isdigit() or features._DIGITS.search(tok):
            out[features._number(tok)] += 1
            first = False
            continue
        lat, key = to_latin(tok), fold(tok)
        if tok[:1].isupper() and not first and len(lat) > 1:
            out["n" + key[:features.NAME_KEY]] += 1
        first = False
        if lat in stop or len(lat) < 4 or not lat.isascii():
            continue
        out["p" + key[:4]] += 1
    return out


@pytest.mark.parametrize("lang", ["en", "cs", "ru"])
def test_cross_features_keep_values_and_order(lang):
    rng = random.Random(1)
    pool = [*WORDS, "(", ")", "?", "«", "2,300", "1956年", "the", "und", "Praha", "12", ":"]
    for _ in range(300):
        text = " ".join(rng.choice(pool) for _ in range(rng.randint(0, 25)))
        got, want = features.cross_features(text, lang), _cross_features_reference(text, lang)
        assert list(got.items()) == list(want.items()), text  # key order feeds the cosine sums


def test_visible_length_matches_the_per_character_count():
    rng = random.Random(2)
    alphabet = [*"ab .,\t\n\u00a0\u2028\u3000", "北", "京", "カ", "한", "\u9fff", "\u3040", "\ud7af", "\ud7b0"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert script.visible_length(text) == sum(3 if script.is_wide(c) else 1 for c in text if not c.isspace())


def _find_quotes_reference(text: str, lang: str) -> list[quotes.Quote]:
    out: list[quotes.Quote] = []
    inward = quotes.quotes_inward(lang)
    i, n, done = 0, len(text), 0
    while i < n:
        ch = text[i]
        if ch in "\n\r":
            done = i + 1
        if quotes._lone_closer(text, i, ch):
            opener = quotes._same_mark_opener(text, done, i)
            if opener is None:
                quotes._add(out, text, quotes._line_start(text, done, i), i, i + 1, lone=True)
            else:
                quotes._add(out, text, opener + 1, i, i + 1, opener=opener)
            done = i = i + 1
            continue
        closers = quotes._PAIRS.get(ch)
        if closers is None or (ch == "»" and not inward) or (ch == "\"" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        end = quotes._closer(text, i, closers)
        if end < 0 and ch in quotes._LONE_OPENERS and (i == 0 or not text[i - 1].isalnum()):
            line_end = next((k for k in range(i + 1, n) if text[k] in "\n\r"), n)
            quotes._add(out, text, i + 1, line_end, line_end, opener=i, lone=True)
            i = done = line_end
            continue
        if end < 0:
            i += 1
            continue
        quotes._add(out, text, i + 1, end, end + 1, opener=i)
        i = done = end + 1
    return out


@pytest.mark.parametrize("lang", ["en", "de", "sv"])
def test_quotes_match_the_character_by_character_scan(lang):
    rng = random.Random(3)
    pool = ["word", " ", " ", "„", "“", "”", "\"", "«", "»", "‚", "‘", "’", "「", "」", "‹", "›", ",", ".", "\n",
            "\r", "12", "Hej"]
    for _ in range(1500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert quotes.find_quotes(text, lang) == _find_quotes_reference(text, lang), repr(text)


@pytest.mark.parametrize("lang", ["en", "de", "cs"])
def test_numbers_deep_in_a_long_sentence_read_as_near_its_start(lang):
    lex = load_lexicon(lang)
    core = "Sie zahlten $50m und 3 Mio. € sowie 12 % mehr, US$ 7 bn; 1. Mai um 16:30 Uhr und 4,5 Kč."
    pad = "Lorem ipsum dolor sit amet " * 400
    near = extract(Sentence(0, core, 0, len(core)), lang, lex)
    far = extract(Sentence(0, pad + core, 0, len(pad) + len(core)), lang, lex)
    assert near, "the core sentence has mentions"
    assert [(m.value, m.kind, m.unit, m.start + len(pad), m.end + len(pad)) for m in near] == [
        (m.value, m.kind, m.unit, m.start, m.end) for m in far]
    assert extract(Sentence(5, core, 0, len(core)), lang, lex, concepts=lex.find(core)) == near


def test_key_index_matches_a_scan_of_its_keys():
    from xlate.text.names import KeyIndex

    keys = [fold(w) for w in WORDS]
    for min_prefix in (MIN_PREFIX, LOWERCASE_PREFIX):
        index = KeyIndex(keys, min_prefix)
        for w in [*WORDS, "Peskovem", "Mosk", "", "Venez"]:
            assert index.match(fold(w)) == any(keys_match(fold(w), k, min_prefix) for k in keys), w


def test_attribution_sentence_start_scan_matches_the_prefix_regex() -> None:
    """concepts.starts_sentence reads backwards; the regex it replaced rescanned the whole prefix."""
    import random
    import re

    from xlate.compare.concepts import _LINE_BREAKS, starts_sentence

    old = re.compile(r"(?:^|[" + _LINE_BREAKS + r"]|[.!?…:;\"„“”«»‚‘’(—–-])\s*$")
    alphabet = list("ab .,!?\n\r \t\u2028\u00a0—“”(-xY:")
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        for pos in range(len(text) + 1):
            assert starts_sentence(text, pos) == bool(old.search(text[:pos])), (text, pos)
