"""Typed events of a fine-tuning run: one stream that the CLI, the TUI and progress.jsonl share.

The training process writes each event as one JSON line (`{"event": "progress", ...}`); readers
turn the lines back into these dataclasses with `decode`.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, ClassVar


@dataclasses.dataclass(frozen=True)
class Started:
    """Training is about to take its first step (data read, model loaded)."""

    kind: ClassVar[str] = "started"
    run: str
    model: str
    device: str
    epochs: int
    start_epoch: int  # epochs already done (a resumed run starts after them)
    steps_per_epoch: int
    total_steps: int
    batch_size: int
    gradient_accumulation_steps: int
    max_seq_length: int
    train_sentences: int
    time: float


@dataclasses.dataclass(frozen=True)
class Progress:
    """One optimizer step."""

    kind: ClassVar[str] = "progress"
    step: int
    total_steps: int
    epoch: int  # 1-based epoch this step belongs to
    loss: float  # mean training loss over the step's batches
    learning_rate: float
    sentences_per_second: float
    elapsed: float  # seconds of training in this process
    eta: float  # seconds left, at the current pace (evaluation not included)
    time: float


@dataclasses.dataclass(frozen=True)
class Evaluation:
    """Strict span F1 on the dev data after an epoch."""

    kind: ClassVar[str] = "evaluation"
    epoch: int
    step: int
    f1: float
    precision: float
    recall: float
    best: bool  # the best epoch so far (its model is kept)
    time: float


@dataclasses.dataclass(frozen=True)
class Warning:  # noqa: A001 - the event's name in the stream
    """Something the user should know; training goes on."""

    kind: ClassVar[str] = "warning"
    code: str  # "bio-repaired", "too-long", "out-of-memory", ...
    message: str
    time: float


@dataclasses.dataclass(frozen=True)
class Done:
    """The run is complete: model, predictions and metrics are written."""

    kind: ClassVar[str] = "done"
    run: str
    best_epoch: int
    dev_f1: float
    test_f1: float | None
    duration: float
    time: float


@dataclasses.dataclass(frozen=True)
class Failed:
    """The run stopped on an error; it is marked failed and can be resumed."""

    kind: ClassVar[str] = "failed"
    message: str
    time: float


@dataclasses.dataclass(frozen=True)
class Cancelled:
    """The run was stopped on request; it is marked cancelled and can be resumed."""

    kind: ClassVar[str] = "cancelled"
    message: str
    time: float


Event = Started | Progress | Evaluation | Warning | Done | Failed | Cancelled
EVENT_TYPES: dict[str, type] = {
    cls.kind: cls for cls in (Started, Progress, Evaluation, Warning, Done, Failed, Cancelled)
}
FINAL = (Done, Failed, Cancelled)


def encode(event: Event) -> str:
    """One JSON line (without the newline)."""
    return json.dumps({"event": event.kind, **dataclasses.asdict(event)}, ensure_ascii=False)


def decode(line: str) -> Event:
    """The event a JSON line holds; ValueError for a line that is not one."""
    try:
        data: dict[str, Any] = json.loads(line)
        cls = EVENT_TYPES[data.pop("event")]
        return cls(**data)
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"not an event: {line[:200]!r} ({err})") from None
