"""A sweep's plan: one run per model × seed × learning rate × epochs, each a `TrainRequest`
resolved exactly as `train` resolves one (training/plan.py), so every run is an ordinary run.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import msgspec

from tsa_registry.training.request import TrainRequest
from tsa_registry.training.runs import model_slug

if TYPE_CHECKING:
    from tsa_registry.registry import Registry

# `--seeds N`: the first N of these (NorBench's five first, so `--seeds 5` is NorBench's).
FIXED_SEEDS = (101, 202, 303, 404, 505, 606, 707, 808, 909, 1010)

# NorBench's TSA protocol (../reference: models.md): five seeds, batch 32, lr 5e-5, the best of up
# to 10 epochs chosen on dev, test scored at that epoch (what every run does).
PRESETS: dict[str, dict[str, Any]] = {
    "norbench": {"seeds": [101, 202, 303, 404, 505], "batch_size": 32, "learning_rates": [5e-5],
                 "epochs": [10]},
}


class SweepTask(msgspec.Struct, kw_only=True):
    """One run of the sweep: its key (the run folder's name) and its request (args.json)."""

    key: str
    request: TrainRequest


class SweepPlan(msgspec.Struct, kw_only=True):
    """plan.json: what was asked, and the runs it makes."""

    models: list[str]
    seeds: list[int]
    learning_rates: list[float]  # empty: each model's default
    epochs: list[int]  # empty: each model's default
    preset: str | None = None
    created: float = 0.0
    tasks: list[SweepTask] = []

    def task(self, key: str) -> SweepTask:
        for task in self.tasks:
            if task.key == key:
                return task
        raise KeyError(f"no run {key!r} in this sweep")


def parse_seeds(text: str, name: str = "--seeds") -> list[int]:
    """`5` means the first 5 fixed seeds; `1,2,3` means those seeds. `name` leads the message."""
    text = text.strip()
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(part.removeprefix("-").isdecimal() for part in parts):
        raise ValueError(f"{name} {text!r}: give a count (5) or a list of whole numbers (1,2,3)")
    if "," not in text:
        if not 1 <= int(text) <= len(FIXED_SEEDS):
            raise ValueError(f"{name} {text}: give 1 to {len(FIXED_SEEDS)}, or a list such as 1,2,3")
        return list(FIXED_SEEDS[:int(text)])
    seeds = [int(part) for part in parts]
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"{name} {text!r}: a seed is given twice")
    return seeds


def parse_numbers(text: str | None, kind: type, name: str) -> list:
    """`2e-5,5e-5` -> [2e-05, 5e-05]; empty -> [] (the model's default)."""
    if not text or not text.strip():
        return []
    try:
        return [kind(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"{name} {text!r}: give numbers separated by commas") from None


def task_key(request: TrainRequest) -> str:
    """The run folder's name: model, seed, learning rate, epochs."""
    return f"{model_slug(request.model, 80)}-s{request.seed}-lr{request.learning_rate:g}-e{request.epochs}"


def plan_sweep(models: list[str], *, seeds: list[int], registry: Registry, learning_rates: list[float] | None = None,
               epochs: list[int] | None = None, preset: str | None = None, **options: Any) -> SweepPlan:
    """Every run's request; `options` are `plan_training`'s (data, batch size, ...). Each model is
    planned once (data and model are checked once), then varied by seed, rate and epochs."""
    from tsa_registry.training.plan import PlanError, plan_training

    if not models:
        raise PlanError("give at least one model")
    if len(set(models)) != len(models):
        raise PlanError("a model is given twice")
    tasks: list[SweepTask] = []
    for model in models:
        base = plan_training(model, registry=registry, seed=seeds[0], **options)
        for lr in learning_rates or [base.learning_rate]:
            for n in epochs or [base.epochs]:
                for seed in seeds:
                    fields = {**msgspec.to_builtins(base), "seed": seed, "learning_rate": lr, "epochs": n}
                    try:
                        request = TrainRequest.make(**fields)
                    except msgspec.ValidationError as err:
                        raise PlanError(f"{model}: {err}") from None
                    tasks.append(SweepTask(key=task_key(request), request=request))
    keys = [t.key for t in tasks]
    if len(set(keys)) != len(keys):
        raise PlanError("two models have the same folder name; give them distinct names (copy or link one)")
    return SweepPlan(models=models, seeds=seeds, learning_rates=list(learning_rates or []),
                     epochs=list(epochs or []), preset=preset, created=time.time(), tasks=tasks)
