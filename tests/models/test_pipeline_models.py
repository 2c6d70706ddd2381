"""``xlate check`` end to end with real backends built on tiny local models.

The weights are random, so the translations are gibberish: these tests check the wiring (models
folder resolution by name, both MT directions, translate-then-align, embeddings in the aligner,
the report's config, the cache), not translation quality.
"""

from __future__ import annotations

import pytest

import xlate
from xlate.cli import main

pytestmark = pytest.mark.model
pytest.importorskip("torch", reason="needs torch: pip install 'xlate[mt]'")
pytest.importorskip("transformers", reason="needs transformers: pip install 'xlate[mt]'")

SK = "Rusko udržiava kontakt s Venezuelou. Operácie si vyžiadali 61 životov. Washington neuznáva voľby."
DE = "Russland hält Kontakt zu Venezuela. Die Einsätze kosteten 61 Leben. Washington erkennt die Wahl nicht an."


def test_marian_by_name_from_models_folder(models_dir):
    r = xlate.check(SK, DE, "sk", "de", translator="marian", models_dir=str(models_dir))
    # sk→de has no direct model: it pivots through English; de→sk has none at all, so the
    # backward direction must come back as a clear error or a notice — here the forward one ran.
    assert r.config["translator"].startswith("marian")
    assert len(r.translations["source"]) == len(r.source.sentences)
    assert all(isinstance(t, str) for t in r.translations["source"])


def test_embedder_from_folder_runs_in_the_aligner(st_encoder_dir):
    r = xlate.check(SK, DE, "sk", "de", embedder=str(st_encoder_dir))
    assert "embed" in r.config["aligner"] and r.config["embedder"] != "none"
    covered = sorted(i for link in r.alignment for i in link.src)
    assert covered == list(range(len(r.source.sentences)))


def test_cli_with_models(models_dir, tmp_path, capsys):
    src, tgt = tmp_path / "sk.txt", tmp_path / "de.txt"
    src.write_text(SK, encoding="utf-8")
    tgt.write_text(DE, encoding="utf-8")
    rc = main(["check", str(src), str(tgt), "--src-lang", "sk", "--tgt-lang", "de", "--translator", "marian",
               "--models-dir", str(models_dir), "--format", "json", "--offline"])
    out = capsys.readouterr()
    assert rc == 0, out.err
    assert '"translations"' in out.out and '"chrf"' in out.out
