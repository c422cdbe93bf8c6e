"""A run from start to finish, inside the training process: data, model, epochs, test, record.

The loop keeps the run's `RunState` (training/state.py): `setup` builds NERModel for it,
`callbacks` move it on at each step and epoch and save it with each checkpoint. On CUDA
out-of-memory the batch is halved and gradient accumulation doubled (a step still sees as many
sentences), and training goes on from the last saved epoch.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tsa_registry.task.conll import Corpus
from tsa_registry.training import events
from tsa_registry.training.request import TrainRequest
from tsa_registry.training.runs import Run, RunError, sha256
from tsa_registry.training.state import RunState
from tsa_registry.training.worker.model_source import environment, resolve_model
from tsa_registry.training.worker.setup import (
    auto_batch,
    build_model,
    feature_warning,
    fit_length,
    pick_device,
    release_memory,
    start_marker,
)

Emit = Callable[[events.Event], None]


def train_run(run: Run, emit: Emit, *, resume: bool = False, trust_remote_code: bool = False,
              allow_pickle: bool = False) -> None:
    """Train as the run's args.json asks, with the opt-ins this invocation gave (never the
    ones args.json claims); each event goes to progress.jsonl, then to `emit`."""
    from tsa_registry.nermodel.tagging import predict_tags
    from tsa_registry.task.scoring import score_corpus
    from tsa_registry.training.trust import trusted_request
    from tsa_registry.training.worker.predict import load_model

    began = time.time()
    emit = _recording(run, emit)
    request = trusted_request(run, trust_remote_code=trust_remote_code, allow_pickle=allow_pickle,
                              doing="resume it" if resume else "train it")
    train, dev, test = _load_data(request, emit)
    labels = train.labels
    device = pick_device(request.device)
    base, model_info = resolve_model(request.model, request.revision, allow_pickle=request.allow_pickle,
                                     trust_remote_code=request.trust_remote_code)
    data_info = {name: {"path": str(c.path), "sha256": sha256(c.path), "sentences": len(c.sentences)}
                 for name, c in (("train", train), ("dev", dev), ("test", test)) if c}
    if resume:
        _ensure_same_data(run, data_info)
    state, checkpoint = _saved_state(run, request) if resume else (_fresh_state(request), None)
    run.write_info({"model": model_info, "data": data_info, "labels": labels,
                    "environment": environment(device), "family": request.family,
                    "model_type": request.model_type})
    _train_epochs(run, request, (base, checkpoint), (train, dev), labels, device, state, emit)

    test_scores = None
    if test is not None:
        best = load_model(run, device=device, trust_remote_code=request.trust_remote_code)
        tags, _ = predict_tags(best, test.sentences)
        test_scores = score_corpus(test, tags, run.file("test.predictions.conll")).to_dict()
    duration = time.time() - began
    run.write_metrics({**state.metrics(test_scores, duration), "peak_gpu_memory": _peak_gpu_memory(device)})
    run.set_status("complete", "", ended=time.time())
    emit(events.Done(run=run.name, best_epoch=state.best_epoch, dev_f1=state.best_f1,
                     test_f1=test_scores["f1"] if test_scores else None,
                     duration=duration, time=time.time()))


def _train_epochs(run: Run, request: TrainRequest, start: tuple[Path, Path | None],
                  data: tuple[Corpus, Corpus], labels: list[str], device: str, state: RunState,
                  emit: Emit) -> None:
    """NERModel's training loop over the epochs left, from the base model or `checkpoint`; on
    CUDA out-of-memory, again from the last saved epoch with half the batch and twice the
    gradient accumulation."""
    import torch

    from tsa_registry.training.worker.callbacks import RunCallbacks

    base, checkpoint = start
    train, dev = data
    while True:
        model = build_model(run, request, checkpoint or base, labels, device, state,
                            from_checkpoint=checkpoint is not None)
        model.on_feature_mismatch = feature_warning(data, emit)
        if state.max_seq_length is None:
            state.max_seq_length = fit_length(model, request, data, emit)
        model.args.max_seq_length = state.max_seq_length
        if state.auto_batch_size:
            auto_batch(model, state, device)
        model.args.train_batch_size = state.batch_size
        model.args.gradient_accumulation_steps = state.gradient_accumulation_steps
        callbacks = RunCallbacks(run, model, dev, emit, state, len(train.sentences), resume_from=checkpoint,
                                 request=request)
        model.callbacks = callbacks
        model.args.model_name = str(start_marker(run, state.epoch * callbacks.steps_per_epoch, state.epoch))
        emit(events.Started(run=run.name, model=request.model, device=device, epochs=request.epochs,
                            start_epoch=state.epoch, steps_per_epoch=callbacks.steps_per_epoch,
                            total_steps=callbacks.total_steps, batch_size=state.batch_size,
                            gradient_accumulation_steps=state.gradient_accumulation_steps,
                            max_seq_length=state.max_seq_length,
                            train_sentences=len(train.sentences), time=time.time()))
        oom = None
        try:
            if state.epoch < request.epochs:
                model.train_model(train.sentences, eval_data=dev.sentences, tsa_f1=callbacks.epoch_end)
        except torch.OutOfMemoryError as err:
            if state.batch_size <= 1:
                raise
            oom = str(err).splitlines()[0][:160]
        state.feature_seconds += model.feature_seconds
        if oom is None:
            break
        del model, callbacks  # outside the except block, so the traceback no longer holds them
        release_memory()
        state.batch_size //= 2
        state.gradient_accumulation_steps *= 2
        saved = run.checkpoints()
        checkpoint = saved[-1][1] if saved else None
        emit(events.Warning(code="out-of-memory", time=time.time(), message=(
            f"{oom}: going on from epoch {state.epoch + 1} with batches of "
            f"{state.batch_size} and gradient accumulation {state.gradient_accumulation_steps}")))
    del model
    release_memory()


def _recording(run: Run, emit: Emit) -> Emit:
    def record(event: events.Event) -> None:
        run.append_event(event)
        emit(event)

    return record


def _load_data(request: TrainRequest, emit: Emit) -> tuple[Corpus, Corpus, Corpus | None]:
    from tsa_registry.training.plan import read_data

    corpora = read_data(Path(request.train), Path(request.dev),
                         Path(request.test) if request.test else None,
                         intensity=request.intensity, strict=request.strict)
    for corpus in corpora:
        if message := corpus.bio_warning():
            emit(events.Warning(code="bio-repaired", message=message, time=time.time()))
    return corpora[0], corpora[1], corpora[2] if len(corpora) > 2 else None


def _fresh_state(request: TrainRequest) -> RunState:
    return RunState(epochs=request.epochs, batch_size=request.batch_size,
                    gradient_accumulation_steps=request.gradient_accumulation_steps,
                    auto_batch_size=request.auto_batch_size)


def _saved_state(run: Run, request: TrainRequest) -> tuple[RunState, Path | None]:
    """The state of the last epoch saved, and its checkpoint (none yet: a fresh start)."""
    saved = run.checkpoints()
    if not saved:
        return _fresh_state(request), None
    _, folder = saved[-1]
    return RunState.load(folder / "state.json"), folder


def _ensure_same_data(run: Run, data_info: dict[str, Any]) -> None:
    before = run.info().get("data", {})
    for name, now in data_info.items():
        if name in before and before[name]["sha256"] != now["sha256"]:
            raise RunError(f"{now['path']} has changed since the run started (sha256 differs): "
                           "resuming would mix data; start a new run")


def _peak_gpu_memory(device: str) -> int | None:
    """Bytes torch allocated at most on the GPU in this process (a resumed run: since it resumed)."""
    if not device.startswith("cuda"):
        return None
    import torch

    return int(torch.cuda.max_memory_allocated())
