"""Confidence as a measured probability, and severity cut from it at measured precision.

A finding's ``confidence`` is P(the finding is a real difference | its evidence), from a logistic
model per finding type and change (``number:altered``…) fitted by ``python -m eval.calibrate`` on
development documents with planted edits (``calibration.json`` beside this file; plain numbers, no
torch at run time). Only kinds of finding that the planted edits exercise are modelled; any other
keeps its checker's rule-of-thumb confidence, and says so (``calibrated: false``).
With ``calibration="severity"`` the severity follows from it too: ``high`` where findings that
confident were right at least 90% of the time on out-of-fold development documents, ``medium`` at
70%, ``low`` otherwise; a kind no planted edit measures (an added number, a moved sentence) has
no measured precision to claim, so it is ``low`` there. (By default severity stays the checks' rule
of thumb: at those cuts most kinds of finding cannot yet reach medium, see
``eval/results/calibration``.)

One rule is not learned, because development data cannot show it: a concept finding (hedge,
attribution, negation) between languages of which one has no lexicon is a guess about words the
tool cannot read, so it stays ``low``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from xlate.report.model import Finding, Severity

CONCEPT_TYPES = frozenset({"hedge", "attribution", "negation"})
UNREADABLE_CAP = 0.3  # the most a concept finding gets when one side has no lexicon


def features(f: Finding) -> dict[str, float]:
    """The model's inputs for one finding, from its type, change and evidence."""
    ev = f.evidence
    x = {
        "bias": 1.0,
        "rule_confidence": float(ev.get("rule_confidence", f.confidence)),
        "rule_severity": Severity(ev.get("rule_severity", f.severity)).rank / 2,
        "bead_score": float(ev.get("bead_score", 0.0)),
        "bead_1_1": float(ev.get("bead_shape") == "1-1"),
        "mt_confirms": float(ev.get("mt") == "confirms"),
        "mt_shares": float(ev.get("mt") == "shares"),
        "mt_silent": float(ev.get("mt") == "silent"),
        "cross_script": float(bool(ev.get("cross_script"))),
        "doc_rate": math.log1p(10 * float(ev.get("doc_rate", 0.0))),
        "elsewhere": float(bool(ev.get("elsewhere"))),
        "span_words": math.log1p(float(ev.get("span_words", 0))),
        "paraphrase": float(bool(ev.get("paraphrase"))),  # the other side may say it another way
        "named_source": float(bool(ev.get("named_source"))),  # "uviedla TASS": the source is named
        "stretch": float(bool(ev.get("stretch"))),  # part of a sentence, not a whole one
        "question": float(bool(ev.get("question"))),  # a negation in a question: often politeness
    }
    if ev.get("concept"):
        x[f"concept={ev['concept']}"] = 1.0
    return x


@dataclass(frozen=True)
class TypeModel:
    weights: dict[str, float]
    medium: float  # probability from which a finding of this type is medium
    high: float

    def probability(self, x: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in x.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def severity(self, p: float) -> Severity:
        return Severity.HIGH if p >= self.high else Severity.MEDIUM if p >= self.medium else Severity.LOW


@dataclass(frozen=True)
class Calibration:
    version: str
    types: dict[str, TypeModel]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Calibration:
        return cls(str(d["version"]), {t: TypeModel(dict(m["weights"]), float(m["medium"]), float(m["high"]))
                                       for t, m in d["types"].items()})

    def apply(self, findings: list[Finding], severity: bool = False) -> None:
        """Replace each finding's rule-based confidence (and with ``severity``, its severity) with
        calibrated ones, in place. A kind (type and change) the model has never seen keeps its
        rule-based confidence, recorded as such; with ``severity`` it is low.
        """
        for f in findings:
            model = self.types.get(f"{f.type}:{f.change}")
            if model is None:
                f.evidence["calibrated"] = False
                if severity and f.severity is not Severity.LOW:
                    f.severity = Severity.LOW
                    f.explanation += " (low: no planted edit has measured how often this kind of finding is right)"
                continue
            p = model.probability(features(f))
            if f.type in CONCEPT_TYPES and f.evidence.get("lexicons") is False:
                p = min(p, UNREADABLE_CAP)
            f.confidence = p
            if severity:
                f.severity = model.severity(p)
            f.evidence["calibrated"] = True


@lru_cache(maxsize=1)
def default_calibration() -> Calibration:
    """The calibration shipped with this version of xlate."""
    return Calibration.from_dict(json.loads(files("xlate.compare").joinpath("calibration.json").read_text("utf-8")))
