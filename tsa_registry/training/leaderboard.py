"""The leaderboard of runs, beside the catalogue's published F1 for the same model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tsa_registry.training.runs import Run, RunError, list_runs


def leaderboard(runs: list[Run] | None = None, registry: Any = None,
                root: Path | None = None) -> list[dict[str, Any]]:
    """One row a run, best dev F1 first; F1 values are fractions (0-1), as in metrics.json.

    `reference_f1` is the catalogue's best published strict span F1 for the run's model (NoReC_tsa
    test, NorBench), also as a fraction, or None when the model has none.
    """
    rows = [_row(run, registry) for run in (runs if runs is not None else list_runs(root))]
    return sorted(rows, key=lambda r: (r["dev_f1"] is None, -(r["dev_f1"] or 0), r["run"]))


def _row(run: Run, registry: Any) -> dict[str, Any]:
    """The run's row; a run whose files are damaged is listed as `unreadable`, saying why."""
    try:
        request = run.request()
        status, message = run.effective_status()
        metrics = run.metrics() or {}
    except (OSError, ValueError, RunError) as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        why = first if isinstance(err, RunError) else f"{run.file('args.json')} is unreadable: {first}"
        return {"run": run.name, "path": str(run.path), "model": None, "status": "unreadable",
                "message": why, "dev_f1": None, "test_f1": None,
                "epochs": None, "best_epoch": None, "data": None, "duration": None,
                "reference_f1": None, "reference_source": None}
    reference = _reference(registry, request.model)
    return {
        "run": run.name,
        "path": str(run.path.resolve()),
        "model": request.model,
        "status": status,
        "message": message,
        "dev_f1": _f1(metrics.get("dev")),
        "test_f1": _f1(metrics.get("test")),
        "epochs": {"done": _number(metrics.get("epochs_done")) or 0, "of": request.epochs},
        "best_epoch": _number(metrics.get("best_epoch")) or None,
        "data": Path(request.train).name,
        "duration": _number(metrics.get("duration")),
        "reference_f1": reference.f1 / 100 if reference else None,
        "reference_source": reference.source if reference else None,
    }


def _reference(registry: Any, model: str):
    if registry is None or model not in registry.entries:
        return None
    return registry.entries[model].best_reference


def _f1(scores: Any) -> float | None:
    return _number(scores.get("f1")) if isinstance(scores, dict) else None


def _number(value: Any) -> Any:
    """A number from metrics.json, or None for anything else (a file edited by hand)."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
