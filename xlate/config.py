"""Every setting of a check in one frozen, typed object, validated once when it is built.

The CLI, the app and the Python API all build a :class:`Config` and hand it to the pipeline; the
report's ``config`` block and its signature are derived from it (see :mod:`xlate.pipeline.record`),
so what a report says it ran with is what it ran with.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal, get_args

from xlate.align.params import LexicalParams
from xlate.errors import ConfigError

Device = Literal["cpu", "cuda", "auto"]  # or "cuda:N" for one GPU of several
DEVICES: tuple[str, ...] = get_args(Device)
_CUDA_N = re.compile(r"cuda:\d+")
Calibrate = Literal["confidence", "severity", "off"]
CALIBRATIONS: tuple[str, ...] = get_args(Calibrate)


@dataclass(frozen=True)
class ModelSettings:
    """Where models come from and how they run; passed whole to every model backend."""

    models_dir: str | None = None  # None: $XLATE_MODELS_DIR, else ~/.cache/xlate/models
    device: Device = "cpu"
    download: bool | None = None  # None: download unless offline (HF_HUB_OFFLINE=1); False: never
    batch_size: int = 16
    num_beams: int = 1
    max_new_tokens: int = 256
    max_input_tokens: int = 512
    mt_cache: bool | str = True  # the sqlite translation cache: True default path, a path, or False

    def __post_init__(self) -> None:
        if self.device not in DEVICES and not (isinstance(self.device, str) and _CUDA_N.fullmatch(self.device)):
            raise ConfigError(f"unknown device {self.device!r}; valid: {', '.join(DEVICES)}, cuda:N")
        if self.download not in (None, True, False):
            raise ConfigError(f"download must be true, false or unset, not {self.download!r}")
        if not isinstance(self.mt_cache, (bool, str)):
            raise ConfigError(f"mt_cache must be true, false or a file path, not {self.mt_cache!r}")
        for name in ("batch_size", "num_beams", "max_new_tokens", "max_input_tokens"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a whole number of at least 1, not {value!r}")
        if self.models_dir is not None:
            object.__setattr__(self, "models_dir", str(self.models_dir))

    @property
    def generation(self) -> str:
        """The settings that change a translation's output, as the signature records them."""
        return f"beams={self.num_beams},new={self.max_new_tokens},in={self.max_input_tokens}"


def _default_checks() -> tuple[str, ...]:
    from xlate.compare import CHECKS

    return tuple(CHECKS)


@dataclass(frozen=True)
class Config:
    """One check's settings. ``embedder``/``translator`` are names (``lexical``/``none``, ``auto``,
    a registry name, a model folder or hub id) or ready backend objects with ``embed``/``translate``
    (tests, notebooks)."""

    src_lang: str | None = None  # None: detect from the text
    tgt_lang: str | None = None
    presegmented: bool = False  # one sentence per line, kept as given
    furniture: bool = True  # recognise bylines, footers and "you may also like" and leave them out
    max_length_ratio: float = 10.0  # refuse pairs where one side is this many times longer
    align: LexicalParams = field(default_factory=LexicalParams)
    embedder: Any = "lexical"
    translator: Any = "none"
    checks: tuple[str, ...] = field(default_factory=_default_checks)
    # "confidence": each finding's confidence is a measured probability (xlate.compare.calibration);
    # "severity": its severity is also cut from that probability at 70% / 90% measured precision;
    # "off": the checks' own rule-of-thumb confidence.
    calibration: Calibrate = "confidence"
    source_mt: tuple[str, ...] | None = None  # the source in the target language, a line per sentence
    target_mt: tuple[str, ...] | None = None  # the target in the source language
    models: ModelSettings = field(default_factory=ModelSettings)
    # A desk's term list (xlate.review.terms.TermList): accepted renderings and terms never flagged.
    terms: Any = None

    def __post_init__(self) -> None:
        from xlate.compare import CHECKS
        from xlate.langs import normalize_lang

        for name in ("src_lang", "tgt_lang"):
            code = getattr(self, name)
            if code is not None:
                object.__setattr__(self, name, normalize_lang(code))
        ratio = self.max_length_ratio
        if isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or not math.isfinite(ratio) or ratio < 1:
            raise ConfigError(f"max_length_ratio must be a finite number of at least 1, not {ratio!r}")
        object.__setattr__(self, "max_length_ratio", float(ratio))
        if self.calibration not in CALIBRATIONS:
            raise ConfigError(f"unknown calibration {self.calibration!r}; valid: {', '.join(CALIBRATIONS)}")
        for name in ("presegmented", "furniture"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name} must be true or false, not {getattr(self, name)!r}")
        for name, method, none in (("embedder", "embed", "lexical"), ("translator", "translate", "none")):
            value = getattr(self, name)
            if not (value is None or isinstance(value, str) or callable(getattr(value, method, None))):
                raise ConfigError(f"{name} must be a name ({none}, auto, a model) or an object with "
                                  f"{method}(), not {type(value).__name__}")
        checks = (self.checks,) if isinstance(self.checks, str) else tuple(dict.fromkeys(self.checks))
        for name in checks:
            if name not in CHECKS:
                raise ConfigError(f"unknown check {name!r}; valid: {', '.join(CHECKS)}")
        object.__setattr__(self, "checks", checks)
        for name in ("source_mt", "target_mt"):
            object.__setattr__(self, name, _lines(getattr(self, name), name))
        if not isinstance(self.align, LexicalParams):
            raise ConfigError("align must be a LexicalParams")
        if not isinstance(self.models, ModelSettings):
            raise ConfigError("models must be a ModelSettings")
        if self.terms is not None:
            from xlate.review.terms import TermList

            if not isinstance(self.terms, TermList):
                raise ConfigError("terms must be a TermList (xlate.review.terms.TermList.load(path))")

    @classmethod
    def from_options(cls, base: Config | None = None, **options: Any) -> Config:
        """A Config from keyword options: its own fields, plus :class:`ModelSettings` fields
        (``device=``, ``models_dir=``…) as a shortcut. Unknown names are a ConfigError."""
        if base is not None and not isinstance(base, Config):
            raise ConfigError(f"config must be an xlate.Config, not {type(base).__name__}")
        own = {f.name for f in fields(cls)}
        model = {f.name for f in fields(ModelSettings)}
        unknown = set(options) - own - model
        if unknown:
            raise ConfigError(f"unknown option(s): {', '.join(sorted(unknown))}; "
                              f"valid: {', '.join(sorted(own | model))}")
        base = base or cls()
        models = {k: v for k, v in options.items() if k in model}
        if models:
            options = {**options, "models": replace(options.get("models", base.models), **models)}
        return replace(base, **{k: v for k, v in options.items() if k in own})

    @property
    def segmenter(self) -> str:
        """The segmenter's name in the report: ``lines`` (as given) or ``rules``."""
        return "lines" if self.presegmented else "rules"

    @property
    def wants_mt(self) -> bool:
        """Is a translator configured (supplied MT aside)?"""
        return self.translator not in (None, "none")


def _lines(value: Sequence[str] | None, name: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{name} must be a sequence of lines (one string per sentence)")
    return tuple(value)
