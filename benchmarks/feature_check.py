"""What the run-start feature comparison costs on NoReC_tsa train (target: under 1 s).

When a run starts, its training features are built the fast way (each distinct word tokenized
once) and a sample of the sentences is also built the way stock NERModel builds them, then
compared (tsa_registry/training/features.py). This prints, for one model's tokenizer: the word
pieces, the fast features, choosing the sample, and the comparison, each in seconds, and NERModel's
own feature building for all sentences beside them.

Usage: python benchmarks/feature_check.py [--model DIR --model-type bert] [--data FILE]
       [--max-seq-length N]
Without --model, a BERT made on the spot with a vocabulary trained on the data.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "norec_tsa" / "train.conll"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, help="a local checkpoint (default: a tiny BERT)")
    parser.add_argument("--model-type", default="bert", help="Simpletransformers model_type")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--max-seq-length", type=int, help="default: the longest sentence")
    options = parser.parse_args()

    from tsa_registry.nermodel import features
    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.nermodel.tagging import fit_max_seq_length
    from tsa_registry.task.conll import read_conll

    corpus = read_conll(options.data)
    sentences = corpus.sentences
    work = Path(tempfile.mkdtemp(prefix="feature-check-"))
    model_dir = options.model or make_model(work / "model", sentences)
    model = TSANERModel(options.model_type, str(model_dir), labels=corpus.labels, use_cuda=False,
                        args=quiet_args(work / "run"))
    model.args.max_seq_length, _ = fit_max_seq_length(model, [[s.tokens for s in sentences]],
                                                      options.max_seq_length)

    started = time.perf_counter()
    pieces = features.word_pieces(model.tokenizer, (w for s in sentences for w in s.tokens))
    pieces_done = time.perf_counter()
    built = features.fast_features(model, sentences, False, pieces)
    built_done = time.perf_counter()
    rows = features.sample_rows(sentences)
    sampled = time.perf_counter()
    mismatch = features.compare_with_stock(model, sentences, built, pieces, False, rows)
    compared = time.perf_counter()
    features.stock_features(model, sentences, False)
    stock = time.perf_counter() - compared

    print(f"{options.data}: {len(sentences)} sentences, {len(pieces)} distinct words; model "
          f"{model_dir} ({type(model.tokenizer).__name__}), max_seq_length {model.args.max_seq_length}")
    print(f"word pieces {pieces_done - started:.2f} s, fast features {built_done - pieces_done:.2f} s")
    print(f"run-start check: sample of {len(rows)} sentences {sampled - built_done:.3f} s + comparison "
          f"{compared - sampled:.3f} s = {compared - built_done:.3f} s (target < 1 s); "
          f"{'features differ: ' + mismatch.message if mismatch else 'features equal'}")
    print(f"stock NERModel features for all sentences: {stock:.2f} s")


def make_model(folder: Path, sentences) -> Path:
    from tsa_registry.tiny import build_tiny_model

    return build_tiny_model(folder, "bert", texts=[" ".join(s.tokens) for s in sentences])


if __name__ == "__main__":
    main()
