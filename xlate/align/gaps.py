"""One-sided beads: a sentence the other side dropped or added should stand alone, not ride along.

Two passes after the DP, both cheap:

* **Short documents re-estimate the length ratio.** The Gale-Church length cost compares each bead
  with the document's overall length ratio, and in a 3-8 sentence story one dropped sentence
  skews that ratio by a sixth to a third, just enough to make merging the orphan into a neighbour
  look right. Short documents (``short_cells``) realign with the ratio of their own 1-1 beads
  (or, with none, a script prior: equal visible length, CJK counted wide) until it settles.
* **A many-to-one bead loses a member that matches nothing.** When an edge sentence of the longer
  side shares no feature with the other side (no number, name or cognate) and the rest of the
  bead still matches (calibrated score ``split_rest``), it becomes a 1-0 or 0-1 bead if it holds a
  number or a name the other side lacks and the length fits no worse without it, or, holding
  neither, if the length fits far better without it (``split_margin`` of a length cost of at least
  ``split_length``). Across scripts, where "no shared cognate" says nothing, only the first kind
  of evidence counts. With MT the member must also match the translation no better than chance,
  and only the length rule splits: the DP has already weighed each member against the MT.

hunalign reaches its 1-0 recall by realigning with what the first pass taught it, vecalign by a
per-document deletion cost; both lean on long documents. These passes target the short ones.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Bead = tuple[int, int, int, int]  # (i0, i1, j0, j1): src[i0:i1] with tgt[j0:j1]
Path = list[Bead]  # in document order
ANCHOR_KINDS = "#n"  # feature kinds (xlate.text.features) that a translation keeps: numbers, names


def one_to_one_ratio(cost, path: Path) -> tuple[float | None, int]:
    """Median target/source length ratio of the path's 1-1 beads (None without one), and their number."""
    rs = [(cost.lt[j1] - cost.lt[j0]) / (cost.ls[i1] - cost.ls[i0]) for i0, i1, j0, j1 in path
          if i1 - i0 == 1 and j1 - j0 == 1 and cost.ls[i1] > cost.ls[i0] and cost.lt[j1] > cost.lt[j0]]
    return (float(np.exp(np.median(np.log(rs)))) if rs else None), len(rs)


def blend(ratio: float | None, n: int, prior: float, weight: float) -> float:
    """A ratio measured on ``n`` sentences, shrunk towards ``prior`` (worth ``weight`` sentences,
    in log space): in a three-sentence story one dropped sentence moves the measured ratio by a
    third, and a path that fits the wrong ratio measures that ratio back."""
    if not ratio or ratio <= 0 or prior <= 0:
        return prior
    return float(np.exp((n * np.log(ratio) + weight * np.log(prior)) / (n + weight)))


def refit_ratio(cost, path: Path, prior: float, realign: Callable[[], Path], rounds: int = 3) -> Path:
    """Realign with the ratio of the path's own 1-1 beads, shrunk towards ``prior``, until the
    ratio settles; leaves ``cost.ratio`` at the last one used."""
    for _ in range(rounds):
        r = blend(*one_to_one_ratio(cost, path), prior, cost.p.prior_weight)
        if r <= 0 or abs(np.log(r / cost.ratio)) < 0.05:
            break
        cost.ratio = r
        path = realign()
    return path


def length_cost(cost, a: int, b: int, i: int, j: int) -> float:
    """The Gale-Church term of :class:`LexicalCost` for one bead (before its weight)."""
    return float(cost.length(a, b, np.array([i]), np.array([j]))[0])


def split_members(cost, path: Path, cross_script: bool) -> Path:
    """Split off bead members that match nothing on the other side (module docstring)."""
    out: Path = []
    todo = list(reversed(path))
    while todo:
        bead = todo.pop()
        parts = _split(cost, bead, cross_script)
        if parts is None:
            out.append(bead)
        else:
            todo.extend(reversed(parts))  # the rest may lose another member
    return out


def _split(cost, bead: Bead, cross_script: bool) -> list[Bead] | None:
    """``bead`` as two beads, the one-sided one and the rest, in document order; or None."""
    i0, i1, j0, j1 = bead
    a, b = i1 - i0, j1 - j0
    if a + b < 3 or not a or not b:
        return None
    full = length_cost(cost, a, b, i1, j1)
    view = cost.sims[0][0]  # the cross-lingual features
    raw = [float(x[0]) for x in view.members(a, b, np.array([i1]), np.array([j1]))]  # src members, then tgt
    mt = _mt_members(cost, a, b, i1, j1)
    for side, member, rest, alone in _edge_splits(bead):
        k = member - i0 if side == "src" else a + member - j0  # its index in ``raw`` and ``mt``
        anchored = any(f[0] in ANCHOR_KINDS for f in (view.src if side == "src" else view.tgt)[member])
        if (raw[k] > 0 and _shares_more(view, bead, side, member)) or (cross_script and not anchored) \
                or (mt is not None and mt[k] >= 0):
            continue  # it shares something (with the MT too), or across scripts nothing could be shared
        ri0, ri1, rj0, rj1 = rest
        matched = float(cost.score(ri1 - ri0, rj1 - rj0, np.array([ri1]), np.array([rj1]))[0])
        left = length_cost(cost, ri1 - ri0, rj1 - rj0, ri1, rj1)
        # A number or name the other side lacks is evidence enough if the length does not object
        # (by more than ``anchor_slack``: a merge that fits a little better is no counter-evidence);
        # a member without one must also leave the length far better fitted. (With MT the DP has
        # already weighed each member against the translation, and merges what the MT matches.)
        fits = (left <= full + cost.p.anchor_slack if anchored and not cost.members
                else full >= cost.p.split_length and left <= cost.p.split_margin * full)
        if matched >= cost.p.split_rest and fits:
            return sorted([rest, alone], key=lambda x: (x[0], x[2]))  # document order
    return None


def _shares_more(view, bead: Bead, side: str, member: int) -> bool:
    """Does ``member`` share a feature with the other side of ``bead`` that the rest of its side
    does not already share? (A dropped sentence next to its neighbour often repeats the
    neighbour's name or keyword: "Ziobro" in both, matched once by the neighbour's translation.)"""
    i0, i1, j0, j1 = bead
    mine, theirs = (view.src, view.tgt[j0:j1]) if side == "src" else (view.tgt, view.src[i0:i1])
    rest = [mine[x] for x in (range(i0, i1) if side == "src" else range(j0, j1)) if x != member]
    there = set().union(*theirs)
    covered = set().union(*rest) & there
    return any(f in there and f not in covered for f in mine[member])


def _mt_members(cost, a: int, b: int, i: int, j: int) -> list[float] | None:
    """Each member's calibrated score against the other side in the MT views (None without MT)."""
    if not cost.members:
        return None
    chance, top = cost.member_scale
    raw = sum(w * np.array([x[0] for x in s.members(a, b, np.array([i]), np.array([j]))]) for s, w in cost.members)
    return list((raw / cost.member_weight - chance) / (top - chance))


def _edge_splits(bead: Bead) -> list[tuple[str, int, Bead, Bead]]:
    """(side, member, rest, the member's one-sided bead) for the first and last member of each
    side that has two or more."""
    i0, i1, j0, j1 = bead
    out = []
    if i1 - i0 >= 2:
        out += [("src", i0, (i0 + 1, i1, j0, j1), (i0, i0 + 1, j0, j0)),
                ("src", i1 - 1, (i0, i1 - 1, j0, j1), (i1 - 1, i1, j1, j1))]
    if j1 - j0 >= 2:
        out += [("tgt", j0, (i0, i1, j0 + 1, j1), (i0, i0, j0, j0 + 1)),
                ("tgt", j1 - 1, (i0, i1, j0, j1 - 1), (i1, i1, j1 - 1, j1))]
    return out
