"""``auto_translator``: use what is on disk, else fall back with a one-line notice."""

from __future__ import annotations

import pytest

pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[mt]'")

from xlate.config import ModelSettings  # noqa: E402
from xlate.errors import MissingDependencyError  # noqa: E402
from xlate.translate import auto_translator, get_translator  # noqa: E402
from xlate.translate.cache import CachedTranslator  # noqa: E402

pytestmark = pytest.mark.model


def test_picks_local_marian(models_dir, tmp_path):
    tr, notice = auto_translator("sk", "en", ModelSettings(models_dir=models_dir, mt_cache=str(tmp_path / "c.sqlite")))
    assert notice is None and isinstance(tr, CachedTranslator)
    assert tr.inner.name.split(":")[0] in ("marian", "ct2-int8")


def test_falls_back_with_one_line_notice(tmp_path):
    tr, notice = auto_translator("sk", "fr", ModelSettings(models_dir=tmp_path))
    assert tr is None
    assert "\n" not in notice and "comparing without MT" in notice
    assert f"hf download Helsinki-NLP/opus-mt-sk-fr --local-dir {tmp_path}" in notice


def test_get_translator_wraps_in_cache(models_dir, tmp_path, _torch_one_thread):
    tr = get_translator("marian", ModelSettings(models_dir=models_dir, mt_cache=str(tmp_path / "c.sqlite"),
                                                max_new_tokens=8))
    first = tr.translate(["nový rok", "mesto"], "sk", "en")
    assert tr.translate(["mesto", "nový rok"], "sk", "en") == first[::-1]
    assert (tr.hits, tr.misses) == (2, 2)
    assert get_translator("marian", ModelSettings(models_dir=models_dir, mt_cache=False)).name == "marian"


def test_resolve_translator_passes_every_setting(models_dir, tmp_path, monkeypatch):
    from xlate.backends import resolve_translator

    monkeypatch.delenv("HF_HUB_OFFLINE")  # so that only download=False keeps it from the (dead) Hub

    bare = resolve_translator("marian", "sk", "en", ModelSettings(models_dir=models_dir, mt_cache=False,
                                                                   num_beams=2, max_input_tokens=64)).backend
    assert not isinstance(bare, CachedTranslator)
    assert bare.cache_key("sk", "en").endswith("|beams=2,new=256,in=64")
    cached = resolve_translator("marian", "sk", "en", ModelSettings(mt_cache=str(tmp_path / "c.sqlite"))).backend
    assert cached.cache.path == tmp_path / "c.sqlite"
    never = resolve_translator("m2m100", "sk", "de", ModelSettings(models_dir=tmp_path, download=False)).backend
    with pytest.raises(MissingDependencyError, match="download disabled"):
        never.translate(["x"], "sk", "de")
