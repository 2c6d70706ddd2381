"""Machine-translation backends, picked by name and imported only when picked.

>>> t = get_translator("marian", ModelSettings(models_dir="~/models"))  # doctest: +SKIP
>>> run_translator(t, ["Dobrý deň."], "sk", "en")               # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from xlate.config import ModelSettings
from xlate.errors import ConfigError, MissingDependencyError, ModelError
from xlate.models import ModelStore
from xlate.registry import load_dotted
from xlate.translate.base import Translator, run_translator

TRANSLATORS: dict[str, str] = {
    "identity": "xlate.translate.identity:Identity",
    "marian": "xlate.translate.marian:Marian",
    "nllb": "xlate.translate.m2m:NLLB",
    "m2m100": "xlate.translate.m2m:M2M100",
    "ct2": "xlate.translate.ct2:CT2",
}

__all__ = ["TRANSLATORS", "Translator", "auto_translator", "get_translator", "run_translator"]


def get_translator(name: str, settings: ModelSettings | None = None, **options: Any) -> Translator:
    """Build a translator by registry name, or for one model folder or Hub id (``--translator PATH``).

    ``settings`` say where models come from, how they run and whether the sqlite translation cache
    wraps the backend (``mt_cache``); ``options`` are the backend's own (``model``, ``compute_type``,
    ``routes``…). Nothing is loaded yet; a named model is only found and its config read.
    """
    settings = settings or ModelSettings()
    if name not in TRANSLATORS:
        name, options = _for_model(name, settings, options)
    cls = load_dotted(TRANSLATORS[name])
    if name == "identity":
        return cls()
    translator = cls(settings, **options)
    if settings.mt_cache is False:
        return translator
    from xlate.translate.cache import CachedTranslator, TranslationCache

    return CachedTranslator(translator, TranslationCache(None if settings.mt_cache is True else settings.mt_cache))


def _for_model(spec: str, settings: ModelSettings, options: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The registry name and options that run the model ``spec`` names, from its config.json.

    Only names that look like a folder or a Hub id (``org/name``) are looked up, offline-first, so a
    mistyped backend name such as "google" never reaches the Hub.
    """
    from pathlib import Path

    unknown = f"unknown translator {spec!r}; choose one of: {', '.join(TRANSLATORS)}, or a model folder or Hub id"
    if "/" not in spec and "\\" not in spec and not Path(spec).expanduser().is_dir():
        raise ConfigError(unknown)
    try:
        resolved = ModelStore(settings).resolve(spec)
    except ModelError:
        raise
    except MissingDependencyError as e:
        raise ConfigError(f"{unknown} ({e})") from e
    from xlate.translate.hf import is_nllb, read_config

    kind = read_config(resolved)["model_type"]
    if kind == "marian":
        return "marian", {**options, "model": resolved}  # found once: the backend does not look again
    if kind == "m2m_100":
        return ("nllb" if is_nllb(resolved) else "m2m100"), {**options, "model": resolved}
    raise ModelError(f"model {resolved.where} is a {kind!r} model; xlate translates with "
                     "'marian' (opus-mt) and 'm2m_100' (M2M100, NLLB-200) models")


def auto_translator(src: str, tgt: str, settings: ModelSettings | None = None) -> tuple[Translator | None, str | None]:
    """Pick the best backend whose model is already on disk for ``src→tgt`` (never downloads).

    Returns ``(translator, None)``, or ``(None, notice)`` where ``notice`` is one line for the
    caller to print once on stderr: what xlate falls back to and how to get a model.
    Preference: CTranslate2 on a Marian route if ctranslate2 is installed, Marian, NLLB, M2M100.
    """
    from dataclasses import replace
    from importlib.util import find_spec

    from xlate.models import fetch_command
    from xlate.translate import codes

    if find_spec("torch") is None or find_spec("transformers") is None:
        return None, ("no machine translation: torch/transformers not installed; comparing "
                      "without MT (install with: pip install 'xlate[mt]')")
    settings = replace(settings or ModelSettings(), download=False)
    store = ModelStore(settings)
    try:
        from xlate.translate.marian import find_route

        route = find_route(src, tgt, store)
        name = "ct2" if find_spec("ctranslate2") is not None else "marian"
        return get_translator(name, settings, routes={(codes.normalize(src), codes.normalize(tgt)): route}), None
    except MissingDependencyError:
        pass
    for name in ("nllb", "m2m100"):
        found = store.find_local(load_dotted(TRANSLATORS[name]).default_model)
        if found is not None:
            return get_translator(name, settings, model=found), None
    direct = codes.marian_model_id(src, tgt)
    return None, (f"no MT model on disk for {src}->{tgt}; comparing without MT. Get one with: "
                  f"{fetch_command(direct, store.models_dir)}")
