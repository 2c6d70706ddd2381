"""Benchmark model backends on real-shaped, random-weight models (no downloads).

    python -m eval.bench_models [--threads 2] [--quick]

* Translation: an opus-mt-base-shaped Marian (d_model 512, 6+6 layers, 8 heads, FFN 2048,
  vocab 58,101) decoded greedily with transformers ``generate()`` and with CTranslate2
  (int8 and float32). Random weights never choose EOS sensibly, so every sentence is forced
  to exactly ``--max-new-tokens`` tokens (``min_new_tokens`` / ``min_decoding_length``) and
  throughput is generated tokens per second.
* Embedding: a LaBSE-shaped BERT-base encoder (768, 12 layers, 12 heads, vocab 501,153) run
  like xlate.embed.hf (length-sorted batches, pooler output, L2 norm); sentences per second.

Writes eval/results/models/bench_models.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

MARIAN_VOCAB = 58_101  # opus-mt-*: 58,100 pieces + <pad>
LABSE_VOCAB = 501_153


def _lengths(n: int, seed: int) -> list[int]:
    """News-like source lengths in subword tokens (10-50, mean ~30)."""
    import random

    rng = random.Random(seed)
    return [max(10, min(50, int(rng.gauss(30, 9)))) for _ in range(n)]


def _write_marian(folder: Path, seed: int) -> None:
    """Save an opus-mt-base-shaped Marian with random weights and a padded tokenizer vocab."""
    import io

    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    buf = io.BytesIO()
    text = [f"sentence {i} about the city and the minister" for i in range(200)]
    spm.SentencePieceTrainer.train(sentence_iterator=iter(text), model_writer=buf,
                                   vocab_size=60, hard_vocab_limit=False, minloglevel=2,
                                   bos_id=-1, eos_id=-1, pad_id=-1, unk_id=0)
    raw = folder.with_name(folder.name + "-raw")
    raw.mkdir(parents=True)
    for name in ("source.spm", "target.spm"):
        (raw / name).write_bytes(buf.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    while len(vocab) < MARIAN_VOCAB - 1:
        vocab[f"▁w{len(vocab)}"] = len(vocab)
    vocab["<pad>"] = MARIAN_VOCAB - 1
    (raw / "vocab.json").write_text(json.dumps(vocab))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        MarianTokenizer(str(raw / "source.spm"), str(raw / "target.spm"),
                        str(raw / "vocab.json")).save_pretrained(folder)
    cfg = MarianConfig(
        vocab_size=MARIAN_VOCAB, d_model=512, encoder_layers=6, decoder_layers=6,
        encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048,
        decoder_ffn_dim=2048, max_position_embeddings=512, pad_token_id=MARIAN_VOCAB - 1,
        eos_token_id=0, decoder_start_token_id=MARIAN_VOCAB - 1, forced_eos_token_id=None,
    )
    torch.manual_seed(seed)
    MarianMTModel(cfg).eval().save_pretrained(folder)


def _batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    from xlate.translate.hf import length_batches

    return list(length_batches(lengths, batch_size))


def _timed(fn, warm_up) -> float:
    warm_up()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _padded(torch, rows: list[list[int]], batch: list[int], pad: int):
    """One batch of token-id rows as a padded id tensor and its attention mask."""
    width = max(len(rows[i]) for i in batch)
    ids = torch.full((len(batch), width), pad)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for r, i in enumerate(batch):
        ids[r, :len(rows[i])] = torch.tensor(rows[i])
        mask[r, :len(rows[i])] = 1
    return ids, mask


def _time_transformers(torch, work: Path, inputs: dict, args: argparse.Namespace) -> dict:
    """transformers ``generate()``, greedy, exactly ``max_new_tokens`` per sentence."""
    from transformers import MarianMTModel

    from xlate.models import quiet_loading

    with quiet_loading():
        model = MarianMTModel.from_pretrained(str(work / "marian")).eval()
    pad, new, sources = model.config.pad_token_id, args.max_new_tokens, inputs["sources"]

    def run(batches: list[list[int]]) -> None:
        for b in batches:
            ids, mask = _padded(torch, sources, b, pad)
            with torch.inference_mode():
                model.generate(input_ids=ids, attention_mask=mask, do_sample=False,
                               num_beams=1, max_new_tokens=new, min_new_tokens=new)

    batches = _batches([len(x) for x in sources], args.batch_size)
    secs = _timed(lambda: run(batches), lambda: run([batches[0][:2]]))
    return {"seconds": secs, "tokens": new * len(sources)}  # min_new_tokens: exactly `new`


def _time_ct2(compute_type: str, work: Path, inputs: dict, args: argparse.Namespace) -> dict:
    """CTranslate2 ``translate_batch`` on the converted copy, greedy, fixed length."""
    import ctranslate2

    tr = ctranslate2.Translator(str(work / "ct2"), device="cpu", compute_type=compute_type,
                                intra_threads=args.threads, inter_threads=1)
    vocab = json.loads((work / "ct2" / "shared_vocabulary.json").read_text())
    toks = [[vocab[t] for t in src] for src in inputs["sources"]]
    new, produced = args.max_new_tokens, []

    def run(batches: list[list[int]]) -> None:
        for b in batches:
            res = tr.translate_batch([toks[i] for i in b], beam_size=1,
                                     max_decoding_length=new, min_decoding_length=new)
            produced.append(sum(len(r.hypotheses[0]) for r in res))

    batches = _batches([len(x) for x in toks], args.batch_size)
    secs = _timed(lambda: run(batches), lambda: (run([batches[0][:2]]), produced.clear()))
    return {"seconds": secs, "tokens": sum(produced)}


def _time_embed(torch, inputs: dict, args: argparse.Namespace) -> dict:
    """A LaBSE-shaped BERT: pooler output and L2 norm, as xlate.embed.hf runs it."""
    from transformers import BertConfig, BertModel

    cfg = BertConfig(vocab_size=args.embed_vocab, hidden_size=768, num_hidden_layers=12,
                     num_attention_heads=12, intermediate_size=3072, max_position_embeddings=512)
    torch.manual_seed(2)
    model = BertModel(cfg).eval()
    sents = inputs["embed"]

    def run(batches: list[list[int]]) -> None:
        for b in batches:
            ids, mask = _padded(torch, sents, b, 0)
            with torch.inference_mode():
                vec = model(input_ids=ids, attention_mask=mask).pooler_output
                torch.nn.functional.normalize(vec, dim=-1)

    batches = _batches([len(x) for x in sents], args.embed_batch_size)
    secs = _timed(lambda: run(batches), lambda: run([batches[0][:2]]))
    params = sum(p.numel() for p in model.parameters())
    return {"seconds": secs, "sentences": len(sents), "params": params}


def worker(backend: str, work: Path, args: argparse.Namespace) -> dict:
    """Time one backend once in this (fresh) process; returns seconds and units produced.

    Each backend runs in its own process: torch's and CTranslate2's OpenMP pools spin-wait
    after work, and sharing a process with the other library's pool slowed transformers 5x.
    """
    import torch

    torch.set_num_threads(args.threads)
    inputs = json.loads((work / "inputs.json").read_text())
    if backend == "transformers_fp32":
        return _time_transformers(torch, work, inputs, args)
    if backend.startswith("ct2_"):
        return _time_ct2(backend.removeprefix("ct2_"), work, inputs, args)
    if backend == "embed_fp32":
        return _time_embed(torch, inputs, args)
    raise SystemExit(f"unknown backend {backend}")


def _summary(rounds: list[dict], unit: str) -> dict:
    import statistics

    secs = [r["seconds"] for r in rounds]
    count = rounds[0][unit]
    return {"rounds_s": [round(x, 2) for x in secs], "seconds": round(min(secs), 2),
            "median_s": round(statistics.median(secs), 2), unit: count,
            f"{unit}_per_s": round(count / min(secs), 1),
            f"{unit}_per_s_median": round(count / statistics.median(secs), 1)}


def run_all(args: argparse.Namespace, work: Path) -> dict:
    """Set up once, then run every backend ``repeats`` times, round-robin, one process each."""
    import subprocess

    import torch

    from xlate.models import ResolvedModel
    from xlate.translate.ct2 import convert

    t0 = time.perf_counter()
    _write_marian(work / "marian", seed=0)
    converted = convert(ResolvedModel(work / "marian", "path", "bench/opus-mt-base"), work / "c")
    os.replace(converted, work / "ct2")
    gen = torch.Generator().manual_seed(1)
    sources = [torch.randint(2, MARIAN_VOCAB - 1, (n - 1,), generator=gen).tolist() + [0]
               for n in _lengths(args.sentences, seed=1)]
    embed = [torch.randint(5, args.embed_vocab, (n,), generator=gen).tolist()
             for n in _lengths(args.embed_sentences, seed=3)]
    (work / "inputs.json").write_text(json.dumps({"sources": sources, "embed": embed}))
    setup_s = time.perf_counter() - t0

    backends = ["transformers_fp32", "ct2_int8", "ct2_float32", "embed_fp32"]
    rounds: dict[str, list[dict]] = {b: [] for b in backends}
    passthrough = [f"--{k.replace('_', '-')}={v}" for k, v in vars(args).items()
                   if k in ("threads", "max_new_tokens", "batch_size", "embed_batch_size",
                            "embed_vocab")]
    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads)}
    for _ in range(args.repeats):
        for b in backends:
            done = subprocess.run(
                [sys.executable, "-m", "eval.bench_models", "--worker", b, "--work", str(work),
                 *passthrough], capture_output=True, text=True, env=env, check=False)
            if done.returncode != 0:
                raise SystemExit(f"worker {b} failed:\n{done.stderr[-3000:]}")
            rounds[b].append(json.loads(done.stdout.strip().splitlines()[-1]))
    tr = {"setup_s": round(setup_s, 1), "sentences": len(sources),
          "source_tokens": sum(map(len, sources)), "batch_size": args.batch_size,
          "new_tokens_per_sentence": args.max_new_tokens}
    for b in backends[:3]:
        tr[b] = _summary(rounds[b], "tokens")
    for b in ("ct2_int8", "ct2_float32"):
        tr[b]["speedup_vs_transformers"] = round(
            tr[b]["tokens_per_s"] / tr["transformers_fp32"]["tokens_per_s"], 2)
        tr[b]["speedup_median"] = round(
            tr[b]["tokens_per_s_median"] / tr["transformers_fp32"]["tokens_per_s_median"], 2)
    emb = {"vocab_size": args.embed_vocab,
           "params_millions": round(rounds["embed_fp32"][0]["params"] / 1e6, 1),
           "tokens": sum(map(len, embed)), "batch_size": args.embed_batch_size,
           **_summary(rounds["embed_fp32"], "sentences")}
    return {"translation": tr, "embedding": emb}


def _markdown(res: dict) -> str:
    t, e = res["translation"], res["embedding"]
    lines = [
        "# Model backend benchmark (random weights, real shapes)",
        "",
        f"Command: `{res['command']}`  ",
        f"Machine: {res['machine']['cpu_count']} CPUs visible, {res['machine']['threads']} "
        f"threads used, {res['machine']['platform']}; torch {res['versions']['torch']}, "
        f"transformers {res['versions']['transformers']}, ctranslate2 "
        f"{res['versions']['ctranslate2']}",
        "",
        f"## Translation: opus-mt-base shape, {t['sentences']} sentences "
        f"({t['source_tokens']} source tokens), greedy, {t['new_tokens_per_sentence']} new "
        f"tokens each, batch {t['batch_size']}",
        "",
        f"Best of {res['repeats']} rounds (median in brackets), each backend in its own "
        "process, round-robin; the CPUs are shared with other work, so medians are noisier.",
        "",
        "| backend | best s (median) | tokens/s best (median) | × transformers |",
        "|---|---:|---:|---:|",
        f"| transformers fp32 | {t['transformers_fp32']['seconds']} "
        f"({t['transformers_fp32']['median_s']}) | {t['transformers_fp32']['tokens_per_s']} "
        f"({t['transformers_fp32']['tokens_per_s_median']}) | 1.00 |",
    ]
    for k, label in (("ct2_int8", "CTranslate2 int8"), ("ct2_float32", "CTranslate2 float32")):
        lines.append(f"| {label} | {t[k]['seconds']} ({t[k]['median_s']}) | "
                     f"{t[k]['tokens_per_s']} ({t[k]['tokens_per_s_median']}) | "
                     f"{t[k]['speedup_vs_transformers']} |")
    lines += [
        "",
        f"## Embedding: LaBSE shape (BERT-base, vocab {e['vocab_size']:,}, "
        f"{e['params_millions']}M params), {e['sentences']} sentences, batch {e['batch_size']}",
        "",
        f"{e['sentences_per_s']} sentences/s best ({e['sentences_per_s_median']} median; "
        f"{e['seconds']} s for {e['sentences']} sentences / {e['tokens']} tokens), "
        "transformers fp32, pooler output + L2 norm.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks and write JSON + Markdown results."""
    p = argparse.ArgumentParser(prog="python -m eval.bench_models", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3, help="interleaved rounds; best is kept")
    p.add_argument("--sentences", type=int, default=16)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--max-new-tokens", type=int, default=64)
    p.add_argument("--embed-sentences", type=int, default=64)
    p.add_argument("--embed-batch-size", type=int, default=32)
    p.add_argument("--embed-vocab", type=int, default=LABSE_VOCAB)
    p.add_argument("--quick", action="store_true", help="tiny run to check the script works")
    p.add_argument("--out", type=Path, default=Path("eval/results/models"))
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.work, args)))
        return 0
    if args.quick:
        args.sentences, args.max_new_tokens, args.embed_sentences, args.repeats = 4, 8, 8, 2
        args.embed_vocab = 30_000

    import ctranslate2
    import torch
    import transformers

    torch.set_num_threads(args.threads)
    res: dict = {
        "command": " ".join(["python -m eval.bench_models", *(sys.argv[1:] if argv is None
                                                                   else argv)]),
        "repeats": args.repeats,
        "machine": {"cpu_count": os.cpu_count(), "threads": args.threads,
                    "platform": platform.platform()},
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "ctranslate2": ctranslate2.__version__},
    }
    with tempfile.TemporaryDirectory(prefix="xlate-bench-") as tmp:
        res.update(run_all(args, Path(tmp)))
    args.out.mkdir(parents=True, exist_ok=True)
    stem = "bench_models_quick" if args.quick else "bench_models"
    (args.out / f"{stem}.json").write_text(json.dumps(res, indent=2) + "\n")
    (args.out / f"{stem}.md").write_text(_markdown(res))
    print(_markdown(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
