"""High-precision anchor pairs that fix where the DP band runs.

A feature that occurs in exactly one sentence on each side (a rare number, a name, a long cognate)
pairs those two sentences. Most such pairs are right; the wrong ones cross the right ones, so the
heaviest chain increasing on both sides (a weighted longest increasing subsequence) keeps the good
ones. Long untranslated stretches simply have no anchors, and the band widens over them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence


def candidate_pairs(src: Sequence[dict[str, float]], tgt: Sequence[dict[str, float]],
                    ) -> list[tuple[int, int, float]]:
    """``(i, j, weight)`` for sentences that share a feature unique to each of them."""
    where_s: dict[str, list[int]] = defaultdict(list)
    where_t: dict[str, list[int]] = defaultdict(list)
    for i, bag in enumerate(src):
        for f in bag:
            where_s[f].append(i)
    for j, bag in enumerate(tgt):
        for f in bag:
            where_t[f].append(j)
    pairs: dict[tuple[int, int], float] = defaultdict(float)
    for f, si in where_s.items():
        ti = where_t.get(f)
        if ti is not None and len(si) == 1 and len(ti) == 1:
            pairs[si[0], ti[0]] += min(src[si[0]][f], tgt[ti[0]][f])
    return [(i, j, w) for (i, j), w in pairs.items()]


def heaviest_chain(pairs: Sequence[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """Maximum-weight chain of pairs strictly increasing in both coordinates, O(k log k)."""
    if not pairs:
        return []
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1]))
    js = sorted({p[1] for p in pairs})
    rank = {j: r + 1 for r, j in enumerate(js)}
    size = len(js)
    tree_w = [0.0] * (size + 1)  # Fenwick tree of prefix maxima over j
    tree_k = [-1] * (size + 1)
    best = [0.0] * len(pairs)
    prev = [-1] * len(pairs)
    for k in order:
        i, j, w = pairs[k]
        r = rank[j] - 1  # strictly smaller j
        bw, bk = 0.0, -1
        while r > 0:
            if tree_w[r] > bw:
                bw, bk = tree_w[r], tree_k[r]
            r -= r & -r
        best[k], prev[k] = bw + w, bk
        r = rank[j]
        while r <= size:
            if best[k] > tree_w[r]:
                tree_w[r], tree_k[r] = best[k], k
            r += r & -r
    k = max(range(len(pairs)), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append((pairs[k][0], pairs[k][1]))
        k = prev[k]
    return chain[::-1]
