"""Dynamic int8 quantization of a run's model, and what it costs in strict span F1.

PyTorch's dynamic quantization (`torch.ao.quantization.quantize_dynamic`) stores the weights of
every nn.Linear as int8 and quantizes the activations on the fly; it runs on the CPU only. The
linear layers hold most of an encoder's compute, so it is faster there; the rounding can change
predictions, so the quantized model is scored on the run's dev data beside the original.
PyTorch marks this API deprecated (in favour of torchao) but it is still the built-in one.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from tsa_registry.speed.events import OnProgress, Progress
from tsa_registry.speed.results import Int8Report, Measurement
from tsa_registry.speed.subject import SpeedError


def quantize(model) -> None:
    """Replace a loaded TSANERModel's network by its dynamic int8 copy (CPU only)."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    if str(model.device).startswith("cuda"):
        raise SpeedError("int8 dynamic quantization runs on the CPU only: use --device cpu")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*deprecat", category=Warning)
        model.model = quantize_dynamic(model.model.eval(), {torch.nn.Linear}, dtype=torch.qint8)


def dev_file(run, dev: Path | None) -> Path:
    """The dev data to score on: `dev`, or the file the run recorded."""
    path = Path(dev) if dev else Path(run.request().dev)
    if not path.is_file():
        raise SpeedError(f"{path}: the run's dev file is not there (moved or deleted?): pass "
                         "--dev FILE to score the int8 model on another labelled CoNLL file")
    return path


def dev_f1(model, dev: Path) -> float:
    """Strict span F1 of the model on a labelled CoNLL file, through `predict`'s path."""
    from tsa_registry.nermodel.tagging import predict_tags
    from tsa_registry.task.conll import read_conll
    from tsa_registry.task.scoring import score_corpus

    gold = read_conll(dev)
    tags, _ = predict_tags(model, gold.sentences)
    return round(score_corpus(gold, tags).f1, 4)


def compare_int8(subject, timer, original: Measurement, dev: Path, *, threads: int,
                 on_progress: OnProgress) -> Int8Report:
    """Score the original, quantize it, time and score the int8 model (the subject keeps it)."""
    on_progress(Progress(subject.shown, "scoring", detail=f"original model on {dev.name}"))
    f1 = dev_f1(subject.model, dev)
    on_progress(Progress(subject.shown, "int8", detail="quantizing the linear layers"))
    quantize(subject.model)
    quantized = timer.run(threads=threads, dtype="int8")
    on_progress(Progress(subject.shown, "scoring", detail=f"int8 model on {dev.name}"))
    f1_int8 = dev_f1(subject.model, dev)
    return Int8Report(
        dev=str(dev), f1=f1, f1_int8=f1_int8,
        latency_speedup=round(original.latency.p50_ms / quantized.latency.p50_ms, 2),
        throughput_speedup=round(quantized.throughput[32] / original.throughput[32], 2),
        measurement=quantized)
