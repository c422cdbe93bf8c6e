"""Typed events of a fine-tuning run: one stream that the CLI, the TUI and progress.jsonl share.

A tagged union of msgspec structs: each event is one JSON line whose `event` key names its kind
(`{"event": "progress", "step": 12, ...}`), as progress.jsonl files have always held them.
"""

from __future__ import annotations

import json

import msgspec


class _Event(msgspec.Struct, tag_field="event", tag=str.lower, frozen=True, kw_only=True):
    time: float  # when it happened (seconds since the epoch)

    @property
    def kind(self) -> str:
        """The event's name in the stream: "started", "progress", ..."""
        return str(type(self).__struct_config__.tag)


class Started(_Event, frozen=True):
    """Training is about to take its first step (data read, model loaded)."""

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


class Progress(_Event, frozen=True):
    """One optimizer step."""

    step: int
    total_steps: int
    epoch: int  # 1-based epoch this step belongs to
    loss: float  # mean training loss over the step's batches
    learning_rate: float
    sentences_per_second: float
    elapsed: float  # seconds of training in this process
    eta: float  # seconds left, at the current pace (evaluation not included)


class Evaluation(_Event, frozen=True):
    """Strict span F1 on the dev data after an epoch (fractions)."""

    epoch: int
    step: int
    f1: float
    precision: float
    recall: float
    best: bool  # the best epoch so far (its model is kept)


class Warning(_Event, frozen=True):  # noqa: A001 - the event's name in the stream
    """Something the user should know; training goes on."""

    code: str  # "bio-repaired", "too-long", "out-of-memory", ...
    message: str


class Done(_Event, frozen=True):
    """The run is complete: model, predictions and metrics are written."""

    run: str
    best_epoch: int
    dev_f1: float
    test_f1: float | None
    duration: float


class Failed(_Event, frozen=True):
    """The run stopped on an error; it is marked failed and can be resumed. One that failed
    before training started (its model or data could not be had) is not kept: `kept` is false
    and its folder is gone, as a run with nothing done has nothing to resume."""

    message: str
    kept: bool = True


class Cancelled(_Event, frozen=True):
    """The run was stopped on request; it is marked cancelled and can be resumed."""

    message: str


Event = Started | Progress | Evaluation | Warning | Done | Failed | Cancelled
FINAL = (Done, Failed, Cancelled)
_DECODER = msgspec.json.Decoder(Event)


def encode(event: Event) -> str:
    """One JSON line (without the newline), spaced as progress.jsonl files always were."""
    return json.dumps(msgspec.to_builtins(event), ensure_ascii=False)


def decode(line: str) -> Event:
    """The event a JSON line holds; ValueError for a line that is not one."""
    try:
        return _DECODER.decode(line)
    except msgspec.DecodeError as err:
        raise ValueError(f"not an event: {line[:200]!r} ({err})") from None
