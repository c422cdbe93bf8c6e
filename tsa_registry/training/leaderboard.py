"""The leaderboard of runs, beside the catalogue's published F1 for the same model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tsa_registry.training.runs import Run, list_runs


def leaderboard(runs: list[Run] | None = None, registry: Any = None,
                root: Path | None = None) -> list[dict[str, Any]]:
    """One row a run, best dev F1 first; F1 values are fractions (0-1), as in metrics.json.

    `reference_f1` is the catalogue's best published strict span F1 for the run's model (NoReC_tsa
    test, NorBench), also as a fraction, or None when the model has none.
    """
    rows = [_row(run, registry) for run in (runs if runs is not None else list_runs(root))]
    return sorted(rows, key=lambda r: (r["dev_f1"] is None, -(r["dev_f1"] or 0), r["run"]))


def _row(run: Run, registry: Any) -> dict[str, Any]:
    try:
        request = run.request()
    except (OSError, ValueError) as err:
        return {"run": run.name, "path": str(run.path), "model": None, "status": "failed",
                "message": f"unreadable args.json: {err}", "dev_f1": None, "test_f1": None,
                "epochs": None, "best_epoch": None, "data": None, "duration": None,
                "reference_f1": None, "reference_source": None}
    status, message = run.effective_status()
    metrics = run.metrics() or {}
    dev, test = metrics.get("dev") or {}, metrics.get("test") or {}
    reference = _reference(registry, request.model)
    return {
        "run": run.name,
        "path": str(run.path.resolve()),
        "model": request.model,
        "status": status,
        "message": message,
        "dev_f1": dev.get("f1"),
        "test_f1": test.get("f1"),
        "epochs": {"done": metrics.get("epochs_done", 0), "of": request.epochs},
        "best_epoch": metrics.get("best_epoch") or None,
        "data": Path(request.train).name,
        "duration": metrics.get("duration"),
        "reference_f1": reference.f1 / 100 if reference else None,
        "reference_source": reference.source if reference else None,
    }


def _reference(registry: Any, model: str):
    if registry is None or model not in registry.entries:
        return None
    return registry.entries[model].best_reference
