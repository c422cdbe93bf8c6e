"""The leaderboard of runs, beside the catalogue's published F1 for the same model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from tsa_registry.training.runs import Run, RunError, list_runs

if TYPE_CHECKING:
    from tsa_registry.catalogue import Reference
    from tsa_registry.registry import Registry


class EpochsDone(msgspec.Struct):
    done: int
    of: int


class LeaderboardRow(msgspec.Struct, kw_only=True):
    """One run, as `runs --json` prints it. F1 values are fractions (0-1), as in metrics.json.

    `reference_f1` is the catalogue's best published strict span F1 for the run's model
    (NoReC_tsa test, NorBench), or None when the model has none. A run whose files are damaged
    has the status `unreadable`, `message` saying why, and no scores. `data_caveat` is the
    licence condition a model trained on a known data set inherits (NoReC_tsa: non-commercial)."""

    run: str
    path: str
    model: str | None
    status: str
    message: str
    dev_f1: float | None = None
    test_f1: float | None = None
    epochs: EpochsDone | None = None
    best_epoch: int | None = None
    data: str | None = None  # the training file's name
    duration: float | None = None  # seconds
    reference_f1: float | None = None
    reference_source: str | None = None
    data_licence: str | None = None  # a known data set's licence (cc-by-nc-4.0 for NoReC_tsa)
    data_caveat: str | None = None  # the condition the run's model inherits from its data


def leaderboard(runs: list[Run] | None = None, registry: Registry | None = None,
                root: Path | None = None) -> list[LeaderboardRow]:
    """One row a run, best dev F1 first."""
    rows = [_row(run, registry) for run in (runs if runs is not None else list_runs(root))]
    return sorted(rows, key=lambda r: (r.dev_f1 is None, -(r.dev_f1 or 0), r.run))


def _row(run: Run, registry: Registry | None) -> LeaderboardRow:
    """The run's row; a run whose files are damaged is listed as `unreadable`, saying why."""
    try:
        request = run.request()
        status, message = run.effective_status()
        metrics = run.metrics() or {}
    except (OSError, ValueError, RunError) as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        why = first if isinstance(err, RunError) else f"{run.file('args.json')} is unreadable: {first}"
        return LeaderboardRow(run=run.name, path=str(run.path), model=None, status="unreadable", message=why)
    reference = _reference(registry, request.model)
    return LeaderboardRow(
        run=run.name,
        path=str(run.path.resolve()),
        model=request.model,
        status=status,
        message=message,
        dev_f1=metric_f1(metrics.get("dev")),
        test_f1=metric_f1(metrics.get("test")),
        epochs=EpochsDone(done=metric_number(metrics.get("epochs_done")) or 0, of=request.epochs),
        best_epoch=metric_number(metrics.get("best_epoch")) or None,
        data=Path(request.train).name,
        duration=metric_number(metrics.get("duration")),
        reference_f1=reference.f1 if reference else None,
        reference_source=reference.source if reference else None,
        data_licence=request.data_terms.licence if request.data_terms else None,
        data_caveat=request.data_terms.caveat if request.data_terms else None,
    )


def _reference(registry: Registry | None, model: str) -> Reference | None:
    if registry is None or model not in registry.entries:
        return None
    return registry.entries[model].best_reference


def metric_f1(scores: Any) -> float | None:
    return metric_number(scores.get("f1")) if isinstance(scores, dict) else None


def metric_number(value: Any) -> Any:
    """A number from metrics.json, or None for anything else (a file edited by hand)."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
