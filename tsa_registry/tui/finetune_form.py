"""The fine-tune form's values: defaults from the registry and the check, and parsing with
an error that names the field, within the limits `train` and TrainRequest enforce (LIMITS).
No Textual here: the screen shows what these return."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tsa_registry.training.request import DEVICES, LIMITS, Limit


class FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def form_defaults(suggested: Mapping[str, Any], model: str, data: Mapping[str, str]) -> dict[str, str]:
    """Text for each field: the suggested NERArgs (family defaults, catalogue, check) and the
    data files used last time."""
    def text(value: Any) -> str:
        return "" if value is None else str(value)

    return {
        "model": model,
        "train": data.get("train", ""),
        "dev": data.get("dev", ""),
        "test": data.get("test", ""),
        "epochs": text(suggested.get("num_train_epochs")),
        "batch_size": text(suggested.get("train_batch_size")),
        "gradient_accumulation_steps": text(suggested.get("gradient_accumulation_steps", 1)),
        "learning_rate": text(suggested.get("learning_rate")),
        "max_seq_length": text(suggested.get("max_seq_length")),
        "device": "auto",
    }


def data_file_problem(text: str, *, required: bool) -> str | None:
    """Why a data path cannot be used, or None (the contents are checked when the run starts)."""
    if not text.strip():
        return "required: a NoReC_tsa CoNLL file" if required else None
    path = Path(text.strip()).expanduser()
    if not path.exists():
        return f"{path} does not exist"
    if not path.is_file():
        return f"{path} is a folder, not a file"
    return None


def parse_form(values: Mapping[str, str]) -> dict[str, Any]:
    """Keyword arguments for `plan_training`; FieldError names the first field that is wrong."""
    model = values["model"].strip()
    if not model:
        raise FieldError("model", "required: a catalogue id or a local model folder")
    out: dict[str, Any] = {"model": model}
    for name, required in (("train", True), ("dev", True), ("test", False)):
        problem = data_file_problem(values[name], required=required)
        if problem:
            raise FieldError(name, problem)
        out[name] = Path(values[name].strip()).expanduser() if values[name].strip() else None
    out["epochs"] = _number(values, "epochs", int)
    batch = values["batch_size"].strip().lower()
    out["batch_size"] = "auto" if batch == "auto" else _number(values, "batch_size", int,
                                                                hint="a whole number or auto")
    out["gradient_accumulation_steps"] = _number(values, "gradient_accumulation_steps", int)
    out["learning_rate"] = _number(values, "learning_rate", float)
    out["max_seq_length"] = _number(values, "max_seq_length", int)
    device = values["device"].strip().lower() or "auto"
    if device not in DEVICES:
        raise FieldError("device", f"one of {', '.join(DEVICES)}")
    out["device"] = device
    return out


def _number(values: Mapping[str, str], name: str, kind: type, *, hint: str = "") -> Any:
    """The field's number within its LIMITS, or None when it is empty."""
    limit: Limit = LIMITS[name]
    text = values[name].strip()
    if not text:
        return None  # the family's default, or for max_seq_length the longest sentence in the data
    try:
        number = kind(text)
    except ValueError:
        raise FieldError(name, f"{text!r} is not {hint or ('a whole number' if kind is int else 'a number')}") from None
    if not math.isfinite(number):
        raise FieldError(name, f"{text!r} is not a finite number")
    if not limit.allows(number):
        raise FieldError(name, f"must be {limit.describe()}")
    return number
