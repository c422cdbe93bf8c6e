"""What happens at each step and each epoch of a run, called from inside NERModel's training loop.

Progress events, strict span F1 on dev after each epoch, the best epoch's model and dev
predictions, and a checkpoint per epoch (only the latest is kept) from which a run resumes with
the same optimizer, scheduler and random state, so a resumed run continues as if never stopped.
The run's `RunState` moves on here, and is saved with each checkpoint.
"""

from __future__ import annotations

import math
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from tsa_registry.files import replace_folder
from tsa_registry.nermodel.safe_load import load_tensors
from tsa_registry.task.conll import Corpus, write_conll
from tsa_registry.task.metrics import score
from tsa_registry.training import events
from tsa_registry.training.card import model_card
from tsa_registry.training.state import EpochRecord, RunState

if TYPE_CHECKING:
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.training.request import TrainRequest
    from tsa_registry.training.runs import Run

# Test hook: a training batch of more sentences than this raises CUDA's out-of-memory error,
# as a GPU that fits only that many would; from the epoch in the second variable on (default 1).
# Read by the training process; see docs/training.md.
OOM_VARIABLE = "TSA_REGISTRY_TEST_OOM_ABOVE_BATCH"
OOM_EPOCH_VARIABLE = "TSA_REGISTRY_TEST_OOM_FROM_EPOCH"
# With fp16 the gradient scaler skips a step whose loss overflowed; this many in a row and the
# run is stopped. Without fp16 the first loss that is not a number stops it: the step that
# follows would turn every weight into NaN.
FP16_BAD_LOSSES = 10


class TrainingDiverged(RuntimeError):
    """The training loss is no longer a number: going on would only waste the GPU's time."""


class RunCallbacks:
    """TSANERModel's `callbacks` for one attempt at training a run (nermodel.model.TrainingCallbacks)."""

    def __init__(self, run: Run, model: TSANERModel, dev: Corpus, emit: Callable[[events.Event], None],
                 state: RunState, train_sentences: int, resume_from: Path | None, request: TrainRequest) -> None:
        self.run, self.model, self.dev, self.emit, self.request = run, model, dev, emit, request
        self.state, self.resume_from = state, resume_from
        batches = -(-train_sentences // state.batch_size)
        self.batches_per_epoch = batches
        self.steps_per_epoch = batches // state.gradient_accumulation_steps
        self.total_steps = self.steps_per_epoch * state.epochs
        self.oom_limit = int(os.environ.get(OOM_VARIABLE) or 0)
        self.oom_from_epoch = int(os.environ.get(OOM_EPOCH_VARIABLE) or 1)
        self.optimizer: Any = None
        self.scheduler: Any = None
        self.batches = self.sentences = self.steps = 0
        self.loss_sum, self.loss_batches, self.epoch_loss, self.epoch_batches = 0.0, 0, 0.0, 0
        self.bad_losses = 0
        self.start_step = state.epoch * self.steps_per_epoch
        self.started: float | None = None
        self.paused_at: float | None = None
        self.paused = self.counted = 0.0

    # -- called by TSANERModel ------------------------------------------------------------
    def train_start(self, optimizer: Any, scheduler: Any, global_step: int) -> None:
        self.optimizer, self.scheduler = optimizer, scheduler
        if self.resume_from is not None:
            folder = self.resume_from
            optimizer.load_state_dict(load_tensors(folder / "optimizer.pt"))
            scheduler.load_state_dict(load_tensors(folder / "scheduler.pt"))
            rng = load_tensors(folder / "rng.pt")
            torch.set_rng_state(rng["cpu"])
            if rng.get("cuda") and torch.cuda.is_available():
                torch.cuda.set_rng_state_all(rng["cuda"])
        self.started = time.perf_counter()

    def before_batch(self, rows: int) -> None:
        if self.oom_limit and rows > self.oom_limit and self.state.epoch + 1 >= self.oom_from_epoch:
            raise torch.OutOfMemoryError(f"CUDA out of memory (injected by {OOM_VARIABLE}="
                                         f"{self.oom_limit} for a batch of {rows})")

    def after_batch(self, loss: float, rows: int) -> None:
        self._check_loss(loss)
        self.batches += 1
        self.sentences += rows
        self.loss_sum += loss
        self.loss_batches += 1
        self.epoch_loss += loss
        self.epoch_batches += 1
        in_epoch = (self.batches - 1) % self.batches_per_epoch + 1
        if in_epoch % self.state.gradient_accumulation_steps:
            return
        self.steps += 1
        step = self.start_step + self.steps
        elapsed = self.training_seconds()
        self.emit(events.Progress(
            step=step,
            total_steps=self.total_steps,
            epoch=self.state.epoch + 1,
            loss=self.loss_sum / self.loss_batches,
            learning_rate=self.optimizer.param_groups[0]["lr"] if self.optimizer else 0.0,
            sentences_per_second=self.sentences / elapsed if elapsed else 0.0,
            elapsed=elapsed,
            eta=(self.total_steps - step) * elapsed / self.steps,
            time=time.time(),
        ))
        self.loss_sum, self.loss_batches = 0.0, 0

    def _check_loss(self, loss: float) -> None:
        if math.isfinite(loss):
            self.bad_losses = 0
            return
        self.bad_losses += 1
        fp16 = bool(getattr(self.model.args, "fp16", False))
        if fp16 and self.bad_losses < FP16_BAD_LOSSES:
            return
        lr = self.model.args.learning_rate
        where = f"in epoch {self.state.epoch + 1}, batch {self.batches + 1}"
        cause = (f"fp16 mixed precision overflowed ({self.bad_losses} batches in a row), or the "
                 f"learning rate {lr:g} is too high: try --no-fp16, or a lower --lr"
                 if fp16 else f"the learning rate {lr:g} is likely too high: try a lower --lr")
        raise TrainingDiverged(f"the training loss became {loss} {where}: {cause}")

    def pause(self) -> None:
        self.paused_at = time.perf_counter()

    def resume(self) -> None:
        if self.paused_at is not None:
            self.paused += time.perf_counter() - self.paused_at
            self.paused_at = None

    def training_seconds(self) -> float:
        if self.started is None:
            return 0.0
        now = self.paused_at or time.perf_counter()
        return now - self.started - self.paused

    # -- passed to NERModel as an evaluation metric: called once per epoch on dev -----------
    def epoch_end(self, _gold: list[list[str]], predicted: list[list[str]]) -> float:
        state = self.state
        state.epoch += 1
        state.global_step = state.epoch * self.steps_per_epoch
        state.training_seconds += self.training_seconds() - self.counted
        self.counted = self.training_seconds()
        tags = [p + ["O"] * (len(s.tags) - len(p)) for s, p in zip(self.dev.sentences, predicted)]
        scores = score([s.tags for s in self.dev.sentences], tags)
        best = scores.f1 > state.best_f1 or state.best_epoch == 0
        state.history.append(EpochRecord(epoch=state.epoch, step=state.global_step,
                                         train_loss=self.epoch_loss / max(self.epoch_batches, 1),
                                         dev=scores.to_dict()))
        self.epoch_loss, self.epoch_batches = 0.0, 0
        if best:
            state.best_f1, state.best_epoch = scores.f1, state.epoch
            self._save_best(tags)
        self._save_checkpoint()
        self.run.write_metrics(state.metrics())
        self.emit(events.Evaluation(epoch=state.epoch, step=state.global_step, f1=scores.f1,
                                    precision=scores.strict.precision, recall=scores.strict.recall,
                                    best=best, time=time.time()))
        return scores.f1

    def _save_best(self, tags: list[list[str]]) -> None:
        """The best epoch's model and dev predictions, each replaced whole (never half-written)."""
        with replace_folder(self.run.model_dir) as folder:
            self.model.save_checkpoint(folder)
            _drop_unused_auto_map(folder, self.request.trust_remote_code)
            card = model_card(self.request, self.state.best_f1, self.state.epoch)
            (folder / "README.md").write_text(card, encoding="utf-8")
        write_conll(self.run.file("dev.predictions.conll"),
                    [s.with_tags(t) for s, t in zip(self.dev.sentences, tags)])

    def _save_checkpoint(self) -> None:
        with replace_folder(self.run.file("checkpoints") / f"epoch-{self.state.epoch}") as folder:
            self.model.save_checkpoint(folder, self.optimizer, self.scheduler)
            _drop_unused_auto_map(folder, self.request.trust_remote_code)
            rng: dict[str, Any] = {"cpu": torch.get_rng_state()}
            if torch.cuda.is_available():
                rng["cuda"] = torch.cuda.get_rng_state_all()
            torch.save(rng, folder / "rng.pt")
            self.state.save(folder / "state.json")
        for epoch, older in self.run.checkpoints():
            if epoch < self.state.epoch:
                shutil.rmtree(older, ignore_errors=True)


def _drop_unused_auto_map(folder: Path, trusted: bool) -> None:
    """A model trained without the repository's code holds none of it: transformers used its own
    classes (EuroBERT on transformers 5.3 and later), so the `auto_map` the config kept from the
    Hub is dropped, or loading the run would ask for --trust-remote-code and then run that code."""
    if trusted:
        return
    import json

    for name in ("config.json", "tokenizer_config.json"):
        path = folder / name
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.pop("auto_map", None) is not None:
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
