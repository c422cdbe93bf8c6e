"""Building NERModel for a run's next attempt: device, NERArgs, max_seq_length, batch size,
where NERModel starts counting steps."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tsa_registry.task.lengths import too_long_message
from tsa_registry.training import events
from tsa_registry.training.request import Device

if TYPE_CHECKING:
    from tsa_registry.nermodel.features import FeatureMismatch
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.task.conll import Corpus, Sentence
    from tsa_registry.training.request import TrainRequest
    from tsa_registry.training.runs import Run
    from tsa_registry.training.state import RunState

Emit = Callable[[events.Event], None]


def pick_device(requested: Device) -> str:
    import torch

    if requested == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda: no CUDA GPU is available to PyTorch here")
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return requested


def build_model(run: Run, request: TrainRequest, source: Path, labels: list[str], device: str,
                state: RunState, *, from_checkpoint: bool) -> TSANERModel:
    """NERModel for the run, from the base model or a checkpoint the run saved (resuming, or
    going on after running out of memory). `request` holds this invocation's trust (trust.py),
    never a run folder's own say."""
    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.sources.weights import ensure_safe_weights

    allow_pickle = request.allow_pickle and not from_checkpoint  # checkpoints: ours, safetensors
    ensure_safe_weights(source, allow_pickle)
    fp16 = request.fp16 if request.fp16 is not None else (
        device == "cuda" and request.ner_args.get("fp16", True))
    args = {
        **request.ner_args,
        **quiet_args(run.file("work")),
        "evaluate_during_training": True,
        "evaluate_during_training_steps": 0,
        "num_train_epochs": request.epochs,
        "train_batch_size": state.batch_size,
        "eval_batch_size": max(2 * state.batch_size, 8),
        "gradient_accumulation_steps": state.gradient_accumulation_steps,
        "learning_rate": request.learning_rate,
        "manual_seed": request.seed,
        "fp16": bool(fp16),
    }
    return TSANERModel(request.model_type, str(source), labels=labels, args=args,
                       use_cuda=device == "cuda", trust_remote_code=request.trust_remote_code,
                       allow_pickle=allow_pickle)


def fit_length(model: TSANERModel, request: TrainRequest, corpora: Sequence[Corpus], emit: Emit) -> int:
    """max_seq_length from the data (or as asked); warn, before training, of sentences cut."""
    from tsa_registry.nermodel.tagging import fit_max_seq_length

    chosen, lengths = fit_max_seq_length(model, [[s.tokens for s in c.sentences] for c in corpora],
                                         request.max_seq_length)
    for corpus, values in zip(corpora, lengths):
        message = too_long_message(str(corpus.path), corpus.sentences, values,
                                   chosen, request.max_seq_length is not None)
        if message:
            emit(events.Warning(code="too-long", message=message, time=time.time()))
    return chosen


def feature_warning(corpora: Sequence[Corpus], emit: Emit) -> Callable[[FeatureMismatch, list[Sentence]], None]:
    """TSANERModel.on_feature_mismatch for a run: a warning event naming the file, the first
    word tokenized differently and both tokenizations."""

    def warn(mismatch: FeatureMismatch, sentences: list[Sentence]) -> None:
        name = next((str(c.path) for c in corpora if c.sentences is sentences), "the data")
        emit(events.Warning(code="features-differ", time=time.time(), message=(
            f"{name}: the fast feature builder differs from NERModel's own. {mismatch.message} "
            "This run uses NERModel's own features instead (slower to build, same training).")))

    return warn


def auto_batch(model: TSANERModel, state: RunState, device: str) -> None:
    """--batch-size auto: as many sentences a batch as the memory estimate (gpu_memory.py) fits
    in the GPU's free memory, with gradient accumulation making up the rest of the asked-for
    step. On a CPU the batch stays as asked (there is no GPU memory to fit). Done once."""
    state.auto_batch_size = False
    if device != "cuda" or state.max_seq_length is None:
        return
    import torch

    from tsa_registry.gpu_memory import batch_settings, shape_from_config

    parameters = sum(p.numel() for p in model.model.parameters())
    shape = shape_from_config(model.config.to_dict(), parameters)
    if shape is None:
        return
    free, _ = torch.cuda.mem_get_info()
    target = state.batch_size * state.gradient_accumulation_steps
    settings = batch_settings(shape, free + torch.cuda.memory_reserved(), target_batch_size=target,
                              max_seq_length=state.max_seq_length, fp16=bool(model.args.fp16))
    if settings is None:  # the estimate says not even one sentence fits: try, and halve on OOM
        settings = {"train_batch_size": 1, "gradient_accumulation_steps": target}
    state.batch_size = settings["train_batch_size"]
    state.gradient_accumulation_steps = settings["gradient_accumulation_steps"]


def start_marker(run: Run, global_step: int, epoch: int) -> Path:
    """An empty folder whose name tells NERModel.train where to start.

    NERModel.train reads "<name>-<global step>-..." from the model path to skip the steps
    already done; pointing it at this folder makes that explicit for a resumed run (TSANERModel
    clears the path otherwise, so no folder name is taken for a checkpoint).
    """
    marker = run.file("work") / f"start-{global_step}-epoch-{epoch}"
    marker.mkdir(parents=True, exist_ok=True)
    return marker


def release_memory() -> None:
    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
