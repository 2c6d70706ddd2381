"""Builders for tiny random-weight models (no Hub access, no downloads); used by conftest.py.

Each builder writes a folder with ``save_pretrained`` and tests load it back through the normal
``from_pretrained`` path, exactly as a downloaded model would be loaded.
"""

from __future__ import annotations

import io
import json
import random
import warnings
from pathlib import Path

SACREMOSES = "Recommended: pip install sacremoses"
WORDS = (
    "the a minister police said not will may twelve people city house report government year "
    "new old news story border water road dobrý deň vláda povedal nie dvanásť ľudí mesto "
    "polícia správa rok nový starý Haus Stadt Regierung sagte nicht zwölf Leute"
).split()


def sentences(n: int = 300, seed: int = 0) -> list[str]:
    """Deterministic pseudo-sentences covering every word and some digits/punctuation."""
    rng = random.Random(seed)
    out = [" ".join(WORDS[i:i + 6]) + "." for i in range(0, len(WORDS), 6)]
    while len(out) < n:
        words = [rng.choice(WORDS) for _ in range(rng.randint(2, 12))]
        if rng.random() < 0.3:
            words.insert(rng.randint(0, len(words)), str(rng.randint(0, 99)))
        out.append(" ".join(words).capitalize() + rng.choice(".!?"))
    return out


def train_spm(texts: list[str], vocab_size: int = 160) -> bytes:
    """A unigram sentencepiece model (bytes), without bos/eos/pad (the tokenizers add those)."""
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts), model_writer=buf, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        unk_id=0, bos_id=-1, eos_id=-1, pad_id=-1, minloglevel=2,
    )
    return buf.getvalue()


def _pieces(spm_bytes: bytes) -> list[tuple[str, float]]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=spm_bytes)
    return [(sp.id_to_piece(i), sp.get_score(i)) for i in range(1, sp.get_piece_size())]


def build_marian(folder: Path, spm_bytes: bytes, seed: int, *, eos_bias: float = 6.0) -> Path:
    """A 1+1-layer Marian (d_model 32) with opus-mt's file layout: source/target.spm + vocab.json.

    Random weights at init_std 1.0 make outputs depend on the input; an EOS logit bias makes
    many outputs stop before the length limit. No forced EOS at the limit (opus-mt has one):
    CTranslate2 does not force it, and parity tests compare truncated outputs too.
    """
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    raw = folder.with_name(folder.name + "-raw")
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "source.spm").write_bytes(spm_bytes)
    (raw / "target.spm").write_bytes(spm_bytes)
    vocab = {"</s>": 0, "<unk>": 1}
    for piece, _ in _pieces(spm_bytes):
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)  # opus-mt convention: pad is the last id and starts the decoder
    (raw / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=SACREMOSES)
        tok = MarianTokenizer(source_spm=str(raw / "source.spm"),
                              target_spm=str(raw / "target.spm"), vocab=str(raw / "vocab.json"))
    tok.save_pretrained(folder)
    pad = vocab["<pad>"]
    cfg = MarianConfig(
        vocab_size=len(vocab), d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64,
        decoder_ffn_dim=64, max_position_embeddings=128, pad_token_id=pad, eos_token_id=0,
        decoder_start_token_id=pad, forced_eos_token_id=None, init_std=1.0,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(cfg).eval()
    with torch.no_grad():
        model.final_logits_bias[0, 0] = eos_bias
    model.save_pretrained(folder)
    return folder


def build_m2m100(folder: Path, spm_bytes: bytes, seed: int = 7) -> Path:
    """A tiny M2M100 whose embedding covers the 100 language tokens and the made-up words."""
    from transformers import M2M100Tokenizer

    raw = folder.with_name(folder.name + "-raw")
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "sentencepiece.bpe.model").write_bytes(spm_bytes)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece, _ in _pieces(spm_bytes):
        vocab.setdefault(piece, len(vocab))
    (raw / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    tok = M2M100Tokenizer(vocab_file=str(raw / "vocab.json"),
                          spm_file=str(raw / "sentencepiece.bpe.model"))
    tok.save_pretrained(folder)
    # len(tokenizer) leaves out the language tokens, which sit after the sentencepiece vocab.
    size = tok.vocab_size + len(tok.lang_code_to_id) + tok.num_madeup_words
    return _save_m2m100(folder, size, 128, seed)


def build_encoder(folder: Path, spm_bytes: bytes, seed: int = 11) -> Path:
    """A 2-layer XLM-R-style encoder (hidden 32) with its sentencepiece-unigram tokenizer.

    transformers 5 ignores ``XLMRobertaTokenizer(vocab_file=...)``: the tokenizer is built from
    the piece list, saved, and loaded back from the folder.
    """
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaModel, XLMRobertaTokenizer

    specials = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    tok = XLMRobertaTokenizer(vocab=specials + _pieces(spm_bytes) + [("<mask>", 0.0)])
    tok.save_pretrained(folder)
    cfg = XLMRobertaConfig(
        vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=130, pad_token_id=tok.pad_token_id,
        bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
    )
    torch.manual_seed(seed)
    XLMRobertaModel(cfg).eval().save_pretrained(folder)
    return folder


def add_st_files(folder: Path, *, pooling: str = "cls", dense_out: int = 16) -> Path:
    """Turn an encoder folder into a sentence-transformers layout (LaBSE: CLS → Dense tanh)."""
    import torch
    from safetensors.torch import save_file

    hidden = json.loads((folder / "config.json").read_text())["hidden_size"]
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
        {"idx": 3, "name": "3", "path": "3_Normalize",
         "type": "sentence_transformers.models.Normalize"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 64}))
    (folder / "1_Pooling").mkdir(exist_ok=True)
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": hidden,
        "pooling_mode_cls_token": pooling == "cls",
        "pooling_mode_mean_tokens": pooling == "mean",
    }))
    (folder / "2_Dense").mkdir(exist_ok=True)
    (folder / "2_Dense" / "config.json").write_text(json.dumps({
        "in_features": hidden, "out_features": dense_out, "bias": True,
        "activation_function": "torch.nn.modules.activation.Tanh",
    }))
    g = torch.Generator().manual_seed(3)
    save_file({"linear.weight": torch.randn(dense_out, hidden, generator=g),
               "linear.bias": torch.randn(dense_out, generator=g)},
              str(folder / "2_Dense" / "model.safetensors"))
    return folder


def build_nllb(folder: Path, texts: list[str], seed: int = 13) -> Path:
    """A tiny NLLB-200-style model: character-level BPE vocab plus the 200+ FLORES codes."""
    from transformers import NllbTokenizer

    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "▁": 4}
    for ch in sorted({c for t in texts for c in t if not c.isspace()}):
        vocab.setdefault(ch, len(vocab))
    tok = NllbTokenizer(vocab=vocab, merges=[])
    tok.save_pretrained(folder)
    return _save_m2m100(folder, len(tok), 256, seed)


def _save_m2m100(folder: Path, vocab_size: int, positions: int, seed: int) -> Path:
    """A one-layer M2M100 (the architecture NLLB shares) with random weights, saved to ``folder``."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    cfg = M2M100Config(
        vocab_size=vocab_size, d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64,
        decoder_ffn_dim=64, max_position_embeddings=positions, init_std=1.0, pad_token_id=1,
        bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
    )
    torch.manual_seed(seed)
    M2M100ForConditionalGeneration(cfg).eval().save_pretrained(folder)
    return folder
