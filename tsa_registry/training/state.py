"""Where a run stands: `RunState`, kept by the training loop, saved as state.json in each epoch's
checkpoint (resuming reads it back), and summed up in metrics.json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec


class EpochRecord(msgspec.Struct, kw_only=True):
    """One finished epoch: its last step, mean training loss and dev scores (`Scores.to_dict`)."""

    epoch: int
    step: int
    train_loss: float
    dev: dict[str, Any]


class RunState(msgspec.Struct, kw_only=True):
    """The training loop's state between steps; state.json is this struct as JSON."""

    epochs: int  # epochs asked for
    epoch: int = 0  # epochs done
    global_step: int = 0
    batch_size: int  # sentences a batch, halved on CUDA out-of-memory
    gradient_accumulation_steps: int = 1  # doubled when the batch is halved
    auto_batch_size: bool = False  # fit the batch to the GPU before the first step
    max_seq_length: int | None = None  # chosen from the data before the first step
    best_epoch: int = 0
    best_f1: float = 0.0  # dev strict span F1 of the best epoch, a fraction
    history: list[EpochRecord] = []
    training_seconds: float = 0.0  # steps only: evaluation left out
    feature_seconds: float = 0.0  # building the training features

    @property
    def best(self) -> EpochRecord | None:
        return next((h for h in self.history if h.epoch == self.best_epoch), None)

    def save(self, path: Path) -> None:
        path.write_bytes(msgspec.json.format(msgspec.json.encode(self), indent=2))

    @classmethod
    def load(cls, path: Path) -> RunState:
        """A checkpoint's state.json (older runs' files included: missing keys take defaults)."""
        return msgspec.json.decode(path.read_bytes(), type=cls)

    def metrics(self, test: dict[str, Any] | None = None, duration: float | None = None) -> dict[str, Any]:
        """metrics.json: each epoch's dev scores, the best epoch, and test scores once known."""
        best = self.best
        document: dict[str, Any] = {
            "best_epoch": self.best_epoch,
            "epochs_done": self.epoch,
            "epochs": self.epochs,
            "dev": best.dev if best else None,
            "test": test,
            "history": msgspec.to_builtins(self.history),
            "training_seconds": self.training_seconds,
            "feature_seconds": self.feature_seconds,
        }
        if duration is not None:
            document["duration"] = duration
        return document
