"""The sweep form's values: the data as the fine-tune form reads it, the seeds, learning rates and
epochs as `tsa-registry sweep` reads them. No Textual here: the screen shows what these return."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tsa_registry.sweeps.plan import parse_numbers, parse_seeds
from tsa_registry.training.request import LIMITS
from tsa_registry.tui.finetune_form import FormErrors, parse_data

DEFAULT_SEEDS = "5"  # NorBench's first five fixed seeds


def sweep_defaults(data: Mapping[str, str]) -> dict[str, str]:
    """The data files used last time; five seeds; each model's own learning rate and epochs."""
    return {"train": data.get("train", ""), "dev": data.get("dev", ""), "test": data.get("test", ""),
            "seeds": DEFAULT_SEEDS, "learning_rates": "", "epochs": ""}


def parse_sweep_form(values: Mapping[str, str]) -> dict[str, Any]:
    """Keyword arguments for `plan_sweep` (less the models and the registry); FormErrors names
    every field that is wrong."""
    out, errors = parse_data(values)
    try:
        out["seeds"] = parse_seeds(values["seeds"], name="")
    except ValueError as err:
        errors["seeds"] = str(err).strip()
    for name, kind, limit in (("learning_rates", float, "learning_rate"), ("epochs", int, "epochs")):
        try:
            numbers = parse_numbers(values[name], kind, name="")
        except ValueError as err:
            errors[name] = str(err).strip()
            continue
        wrong = [n for n in numbers if not LIMITS[limit].allows(n)]
        if wrong:
            errors[name] = f"{wrong[0]:g}: each must be {LIMITS[limit].describe()}"
        out[name] = numbers or None  # None: each model's default
    if errors:
        raise FormErrors(errors)
    return out
