"""Sentence features for lexical alignment, weighted: numbers and names count most.

The features themselves (numbers, names, cognate prefixes, punctuation; words and bigrams for MT)
come from :mod:`xlate.text.features`, which the length check shares; this module weighs them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from xlate.text.features import cross_features, mono_features

# Relative weight of each feature kind before IDF: numbers and names are the best evidence.
KIND_WEIGHT = {"#": 2.0, "n": 1.5, "p": 1.0, "w": 1.0, "b": 1.0, "?": 0.5}

Features = list[Counter[str]]


def weigh(src: Features, tgt: Features) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """TF-IDF weights, IDF taken over both documents: frequent features say little about a pair."""
    df: Counter[str] = Counter()
    for bag in (*src, *tgt):
        df.update(bag.keys())
    total = len(src) + len(tgt)
    idf = {f: math.log(1.0 + total / d) for f, d in df.items()}

    def one(bag: Counter[str]) -> dict[str, float]:
        return {f: (1.0 + math.log(c)) * idf[f] * KIND_WEIGHT[f[0]] for f, c in bag.items()}

    return [one(b) for b in src], [one(b) for b in tgt]


def featurize(sents: Sequence[str], lang: str, mono: bool = False) -> Features:
    """Feature bags for each sentence."""
    if mono:
        return [mono_features(s) for s in sents]
    return [cross_features(s, lang) for s in sents]
