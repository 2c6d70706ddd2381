"""Find model folders offline-first (explicit path, xlate's models folder, HF cache, then Hub) and
load each one once per process (:func:`load_once`).

Nothing here imports torch or transformers at import time; ``huggingface_hub`` is imported only
when the HF cache or the Hub is consulted. ``HF_HUB_OFFLINE`` is read by huggingface_hub when it
is *imported*, so call :func:`set_offline` before anything imports it (xlate itself reads the
variable at call time).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from xlate.errors import MissingDependencyError, ModelError, XlateError

if TYPE_CHECKING:  # xlate.config imports the aligners; a backend module needs only the type
    from xlate.config import ModelSettings

ENV_MODELS_DIR = "XLATE_MODELS_DIR"
ML_INSTALL_HINT = "pip install 'xlate[mt]'"
_TRUE = {"1", "true", "yes", "on"}
# Other frameworks' weights in opus-mt/LaBSE repos: never needed, often larger than the model.
_SKIP_FILES = ["*.h5", "*.ot", "*.msgpack", "*.onnx", "*.tflite", "onnx/*", "openvino/*",
               "tf_model*", "flax_model*", "rust_model*", "coreml/*"]

T = TypeVar("T")
_LOADED: dict[tuple, Any] = {}  # see load_once()
# The app builds backends from several threads; a build may load a part (a tokenizer) itself: re-entrant.
_LOAD_LOCK = threading.RLock()


@dataclass(frozen=True)
class ResolvedModel:
    """A model folder and how it was found (``source``: path|models_dir|hf_cache|download)."""

    path: Path
    source: str
    id: str

    @cached_property
    def fingerprint(self) -> str:
        """Short hash that changes when the model changes; used in translation-cache keys.

        Taken once, when first asked: a key must describe the weights that were loaded, not
        whatever is on disk by the time a later sentence is cached.
        """
        return model_fingerprint(self.path)

    @property
    def where(self) -> str:
        """How messages name the model: its folder when given as a path, else ``id (folder)``."""
        return str(self.path) if self.source == "path" else f"{self.id} ({self.path})"


def set_offline() -> None:
    """Forbid Hub downloads for this process (call before anything imports huggingface_hub).

    huggingface_hub reads ``HF_HUB_OFFLINE`` once at import; if it is already imported we also
    flip its constant, which covers the download helpers xlate calls.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    import sys

    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:
        constants.HF_HUB_OFFLINE = True


def is_offline() -> bool:
    """True when ``HF_HUB_OFFLINE`` (or ``TRANSFORMERS_OFFLINE``) is set to a true value."""
    return any(os.environ.get(v, "").strip().lower() in _TRUE
               for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def default_models_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The models folder: the flag value, else ``$XLATE_MODELS_DIR``, else ~/.cache/xlate/models."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_MODELS_DIR)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "xlate" / "models"


def hf_cache_dir() -> Path:
    """The HF hub cache, read from the environment at call time (not at import)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


def local_dir_for(model_id: str, models: Path) -> Path:
    """Where ``hf download`` should put a model so xlate finds it: ``<dir>/<org>--<name>``."""
    return models / model_id.replace("/", "--")


def fetch_command(model_id: str, models: Path) -> str:
    """The shell command that downloads ``model_id`` into the models folder."""
    return f"hf download {model_id} --local-dir {local_dir_for(model_id, models)}"


def _is_model_dir(p: Path) -> bool:
    return p.is_dir() and (p / "config.json").is_file()


def _looks_like_path(s: str) -> bool:
    return s.startswith((".", "/", "~")) or s.count("/") > 1 or os.sep != "/" and os.sep in s


def _from_hf_cache(model_id: str, cache: Path) -> Path | None:
    if not cache.is_dir() or not (cache / ("models--" + model_id.replace("/", "--"))).is_dir():
        return None  # skip importing huggingface_hub when the repo is clearly absent
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError
    except ImportError:
        return None
    try:
        path = Path(snapshot_download(model_id, cache_dir=cache, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None
    return path if _is_model_dir(path) else None


def _download(model_id: str, models: Path) -> Path:
    """Download into the models folder; any Hub/network failure becomes MissingDependencyError."""
    try:
        from huggingface_hub import snapshot_download
    except ImportError as e:
        raise MissingDependencyError(
            f"cannot download {model_id}: huggingface_hub is not installed ({ML_INSTALL_HINT})"
        ) from e
    target = local_dir_for(model_id, models)
    try:
        path = Path(snapshot_download(model_id, local_dir=target, ignore_patterns=_SKIP_FILES,
                                      endpoint=os.environ.get("HF_ENDPOINT") or None))
    except Exception as e:  # the hub raises many types (HTTP, DNS, auth); all mean "not available"
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise MissingDependencyError(
            f"model {model_id} could not be downloaded ({type(e).__name__}: {first}); "
            f"fetch it elsewhere with: {fetch_command(model_id, models)}"
        ) from e
    if not _is_model_dir(path):
        raise MissingDependencyError(f"model {model_id} downloaded to {path} has no config.json")
    return path


def resolve_model(
    name_or_path: str | os.PathLike,
    *,
    models_dir: str | os.PathLike | None = None,
    download: bool | None = None,
) -> ResolvedModel:
    """Find a model folder. Order: explicit path → models folder → HF cache → Hub download.

    ``download=None`` downloads unless offline (``HF_HUB_OFFLINE=1``); ``False`` never downloads.
    Raises :class:`MissingDependencyError` with one line naming the places searched and the
    command that would fetch the model.
    """
    name = os.fspath(name_or_path)
    p = Path(name).expanduser()
    if _is_model_dir(p):
        return ResolvedModel(p.resolve(), "path", name)
    if _looks_like_path(name) or p.is_dir():
        raise MissingDependencyError(f"model folder {name} does not exist or has no config.json")

    models = default_models_dir(models_dir)
    searched = []
    for cand in (local_dir_for(name, models), models / name):
        searched.append(str(cand))
        if _is_model_dir(cand):
            return ResolvedModel(cand.resolve(), "models_dir", name)

    cache = hf_cache_dir()
    searched.append(f"HF cache {cache}")
    found = _from_hf_cache(name, cache)
    if found is not None:
        return ResolvedModel(found, "hf_cache", name)

    offline = is_offline()
    if download is None:
        download = not offline
    if download:
        try:
            return ResolvedModel(_download(name, models), "download", name)
        except MissingDependencyError as e:
            raise MissingDependencyError(f"model {name} not found on disk (searched {', '.join(searched)}) and "
                                         f"{str(e).removeprefix(f'model {name} ')}") from e
    why = "offline (HF_HUB_OFFLINE=1)" if offline else "download disabled"
    raise MissingDependencyError(
        f"model {name} not found ({why}); searched {', '.join(searched)}; "
        f"fetch it with: {fetch_command(name, models)}"
    )


def find_local(name: str, *, models_dir: str | os.PathLike | None = None) -> ResolvedModel | None:
    """Like :func:`resolve_model` without downloading; None when the model is not on disk."""
    try:
        return resolve_model(name, models_dir=models_dir, download=False)
    except MissingDependencyError:
        return None


@dataclass(frozen=True)
class ModelStore:
    """Where one check's models come from (its :class:`~xlate.config.ModelSettings`): every backend
    finds its models through this, so the folder and the download policy are never passed apart."""

    settings: ModelSettings

    @property
    def models_dir(self) -> Path:
        """xlate's models folder: where models are looked for first, and downloads and CT2 copies go."""
        return default_models_dir(self.settings.models_dir)

    def resolve(self, name: str | os.PathLike) -> ResolvedModel:
        """:func:`resolve_model` under these settings (may download, unless they say not to)."""
        return resolve_model(name, models_dir=self.settings.models_dir, download=self.settings.download)

    def find_local(self, name: str) -> ResolvedModel | None:
        """The model if it is on disk already (never downloads), else None."""
        return find_local(name, models_dir=self.settings.models_dir)


def model_fingerprint(path: str | os.PathLike) -> str:
    """Hash of a model folder's config and its files' names, sizes and modification times.

    Cheap (no weights are read) and changes when weights are rebuilt in place, even with the same
    shape. For an HF-cache snapshot the folder name is the commit hash, which is included too.
    """
    root = Path(path)
    h = hashlib.sha256(root.name.encode())
    # One level down too: sentence-transformers keep Dense weights in 2_Dense/, ct2 copies in ct2/.
    files = [f for d in (root, *sorted(p for p in root.iterdir() if p.is_dir() and p.name != "ct2"))
             for f in sorted(d.iterdir()) if f.is_file()]
    for f in files:
        st = f.stat()
        h.update(f"{f.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        if f.name == "config.json" and f.parent == root:
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


@contextmanager
def loading(model: ResolvedModel | str | os.PathLike) -> Iterator[None]:
    """Turn any failure while loading a found model folder into one-line :class:`ModelError`.

    transformers and CTranslate2 raise many types (OSError for bad JSON, ValueError for a missing
    tokenizer, KeyError for an unknown architecture), often over several lines; the user needs
    which folder, and the first line of why.
    """
    try:
        yield
    except XlateError:
        raise
    except Exception as e:  # noqa: BLE001 - any loader failure means "this folder is not usable"
        where = model.where if isinstance(model, ResolvedModel) else os.fspath(model)
        lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
        raise ModelError(f"model {where} could not be loaded: {type(e).__name__}: "
                         f"{lines[0] if lines else 'no details'}") from e


def load_once(key: tuple, build: Callable[[], T]) -> T:
    """``build()``, run once per process for ``key``; later callers share the object it returned.

    Loading a model costs seconds and RAM. Keys start with a kind and name the folder, its
    fingerprint (a model rebuilt in place is loaded afresh) and whatever else shapes the object,
    e.g. ``("seq2seq", path, fingerprint, device)``. Builds run one at a time.
    """
    with _LOAD_LOCK:
        if key not in _LOADED:
            _LOADED[key] = build()
        return _LOADED[key]


def clear_loaded() -> None:
    """Forget every model and tokenizer :func:`load_once` holds (tests; freeing memory)."""
    with _LOAD_LOCK:
        _LOADED.clear()


@contextmanager
def quiet_loading() -> Iterator[None]:
    """Keep transformers' progress bars, LOAD REPORT tables and warnings (MarianTokenizer's "pip install
    sacremoses") off the user's stderr while loading; the caller's settings are restored after.

    Verbosity and warning filters are process-wide, so two loads overlapping in threads would restore
    each other's quiet settings: loads hold the load lock, one at a time (nesting is fine).
    """
    from transformers.utils import logging as hf_logging

    with _LOAD_LOCK:
        was_enabled = hf_logging.is_progress_bar_enabled()
        level = hf_logging.get_verbosity()
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield
        finally:
            hf_logging.set_verbosity(level)
            if was_enabled:
                hf_logging.enable_progress_bar()


def require_ml(*modules: str) -> None:
    """Raise MissingDependencyError (with the pip hint) unless every module can be imported."""
    for mod in modules or ("torch", "transformers"):
        if importlib.util.find_spec(mod) is None:
            raise MissingDependencyError(f"{mod} is not installed; install it with: "
                                         f"{ML_INSTALL_HINT}")


def torch_device(device: str) -> str:
    """Map ``cpu|cuda|auto`` to a torch device string (imports torch; call from constructors)."""
    import torch

    from xlate.errors import ConfigError

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device not in ("cpu", "cuda") and not device.startswith("cuda:"):
        raise ConfigError(f"unknown device {device!r}; use cpu, cuda or auto")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ConfigError(f"device {device!r} requested but CUDA is not available")
    return device
