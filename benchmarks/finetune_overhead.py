"""Training time of `tsa-registry train` against a plain PyTorch loop (target: ratio <= 1.15).

Same model (a BERT made on the spot, vocabulary trained on train.conll), same slice of
../shared/data/norec_tsa/train.conll, same batch size and number of steps (one epoch):

- tsa-registry train: the real command in its own process, with Simpletransformers NERModel.
  Its time is what the run records: building the training features plus the training steps
  (process start, imports, model loading and the dev evaluation left out).
- plain loop: BertForTokenClassification, AdamW, each batch padded to its own longest sentence;
  its time is tokenizing the slice plus the same number of steps.
- stock NERModel (--stock): Simpletransformers as it comes, every sentence padded to its
  default max_seq_length of 128, to show what the padding costs.

Usage: python benchmarks/finetune_overhead.py [--sentences 512] [--batch-size 16]
       [--hidden 256] [--layers 4] [--rounds 3] [--threads N] [--stock] [--device cpu|cuda]
       [--model DIR]

The two alternate, and the best of the rounds is kept. On a CPU shared with other work, pass
--threads 1: PyTorch's threads then do not wait for each other while others hold a core.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "norec_tsa"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=512)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="alternate the two this many times")
    parser.add_argument("--threads", type=int, help="PyTorch CPU threads for both (default: its own)")
    parser.add_argument("--stock", action="store_true", help="also time the stock NERModel")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--model", type=Path, help="a local BERT checkpoint instead of a new one")
    parser.add_argument("--data", type=Path, default=DATA)
    options = parser.parse_args()
    if options.threads:
        import torch

        torch.set_num_threads(options.threads)
        os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = str(options.threads)

    from tsa_registry.task.conll import read_conll, write_conll

    work = Path(tempfile.mkdtemp(prefix="finetune-overhead-"))
    train = read_conll(options.data / "train.conll").sentences[: options.sentences]
    write_conll(work / "train.conll", train)
    write_conll(work / "dev.conll", read_conll(options.data / "dev.conll").sentences[:64])
    model = options.model or make_model(work / "model", train, options)
    steps = -(-len(train) // options.batch_size)
    import torch

    print(f"model {model} ({options.layers} layers, hidden {options.hidden}), {len(train)} "
          f"sentences, batch {options.batch_size}, {steps} steps, device {options.device}, "
          f"{torch.get_num_threads()} CPU threads")

    ours, plain = [], []
    for round_ in range(options.rounds):
        ours.append(run_command(model, work, round_, options))
        plain.append(run_plain(model, train, options))
        print(f"round {round_ + 1}: tsa-registry train {fmt(ours[-1])}; plain loop {fmt(plain[-1])}")
    best_ours = min(ours, key=lambda t: t["total"])
    best_plain = min(plain, key=lambda t: t["total"])
    print(f"\ntsa-registry train: {best_ours['total']:.2f} s ({fmt(best_ours)})")
    print(f"plain PyTorch loop: {best_plain['total']:.2f} s ({fmt(best_plain)})")
    print(f"ratio: {best_ours['total'] / best_plain['total']:.3f} (target <= 1.15); "
          f"steps alone: {best_ours['steps'] / best_plain['steps']:.3f}")
    if options.stock:
        stock = run_stock(model, train, work, options)
        print(f"stock NERModel (max_seq_length 128): {stock['total']:.2f} s ({fmt(stock)}); "
              f"ratio {stock['total'] / best_plain['total']:.3f}")


def fmt(t: dict) -> str:
    return f"data {t['data']:.2f} s + steps {t['steps']:.2f} s"


def make_model(folder: Path, train, options) -> Path:
    from tsa_registry.tiny import build_tiny_model

    texts = [" ".join(s.tokens) for s in train]
    return build_tiny_model(folder, arch="bert", texts=texts, hidden_size=options.hidden,
                            num_layers=options.layers)


def run_command(model: Path, work: Path, round_: int, options) -> dict:
    out = work / f"run-{round_}"
    command = [sys.executable, "-c", "from tsa_registry.cli import main; main()", "train",
               str(model), "--train", str(work / "train.conll"), "--dev", str(work / "dev.conll"),
               "--epochs", "1", "--batch-size", str(options.batch_size), "--lr", "5e-5",
               "--device", options.device, "--output", str(out), "--json"]
    # A home of its own, so that the benchmark's runs stay out of the user's runs folder.
    env = {**os.environ, "TSA_REGISTRY_HOME": str(work / "home")}
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    metrics = json.loads((out / "metrics.json").read_text())
    return {"data": metrics["feature_seconds"], "steps": metrics["training_seconds"],
            "total": metrics["feature_seconds"] + metrics["training_seconds"]}


def run_plain(model: Path, train, options) -> dict:
    import torch
    from torch.utils.data import RandomSampler
    from transformers import AutoTokenizer, BertForTokenClassification

    from tsa_registry.task.tags import label_order

    labels = label_order(t for s in train for t in s.tags)
    ids = {label: i for i, label in enumerate(labels)}
    tokenizer = AutoTokenizer.from_pretrained(model)
    torch.manual_seed(42)
    net = BertForTokenClassification.from_pretrained(model, num_labels=len(labels)).to(options.device)
    start = time.perf_counter()
    encoded = tokenizer([list(s.tokens) for s in train], is_split_into_words=True)
    examples = []
    for i, sentence in enumerate(train):
        words = encoded.word_ids(i)
        tags = [-100 if w is None or w == p else ids[sentence.tags[w]]
                for w, p in zip(words, [None] + words[:-1])]
        examples.append((encoded["input_ids"][i], tags))
    data_done = time.perf_counter()
    optimizer = torch.optim.AdamW(net.parameters(), lr=5e-5)
    net.train()
    order = list(RandomSampler(examples))
    for at in range(0, len(order), options.batch_size):
        batch = [examples[i] for i in order[at: at + options.batch_size]]
        width = max(len(x) for x, _ in batch)
        input_ids = torch.tensor([x + [tokenizer.pad_token_id] * (width - len(x)) for x, _ in batch])
        mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x, _ in batch])
        tags = torch.tensor([y + [-100] * (width - len(y)) for _, y in batch])
        loss = net(input_ids=input_ids.to(options.device), attention_mask=mask.to(options.device),
                   labels=tags.to(options.device)).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    if options.device == "cuda":
        torch.cuda.synchronize()
    end = time.perf_counter()
    return {"data": data_done - start, "steps": end - data_done, "total": end - start}


def run_stock(model: Path, train, work: Path, options) -> dict:
    import pandas as pd
    from simpletransformers.ner import NERModel

    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.task.tags import label_order

    rows = [(i, w, t) for i, s in enumerate(train) for w, t in zip(s.tokens, s.tags)]
    frame = pd.DataFrame(rows, columns=["sentence_id", "words", "labels"])
    labels = label_order(t for s in train for t in s.tags)
    ner = NERModel("bert", str(model), labels=labels, use_cuda=options.device == "cuda",
                   args={**quiet_args(work / "stock"), "num_train_epochs": 1,
                         "train_batch_size": options.batch_size, "learning_rate": 5e-5,
                         "fp16": False, "manual_seed": 42})
    start = time.perf_counter()
    features = ner.load_and_cache_examples(frame)
    data_done = time.perf_counter()
    ner.train(features, str(work / "stock"))
    end = time.perf_counter()
    return {"data": data_done - start, "steps": end - data_done, "total": end - start}


if __name__ == "__main__":
    main()
