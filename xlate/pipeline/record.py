"""What a report says it ran with: the ``config`` block and its one-line signature.

Both are derived from the :class:`~xlate.config.Config` and the backends that actually ran, never
assembled by hand elsewhere, so ``xlate check`` and ``xlate align`` with the same settings sign
the same way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from xlate import __version__
from xlate.align.params import LexicalParams
from xlate.backends import backend_name, describe, model_records
from xlate.compare import CHECKS
from xlate.compare.calibration import default_calibration
from xlate.config import Config, ModelSettings
from xlate.lexicons.conventions import conventions_sha
from xlate.pipeline.stages import Document, Translation


@dataclass(frozen=True)
class RunRecord:
    """The settings and resolved backends of one run, as the report's ``config`` records them."""

    config: Config
    doc: Document
    models: dict[str, list[dict[str, str]]]  # per role: every model folder used
    embedder: str  # "none" when the lexical aligner ran alone
    translator: str  # the forward direction's models, "none" without a translator
    translator_back: str
    notices: tuple[str, ...]

    @classmethod
    def of(cls, config: Config, doc: Document, embedder: Any, mt: Translation) -> RunRecord:
        """The record of a run over ``doc`` with these backends (those that did not run are None)."""
        src, tgt = doc.src_lang, doc.tgt_lang
        return cls(
            config=config, doc=doc,
            embedder=backend_name(embedder) if embedder is not None else "none",
            translator=describe(mt.forward, src, tgt) if mt.forward is not None else "none",
            translator_back=describe(mt.backward, tgt, src) if mt.backward is not None else "none",
            models={"embedder": model_records(embedder, src, tgt),
                    "translator": model_records(mt.forward, src, tgt),
                    "translator_back": model_records(mt.backward, tgt, src)},
            notices=mt.notices,
        )

    @property
    def lexicons(self) -> dict[str, str]:
        return {self.doc.src_lang: self.doc.src_lex.sha, self.doc.tgt_lang: self.doc.tgt_lex.sha}

    @property
    def aligner(self) -> str:
        return "lexical" + (f"+embed:{self.embedder}" if self.embedder != "none" else "")

    @property
    def signature(self) -> str:
        """One line that records every setting that changes results, sacrebleu-style; settings at
        their defaults are left out (``+nofurn``, ``align:lexical@<knobs hash>``, ``given:src``…)."""
        c = self.config
        lex = ",".join(f"{k}={v}" for k, v in self.lexicons.items()) + f",conv={conventions_sha()}"
        seg = c.segmenter + ("" if c.furniture else "+nofurn")
        align = self.aligner + ("" if c.align == LexicalParams() else f"@{_short_hash(asdict(c.align))}")
        given = [side for side, mt in (("src", c.source_mt), ("tgt", c.target_mt)) if mt is not None]
        mt = self.translator + (f"+given:{','.join(given)}" if given else "")
        if self.translator_back not in ("none", self.translator):
            mt += f",back:{self.translator_back}"
        ran = self.translator != "none" or self.translator_back != "none"
        if ran and c.models.generation != ModelSettings().generation:
            mt += f"@{c.models.generation}"
        if self.embedder != "none":
            mt += f"|emb:{self.embedder}"
        checks = "all" if set(c.checks) == set(CHECKS) else "+".join(c.checks)
        terms = f"|terms:{c.terms.sha}" if c.terms is not None else ""
        return (f"{self.doc.src_lang}-{self.doc.tgt_lang}|seg:{seg}|align:{align}|mt:{mt}|lex:{lex}|"
                f"checks:{checks}{terms}|cal:{self.calibration}|v:{__version__}")

    @property
    def calibration(self) -> str:
        """The confidence calibration's version (``+severity`` when it also sets severities), or ``off``."""
        mode = self.config.calibration
        if mode == "off":
            return "off"
        return default_calibration().version + ("+severity" if mode == "severity" else "")

    def to_dict(self) -> dict[str, Any]:
        """The report's ``config`` block (JSON schema 2)."""
        c = self.config
        return {
            "src_lang": self.doc.src_lang, "tgt_lang": self.doc.tgt_lang,
            "src_lang_detected": self.doc.detected[0], "tgt_lang_detected": self.doc.detected[1],
            "segmenter": c.segmenter,
            "aligner": self.aligner,
            "embedder": self.embedder,
            "translator": self.translator,
            "translator_back": self.translator_back,
            "models": self.models,
            "device": c.models.device,
            "source_mt": c.source_mt is not None, "target_mt": c.target_mt is not None,
            "checks": list(c.checks),
            "calibration": self.calibration,
            "furniture": c.furniture,
            "max_length_ratio": c.max_length_ratio,
            "lexicons": dict(self.lexicons),
            "terms": ({"sha": c.terms.sha, "entries": len(c.terms.for_pair(self.doc.src_lang, self.doc.tgt_lang))}
                      if c.terms is not None else None),
            "notices": list(self.notices),
            "signature": self.signature,
        }


def _short_hash(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode("utf-8")).hexdigest()[:8]
