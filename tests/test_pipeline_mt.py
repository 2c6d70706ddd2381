"""The pipeline with model backends, using small fakes that honour the interfaces.

A dictionary translator and a bag-of-concepts embedder stand in for real models (which tests
cannot download); tests/models covers the real backends on tiny locally built models.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest

import xlate
from xlate.errors import MissingDependencyError

SK = ("Rusko udržiava s Venezuelou neustály kontakt, uviedol hovorca Dmitrij Peskov. "
      "„Sme v neustálej komunikácii s Venezuelou,“ povedal Peskov. "
      "USA útočia na údajných pašerákov drog. "
      "Operácie si vyžiadali už 61 životov.")
EN = ("Russia maintains constant contact with Venezuela, spokesman Dmitry Peskov said. "
      "“We are in permanent touch with Caracas and ready to help,” Peskov said. "
      "The US is attacking drug smugglers. "
      "The operations have already claimed 61 lives.")
GLOSS = {  # what an MT system would make of each Slovak sentence
    "Rusko udržiava": "Russia maintains constant contact with Venezuela, said spokesman Dmitry Peskov.",
    "„Sme v": "“We are in constant communication with Venezuela,” Peskov said.",
    "USA útočia": "The US is attacking alleged drug smugglers.",
    "Operácie si": "The operations have already claimed 61 lives.",
    "Sme v neustálej komunikácii s Venezuelou,": "We are in constant communication with Venezuela,",
}


class DictTranslator:
    name = "dict-test"

    def __init__(self):
        self.calls = 0

    def translate(self, sents, src, tgt):
        self.calls += 1
        if src == "en":
            return list(sents)  # the backward direction is not what these tests look at
        out = []
        for s in sents:
            hit = next((v for k, v in GLOSS.items() if s.strip().startswith(k)), None)
            out.append(hit if hit is not None else s)
        return out


class HashEmbedder:
    """Unit vectors from hashed, folded word prefixes: similar wording → similar vectors."""

    name = "hash-test"

    def embed(self, sentences):
        from xlate.text import fold

        out = np.zeros((len(sentences), 64), dtype=np.float32)
        for i, s in enumerate(sentences):
            for w in re.findall(r"\w+", s):
                h = int(hashlib.md5(fold(w)[:4].encode()).hexdigest(), 16)
                out[i, h % 64] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


def test_translations_are_in_the_report_and_scored():
    r = xlate.check(SK, EN, "sk", "en", translator=DictTranslator())
    assert r.translations["source"][0].startswith("Russia maintains")
    assert len(r.translations["source"]) == len(r.source.sentences)
    assert r.config["translator"] == "dict-test"
    d = r.to_dict()
    assert all("chrf" in link for link in d["alignment"] if link["src"] and link["tgt"])
    assert "translations" in d


def test_mt_confirms_an_editorial_change():
    r = xlate.check(SK, EN, "sk", "en", translator=DictTranslator())
    (hedge,) = [f for f in r.findings if f.type == "hedge"]
    assert hedge.change == "dropped" and hedge.severity == "high"
    assert "editorial change" in hedge.explanation


@pytest.mark.parametrize(("mt", "severity", "why"), [
    ("The operations have already claimed 61 lives.", "high", "no counterpart"),  # MT lacks it: editorial
    ("The operations have not yet claimed 61 lives.", "low", "has it too"),  # MT has it: artefact
])
def test_mt_second_opinion_on_an_added_negation(mt, severity, why):
    src = "Operácie si vyžiadali už 61 životov."
    tgt = "The operations have not claimed 61 lives."
    plain = xlate.check(src, tgt, "sk", "en")
    (neg,) = [f for f in plain.findings if f.type == "negation"]
    assert neg.change == "added" and neg.severity == "high"
    r = xlate.check(src, tgt, "sk", "en", presegmented=True, source_mt=[mt])
    (neg,) = [f for f in r.findings if f.type == "negation"]
    assert neg.severity == severity and why in neg.explanation


@pytest.mark.parametrize(("src", "tgt", "mt", "change", "severity", "why"), [
    # The MT renders the name as the target does: how English says it, not an edit.
    ("Rozhodnutie vydal Najvyšší súd v piatok.", "The decision was issued by the Supreme Court on Friday.",
     "The decision was issued by the Supreme Court on Friday.", "dropped", "low", "probably a rendering"),
    # The MT keeps the name the target lost or replaced: the rewrite changed it.
    ("Rozhodnutie v piatok oznámil Peskov.", "The decision was announced on Friday by the spokesman.",
     "The decision was announced on Friday by Peskov.", "dropped", "medium", "editorial change"),
    ("Rozhodnutie v piatok oznámil Peskov.", "The decision was announced on Friday by Lavrov.",
     "The decision was announced on Friday by Peskov.", "altered", "high", "editorial change"),
])
def test_mt_second_opinion_on_names(src, tgt, mt, change, severity, why):
    (plain,) = [f for f in xlate.check(src, tgt, "sk", "en").findings if f.type == "entity"]
    r = xlate.check(src, tgt, "sk", "en", presegmented=True, source_mt=[mt])
    (ent,) = [f for f in r.findings if f.type == "entity"]
    assert ent.change == plain.change == change
    assert ent.severity == severity and why in ent.explanation
    assert (ent.confidence > plain.confidence) == (why == "editorial change")


def test_mt_catches_reworded_quote():
    plain = xlate.check(SK, EN, "sk", "en")
    assert not any(f.type == "quote" and f.change == "altered" for f in plain.findings)
    r = xlate.check(SK, EN, "sk", "en", translator=DictTranslator())
    (q,) = [f for f in r.findings if f.type == "quote"]
    assert q.change == "altered" and "fresh translation" in q.explanation


def test_embedder_plugs_into_the_aligner():
    r = xlate.check(SK, EN, "sk", "en", embedder=HashEmbedder())
    assert r.config["embedder"] == "hash-test" and "embed" in r.config["aligner"]
    assert [(link.src, link.tgt) for link in r.alignment] == [((i,), (i,)) for i in range(4)]


def test_auto_falls_back_with_a_notice(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("XLATE_MODELS_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    r = xlate.check(SK, EN, "sk", "en", embedder="auto", translator="auto")
    assert r.config["embedder"] == "none" and r.config["translator"] == "none"
    assert len(r.config["notices"]) >= 1 and all("\n" not in n for n in r.config["notices"])


def test_explicit_missing_model_is_an_error(tmp_path, monkeypatch):
    pytest.importorskip("transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("XLATE_MODELS_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    with pytest.raises(MissingDependencyError, match="LaBSE"):
        xlate.check(SK, EN, "sk", "en", embedder="labse")


def test_numbers_get_a_second_opinion_from_the_mt():
    src = "Schůze začala v půl desáté.\nPřišlo 12 lidí."
    tgt = "The meeting began at 9.30.\n13 people came."
    # The MT reads "v půl desáté" as the target does; it keeps 12 where the target says 13.
    mt = ["The meeting began at 9.30.", "12 people came."]
    r = xlate.check(src, tgt, "cs", "en", presegmented=True, source_mt=mt)
    by_bead = {f.src[0]: f for f in r.findings if f.type == "number"}
    assert by_bead[0].severity == "low" and by_bead[0].evidence["mt"] == "shares"
    assert by_bead[1].change == "altered" and by_bead[1].evidence["mt"] == "confirms"
