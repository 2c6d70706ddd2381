"""One family of exceptions, each carrying the exit code the CLI returns for it."""

from __future__ import annotations


class XlateError(Exception):
    """Base class: the CLI prints ``str(e)`` on one line and exits with ``exit_code``."""

    exit_code = 2


class InputError(XlateError):
    """Unreadable, empty, binary or implausible input."""

    exit_code = 2


class ConfigError(XlateError):
    """Unknown language code, backend name or bad option value."""

    exit_code = 2


class MissingDependencyError(XlateError):
    """An optional package or model is not installed; the message says how to get it."""

    exit_code = 2


class ModelError(MissingDependencyError):
    """A model folder was found but cannot be used (broken config, missing weights, wrong kind)."""


class BackendError(XlateError):
    """A backend broke its contract (wrong number of outputs, crashed)."""

    exit_code = 4


def one_line(e: BaseException) -> str:
    """Messages from other libraries can span lines; an error xlate reports is one line."""
    return " ".join(str(e).split()) or type(e).__name__
