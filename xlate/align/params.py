"""The lexical aligner's knobs, apart from its numpy code so that ``xlate.Config`` stays light."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from xlate.errors import ConfigError


@dataclass(frozen=True)
class LexicalParams:
    """Tunable knobs; one set of defaults, chosen on the dev corpora (de-fr, en-is, hu-en, zh-en)."""

    skip: float = 1.5  # cost of leaving one sentence unaligned (1-0 / 0-1)
    merge: float = 0.7  # extra cost per sentence beyond a 1-1 bead (1-2 pays it once)
    length: float = 0.4  # weight of the Gale-Church length cost
    length_var: float = 6.8  # Gale & Church's variance per character
    length_cap: float = 8.0  # most a length mismatch can cost (before the weight)
    ratio_check: bool = True  # re-estimate the length ratio from confident pairs if far off
    mt_weight: float = 2.0  # weight of the MT cosine against the cross-lingual one
    mt_merge: float = 0.5  # `merge` when MT is given: each member of a bead is then checked alone
    member: float = 1.0  # with MT: cost per unit a bead member's own score falls below member_floor
    member_floor: float = 0.3  # calibrated score each member must reach against the other side
    size_exp: float = 1.0  # similarity cost grows with ((a + b) / 2) ** size_exp
    max_bead: int = 5  # beads hold at most this many sentences in all (a + b), 4 on one side
    z_max: float = 3.0  # calibrated similarity above this earns nothing more
    min_spread: float = 0.05  # floor on (typical best cosine - chance cosine)
    width: int = 20  # band half-width around the anchor path
    full_band_cells: int = 1_000_000  # below n*m this many cells, skip the band (no anchors needed)
    short_cells: int = 400  # up to n*m this many cells, re-estimate the length ratio (align/gaps.py)
    prior_weight: float = 2.0  # … shrinking it towards the script prior, worth this many sentences
    split_length: float = 0.5  # a many-to-one bead may lose a member from this length cost up …
    split_margin: float = 0.7  # … when the rest's length cost is at most this share of it …
    split_rest: float = 0.3  # … and the rest still matches at this calibrated score
    anchor_slack: float = 0.1  # a member with a number or name the other side lacks splits unless the length
    # cost without it is worse by more than this

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "bool":
                if not isinstance(value, bool):
                    raise ConfigError(f"align.{f.name} must be true or false, not {value!r}")
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ConfigError(f"align.{f.name} must be a finite number, not {value!r}")
            elif f.name in _POSITIVE and value <= 0:
                raise ConfigError(f"align.{f.name} must be above 0, not {value!r}")


# full_band_cells=0: always banded; short_cells=0: never re-estimate the ratio
_POSITIVE = frozenset({"length_var", "max_bead", "width", "min_spread", "split_length"})
