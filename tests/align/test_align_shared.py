"""The lexical aligner on gold-aligned Text+Berg (de-fr), when ../shared/data is present."""

from __future__ import annotations

import pytest

from eval.align import run_corpus

# Measured 0.847 (lexical) and 0.897 (lexical+mt, Google MT); floors sit a little below.
FLOORS = {"lexical": 0.82, "lexical+mt": 0.88}


@pytest.mark.shared_data
@pytest.mark.parametrize("config", sorted(FLOORS))
def test_textberg_dev_strict_f1(shared_data, config):
    corpus = shared_data / "align" / "textberg_dev"
    if not (corpus / "corpus.json").is_file():
        pytest.skip(f"gold-aligned corpus not found at {corpus}")
    result = run_corpus(corpus, config)
    assert result["f1_strict"] >= FLOORS[config], result
