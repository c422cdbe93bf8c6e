"""Timing one loaded model: batch-1 latency, throughput by batch size, memory, end to end.

The inputs are the features `predict` builds (tagging.py), so the subwords timed are those the
model's own tokenizer makes of each sentence. Batches are sorted by length and cut to their
longest sentence, as `predict` batches. On CUDA every timing waits for the GPU (synchronize).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from tsa_registry.speed import stats
from tsa_registry.speed.events import OnProgress, Progress, ignore
from tsa_registry.speed.memory import PeakRss, mib, weights_bytes
from tsa_registry.speed.results import EndToEnd, Latency, Measurement, Memory, Subwords
from tsa_registry.task.conll import Sentence

BATCH_SIZES = (1, 8, 32, 64)
END_TO_END_BATCH = 32
WARMUP = 5


def latency(durations: Sequence[float]) -> Latency:
    ms = [d * 1000 for d in durations]
    return Latency(p50_ms=_round(stats.percentile(ms, 50)), p90_ms=_round(stats.percentile(ms, 90)),
                   p99_ms=_round(stats.percentile(ms, 99)), mean_ms=_round(sum(ms) / len(ms)),
                   count=len(ms))


def subwords(widths: Sequence[int]) -> Subwords:
    return Subwords(mean=round(sum(widths) / len(widths), 1), p50=stats.percentile(widths, 50),
                    p90=stats.percentile(widths, 90), max=max(widths))


class Timer:
    """Times one TSANERModel on fixed sentences; `run(...)` gives a Measurement."""

    def __init__(self, subject, sentences: list[Sentence], *, data: str, on_progress: OnProgress = ignore,
                 baseline_rss: int | None = None) -> None:
        from tsa_registry.nermodel.batches import word_features
        from tsa_registry.nermodel.tagging import fit_max_seq_length

        self.subject, self.sentences, self.data = subject, sentences, data
        self.say = on_progress
        self.baseline_rss = baseline_rss
        model = subject.model
        model.args.max_seq_length, _ = fit_max_seq_length(model, [[s.tokens for s in sentences]], None)
        self.tensors = word_features(model, sentences).tensors
        self.widths = [int(w) for w in self.tensors[1].sum(dim=1).tolist()]
        self.cuda = str(model.device).startswith("cuda")

    def _sync(self):
        if not self.cuda:
            return None
        import torch

        return torch.cuda.synchronize

    def _forward(self, inputs) -> None:
        import torch

        with torch.inference_mode():
            self.subject.model.model(**inputs)

    def _step(self, stage: str, detail: str, total: int):
        return lambda done: self.say(Progress(self.subject.shown, stage, done, total, detail))

    def forward_latency(self, detail: str) -> Latency:
        from tsa_registry.nermodel.batches import batch_inputs

        model = self.subject.model
        inputs = [batch_inputs(model, self.tensors, [i]) for i in range(len(self.sentences))]
        durations = stats.timed(self._forward, inputs, warmup=WARMUP, sync=self._sync(),
                                step=self._step("latency", detail, len(inputs)))
        return latency(durations)

    def throughput(self, batch_size: int, detail: str) -> float:
        """Sentences a second: every sentence once, in sorted batches padded per batch."""
        from tsa_registry.nermodel.batches import batch_inputs, length_batches

        model = self.subject.model
        batches = [batch_inputs(model, self.tensors, rows) for rows in length_batches(self.widths, batch_size)]
        self._forward(batches[-1])  # warm-up on the widest batch, not counted
        seconds = sum(stats.timed(self._forward, batches, warmup=0, sync=self._sync(),
                                  step=self._step("throughput", f"{detail}, batch {batch_size}", len(batches))))
        return round(stats.per_second(len(self.sentences), seconds), 2)

    def end_to_end(self, detail: str) -> EndToEnd:
        """`predict`'s whole path: one sentence a call, then all of them in batches of 32."""
        import time

        from tsa_registry.nermodel.tagging import predict_tags

        model = self.subject.model
        saved = model.args.eval_batch_size, model.args.max_seq_length
        try:
            model.args.eval_batch_size = END_TO_END_BATCH
            durations = stats.timed(lambda s: predict_tags(model, [s]), self.sentences, warmup=WARMUP,
                                    sync=self._sync(), step=self._step("end to end", detail, len(self.sentences)))
            predict_tags(model, self.sentences[:END_TO_END_BATCH])  # warm-up
            started = time.perf_counter()
            predict_tags(model, self.sentences)
            seconds = time.perf_counter() - started
        finally:
            model.args.eval_batch_size, model.args.max_seq_length = saved
        return EndToEnd(latency=latency(durations), batch_size=END_TO_END_BATCH,
                        sentences_per_second=round(stats.per_second(len(self.sentences), seconds), 2))

    def run(self, *, threads: int, dtype: str = "float32", end_to_end: bool = True,
            batch_sizes: Sequence[int] = BATCH_SIZES) -> Measurement:
        import torch

        detail = f"{threads} thread{'s' if threads != 1 else ''}" if not self.cuda else dtype
        torch.set_num_threads(threads)
        if self.cuda:
            torch.cuda.reset_peak_memory_stats()
        with PeakRss() as peak:
            forward = self.forward_latency(detail)
            rates = {size: self.throughput(size, detail) for size in batch_sizes}
            whole = self.end_to_end(detail) if end_to_end else None
        return Measurement(
            model=self.subject.key, revision=self.subject.revision, weights=self.subject.weights,
            device="cuda" if self.cuda else "cpu", device_name=self._device_name(), threads=threads,
            dtype=dtype, torch=_version("torch"), transformers=_version("transformers"), data=self.data,
            sentences=len(self.sentences), subwords=subwords(self.widths), latency=forward,
            throughput=rates, memory=self._memory(peak.bytes), end_to_end=whole,
            measured_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            tsa_registry=_version("tsa-registry"))

    def _memory(self, peak: int | None) -> Memory:
        weights = mib(weights_bytes(self.subject.model.model))
        if self.cuda:
            import torch

            return Memory(kind="cuda", weights_mib=weights, peak_mib=mib(torch.cuda.max_memory_allocated()))
        base = self.baseline_rss
        return Memory(kind="rss", weights_mib=weights,
                      peak_mib=None if base is None or peak is None else mib(max(peak - base, 0)))

    def _device_name(self) -> str:
        if self.cuda:
            import torch

            return torch.cuda.get_device_name(self.subject.model.device)
        from tsa_registry.speed.machine import cpu_model

        return cpu_model()


def _version(package: str) -> str:
    from tsa_registry.speed.machine import version

    return version(package)


def _round(value: float) -> float:
    return round(value, 2 if value < 10 else 1)
