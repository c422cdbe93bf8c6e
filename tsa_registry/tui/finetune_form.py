"""The fine-tune form's values: defaults from the registry and the check, and parsing with
an error that names the field, within the limits `train` and TrainRequest enforce (LIMITS).
No Textual here: the screen shows what these return."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tsa_registry.training.request import DEVICES, LIMITS, Limit

QUICK_MAX = 100_000  # sentences a quick try may take


class FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class FormErrors(ValueError):
    """Every field that is wrong, each with its message, in the form's order."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


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
        "output": "",
        "quick": "",
    }


def data_file_problem(text: str, *, required: bool) -> str | None:
    """Why a data path cannot be used, or None (the contents are checked when the run starts).
    A data set's name (`norec_tsa`) stands for its split, downloaded when the run starts."""
    from tsa_registry.data.known import is_data_name

    if not text.strip():
        return "required: a NoReC_tsa CoNLL file, or norec_tsa" if required else None
    path = Path(text.strip()).expanduser()
    if is_data_name(text.strip()) and not path.exists():
        return None
    if not path.exists():
        return f"{path} does not exist"
    if not path.is_file():
        return f"{path} is a folder, not a file"
    return None


def parse_data(values: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The train, dev and test fields (the fine-tune and sweep forms'): paths made absolute, a
    data set's name kept as text for the run to resolve; and each field's problem."""
    from tsa_registry.data.known import is_data_name

    errors: dict[str, str] = {}
    texts = {name: values.get(name, "").strip() for name in ("train", "dev", "test")}
    if is_data_name(texts["train"]) and not texts["dev"]:
        texts["dev"] = texts["train"]  # norec_tsa: its train and dev splits
    out: dict[str, Any] = {}
    for name, required in (("train", True), ("dev", True), ("test", False)):
        text = texts[name]
        problem = data_file_problem(text, required=required)
        if problem:
            errors[name] = problem
        elif not text:
            out[name] = None
        else:
            path = Path(text).expanduser()
            out[name] = text if is_data_name(text) and not path.exists() else path.absolute()
    return out, errors


def parse_form(values: Mapping[str, str]) -> dict[str, Any]:
    """Keyword arguments for `plan_training`, plus `output` and `quick` (sentences of a quick
    try); FormErrors names every field that is wrong. Relative paths are the user's working
    folder's; a data set's name is kept as text for the run to resolve."""
    out, errors = parse_data(values)
    out["model"] = values["model"].strip()
    if not out["model"]:
        errors = {"model": "required: a catalogue id or a local model folder", **errors}
    checks = (("epochs", int, ""), ("gradient_accumulation_steps", int, ""), ("learning_rate", float, ""),
              ("max_seq_length", int, ""))
    for name, kind, hint in checks:
        try:
            out[name] = _number(values, name, kind, hint=hint)
        except FieldError as err:
            errors[name] = err.message
    batch = values["batch_size"].strip().lower()
    try:
        out["batch_size"] = "auto" if batch == "auto" else _number(values, "batch_size", int,
                                                                    hint="a whole number or auto")
    except FieldError as err:
        errors["batch_size"] = err.message
    device = values["device"].strip().lower() or "auto"
    if device not in DEVICES:
        errors["device"] = f"one of {', '.join(DEVICES)}"
    out["device"] = device
    output = values.get("output", "").strip()
    out["output"] = Path(output).expanduser().absolute() if output else None
    if out["output"] is not None and out["output"].exists() and (
            not out["output"].is_dir() or any(out["output"].iterdir())):
        errors["output"] = f"{out['output']} exists and is not an empty folder: give a new one"
    quick = values.get("quick", "").strip()
    out["quick"] = None
    if quick:
        if not quick.isdigit() or not 1 <= int(quick) <= QUICK_MAX:
            errors["quick"] = f"{quick!r}: a number of sentences from 1 to {QUICK_MAX}, or blank for all"
        else:
            out["quick"] = int(quick)
    if errors:
        raise FormErrors(errors)
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
