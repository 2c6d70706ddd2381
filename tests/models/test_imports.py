"""Importing xlate and its model-backend modules must not import torch or transformers."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "xlate", "xlate.models", "xlate.translate", "xlate.translate.codes", "xlate.translate.cache",
    "xlate.translate.hf", "xlate.translate.marian", "xlate.translate.m2m", "xlate.translate.ct2",
    "xlate.embed", "xlate.embed.base", "xlate.embed.hf",
]


def test_imports_leave_torch_out():
    code = (
        "import importlib, sys\n"
        f"for m in {MODULES!r}: importlib.import_module(m)\n"
        "heavy = [m for m in ('torch', 'transformers', 'ctranslate2', 'huggingface_hub')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
