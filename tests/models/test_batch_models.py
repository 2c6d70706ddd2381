"""A batch with models: each worker builds its embedder and translator once, and every pair's
report equals what ``xlate.check`` gives for that pair alone."""

from __future__ import annotations

import json

import pytest

import xlate
import xlate.embed
import xlate.translate
from xlate.batch import Pair, run_batch
from xlate.config import Config

pytestmark = pytest.mark.model

PAIRS = [
    ("Rusko je v kontakte s Venezuelou. Útoky stáli 61 životov.", "Russland hält Kontakt zu Venezuela. "
     "Die Einsätze kosteten 61 Leben."),
    ("Washington voľby neuznáva. Peskov to povedal v piatok.", "Washington erkennt die Wahl nicht an."),
    ("Útoky na údajných pašerákov pokračujú.", "Die Angriffe auf Schmuggler gehen weiter."),
]


def test_batch_loads_models_once_and_matches_single_checks(models_dir, st_encoder_dir, tmp_path, monkeypatch):
    made = {"embedder": 0, "translator": 0}
    real_embedder, real_translator = xlate.embed.get_embedder, xlate.translate.get_translator

    def embedder(*a, **k):
        made["embedder"] += 1
        return real_embedder(*a, **k)

    def translator(*a, **k):
        made["translator"] += 1
        return real_translator(*a, **k)

    monkeypatch.setattr(xlate.embed, "get_embedder", embedder)
    monkeypatch.setattr(xlate.translate, "get_translator", translator)
    pairs = []
    for i, (sk, de) in enumerate(PAIRS):
        (tmp_path / f"{i}.sk").write_text(sk, encoding="utf-8")
        (tmp_path / f"{i}.de").write_text(de, encoding="utf-8")
        pairs.append(Pair(f"p{i}", str(tmp_path / f"{i}.sk"), str(tmp_path / f"{i}.de"), "sk", "de"))
    config = Config.from_options(translator="marian", embedder=str(st_encoder_dir), models_dir=str(models_dir))
    result = run_batch(pairs, tmp_path / "out", config)
    assert result.checked == len(PAIRS)
    assert made == {"embedder": 1, "translator": 1}
    for (sk, de), pair in zip(PAIRS, pairs):
        batch = json.loads((tmp_path / "out" / "reports" / f"{pair.id}.json").read_text(encoding="utf-8"))
        alone = xlate.check(sk, de, "sk", "de", config=config).to_dict()
        assert batch["config"]["signature"] == alone["config"]["signature"]
        assert batch["findings"] == alone["findings"] and batch["alignment"] == alone["alignment"]
        assert batch["translations"] == alone["translations"]
