"""What a speed measurement found, as typed structs: kept in the store, printed by `--json`."""

from __future__ import annotations

from typing import Literal

import msgspec


class Latency(msgspec.Struct, kw_only=True):
    """Milliseconds a sentence, one sentence a call, warm-up left out."""

    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    count: int


class Subwords(msgspec.Struct, kw_only=True):
    """Subwords a sentence, as NERModel builds its features with the model's tokenizer."""

    mean: float
    p50: float
    p90: float
    max: int


class Memory(msgspec.Struct, kw_only=True):
    """MiB. `weights`: the network's parameters and buffers. `peak`: CPU, the most resident
    memory (RSS) the process held while timing, above what it held before the model was
    loaded; CUDA, the most memory allocated while timing."""

    kind: Literal["rss", "cuda"]
    weights_mib: float | None
    peak_mib: float | None


class EndToEnd(msgspec.Struct, kw_only=True):
    """`predict`'s whole path (features from the words, forward pass, tags back onto the words)."""

    latency: Latency  # one sentence a call
    batch_size: int
    sentences_per_second: float  # all sentences in one call, batches of batch_size


class Measurement(msgspec.Struct, kw_only=True):
    """One model on one device, thread count and dtype. The key of a kept measurement is
    (model, revision, device, device_name, threads, dtype, torch, transformers)."""

    model: str  # catalogue or Hub id, a folder's absolute path, or "run:" and a run's path
    revision: str | None  # Hub commit; for a folder or run, "files:" and a hash of its files
    weights: Literal["random", "real"]
    device: Literal["cpu", "cuda"]
    device_name: str  # the CPU model, or the GPU's name
    threads: int
    dtype: str  # "float32", "bfloat16", "float16", "int8"
    torch: str
    transformers: str
    data: str  # "built-in" or the CoNLL file timed on
    sentences: int
    subwords: Subwords
    latency: Latency  # the bare forward pass at batch 1
    throughput: dict[int, float]  # batch size -> sentences a second (sorted, padded per batch)
    memory: Memory
    end_to_end: EndToEnd | None = None
    measured_at: str = ""  # ISO 8601, UTC
    tsa_registry: str = ""


class Int8Report(msgspec.Struct, kw_only=True):
    """A run's model against its dynamic int8 copy: speed and strict span F1 on dev."""

    dev: str
    f1: float  # the original model's strict span F1 on dev
    f1_int8: float
    latency_speedup: float  # p50 at batch 1, original over int8
    throughput_speedup: float  # sentences a second at batch 32, int8 over original
    measurement: Measurement  # the int8 model's


class ModelSpeed(msgspec.Struct, kw_only=True):
    """Everything `speed` found for one MODEL argument."""

    model: str  # as given
    key: str  # Measurement.model
    source: Literal["catalogue", "hub", "folder", "run"]
    weights: Literal["random", "real"]
    measurements: list[Measurement]
    budget_ms: float | None = None
    meets_budget: bool | None = None  # p90 at batch 1 of the first measurement within budget_ms
    int8: Int8Report | None = None
    notes: list[str] = []


def encode(value) -> bytes:
    return msgspec.json.encode(value)


def to_builtins(value):
    return msgspec.to_builtins(value)
