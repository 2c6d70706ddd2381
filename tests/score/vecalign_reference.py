"""Reference scorer for the agreement test: vecalign's ``score.py`` rules, kept apart from xlate's code.

Follows thompsonb/vecalign ``score.py`` (``_precision``, ``score_multiple``) and ``dp_utils.py``
(``read_alignments``) at commit b9d732c, Copyright 2019 Brian Thompson, licensed under the Apache
License, Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0); distributed "AS IS", without
warranties or conditions of any kind. Transcribed step for step (same parsing with ``literal_eval``,
same set conversion, same int32 counters, same division and F1 expressions) so that the test
compares xlate against vecalign's arithmetic rather than against a second copy of xlate's.
"""

from __future__ import annotations

from ast import literal_eval
from collections import defaultdict

import numpy as np


def read_alignments(path):
    """vecalign's reader: the first two non-empty ``:`` fields of each line, through ``literal_eval``."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = [p.strip() for p in line.split(":") if len(p.strip())]
            if len(parts) < 2:
                raise ValueError(f"line {line.strip()!r} has fewer than two ':' fields")
            out.append((literal_eval(parts[0]), literal_eval(parts[1])))
    return out


def precision_counts(goldalign, testalign):
    """[strict tp, strict fp, lax tp, lax fp] of ``testalign`` against ``goldalign`` (vecalign ``_precision``)."""
    test = {(tuple(x), tuple(y)) for x, y in testalign if len(x) or len(y)}
    gold = {(tuple(x), tuple(y)) for x, y in goldalign if len(x) or len(y)}
    gold_tgt_of_src = defaultdict(set)
    for gold_src, gold_tgt in gold:
        for i in gold_src:
            for j in gold_tgt:
                gold_tgt_of_src[i].add(j)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for bead in test:
        if bead == ((), ()):
            continue
        if bead in gold:
            tp_strict += 1
            tp_lax += 1
            continue
        reachable = set()
        for i in bead[0]:
            reachable |= gold_tgt_of_src[i]
        fp_strict += 1
        if set(bead[1]) & reachable:
            tp_lax += 1
        else:
            fp_lax += 1
    return np.array([tp_strict, fp_strict, tp_lax, fp_lax], dtype=np.int32)


def _div(a, b, div0):
    return div0 if b == 0 else a / float(b)


def score_multiple(gold_list, test_list, value_for_div_by_0=0.0):
    """Pooled strict/lax precision, recall and F1 (vecalign ``score_multiple``)."""
    p = np.array([0, 0, 0, 0], dtype=np.int32)
    r = np.array([0, 0, 0, 0], dtype=np.int32)
    for gold, test in zip(gold_list, test_list):
        p += precision_counts(gold, test)
        # recall: precision with insertions/deletions removed and the arguments swapped
        test_both = [(x, y) for x, y in test if len(x) and len(y)]
        gold_both = [(x, y) for x, y in gold if len(x) and len(y)]
        r += precision_counts(test_both, gold_both)
    ps = _div(p[0], p[0] + p[1], value_for_div_by_0)
    pl = _div(p[2], p[2] + p[3], value_for_div_by_0)
    rs = _div(r[0], r[0] + r[1], value_for_div_by_0)
    rl = _div(r[2], r[2] + r[3], value_for_div_by_0)
    fs = value_for_div_by_0 if ps + rs == 0 else 2 * (ps * rs) / (ps + rs)
    fl = value_for_div_by_0 if pl + rl == 0 else 2 * (pl * rl) / (pl + rl)
    return {"recall_strict": rs, "recall_lax": rl, "precision_strict": ps, "precision_lax": pl,
            "f1_strict": fs, "f1_lax": fl}
