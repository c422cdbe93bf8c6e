"""`measure_model`: everything `tsa-registry speed` does for one MODEL, kept in the store."""

from __future__ import annotations

from pathlib import Path

from tsa_registry.speed.events import OnProgress, Progress, ignore
from tsa_registry.speed.results import ModelSpeed
from tsa_registry.speed.sentences import BUILT_IN
from tsa_registry.speed.subject import SpeedError
from tsa_registry.task.conll import Sentence
from tsa_registry.training.request import Device


def measure_model(model: str, *, registry, sentences: list[Sentence], data: str = BUILT_IN,
                  threads: int | None = None, device: Device = "auto", revision: str | None = None,
                  trust_remote_code: bool = False, allow_pickle: bool = False,
                  random_weights: bool = False, int8: bool = False, dev: Path | None = None,
                  budget_ms: float | None = None, offline: bool | None = None, save: bool = True,
                  on_progress: OnProgress = ignore) -> ModelSpeed:
    """Time MODEL on `sentences` (CPU: at `threads`, default all cores, and at 1 thread; CUDA:
    float32 and bfloat16 or float16). SpeedError says why it cannot be timed."""
    import torch

    from tsa_registry.cpus import cores
    from tsa_registry.speed import store
    from tsa_registry.speed.measure import Timer
    from tsa_registry.speed.memory import rss_bytes
    from tsa_registry.speed.subject import open_subject
    from tsa_registry.training.worker.setup import pick_device

    try:
        picked = pick_device(device)
    except RuntimeError as err:
        raise SpeedError(str(err)) from None
    if int8 and picked != "cpu":
        raise SpeedError("--int8: dynamic int8 quantization runs on the CPU only: add --device cpu")
    torch.set_flush_denormal(True)  # denormal random weights would neither flatter nor slow
    threads = threads or cores()
    before_threads = torch.get_num_threads()
    on_progress(Progress(model, "loading"))
    import tsa_registry.nermodel.model  # noqa: F401 - the libraries' own memory is not the model's

    baseline = rss_bytes()
    subject = open_subject(model, registry=registry, device=picked, revision=revision,
                           trust_remote_code=trust_remote_code, allow_pickle=allow_pickle,
                           random_weights=random_weights, offline=offline)
    try:
        if int8 and subject.run is None:
            raise SpeedError(f"--int8 is for a run (its F1 is scored on the run's dev data); {model} is not one")
        cuda = picked == "cuda"
        timer = Timer(subject, sentences, data=data, on_progress=on_progress,
                      baseline_rss=None if cuda else baseline)
        measurements = [timer.run(threads=threads)]
        if cuda:
            half = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
            subject.model.model.to(half)
            measurements.append(timer.run(threads=threads, dtype=str(half).removeprefix("torch."),
                                          end_to_end=False))
            subject.model.model.to(torch.float32)
        elif threads != 1:
            measurements.append(timer.run(threads=1, end_to_end=False))
        result = ModelSpeed(model=model, key=subject.key, source=subject.source, weights=subject.weights,
                            measurements=measurements, notes=subject.notes)
        if int8:
            from tsa_registry.speed.int8 import compare_int8, dev_file

            result.int8 = compare_int8(subject, timer, measurements[0], dev_file(subject.run, dev),
                                       threads=threads, on_progress=on_progress)
        if budget_ms is not None:
            result.budget_ms = budget_ms
            result.meets_budget = measurements[0].latency.p90_ms <= budget_ms
        if save:
            store.save([*measurements, *([result.int8.measurement] if result.int8 else [])])
        return result
    finally:
        subject.close()
        torch.set_num_threads(before_threads)
