"""`sweep report`: per model (and learning rate and epochs, when the sweep varies them), the mean
and sample standard deviation over seeds of strict span F1 on dev and test, beside the
catalogue's reference (NorBench's mean ± sd of five runs). F1 values are fractions, as in
metrics.json; the renderers show percent.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

import msgspec

from tsa_registry.sweeps.folder import DONE, Sweep, TaskState

if TYPE_CHECKING:
    from tsa_registry.registry import Registry


class Spread(msgspec.Struct, kw_only=True):
    """Mean and sample standard deviation (None for fewer than two values) of n values."""

    mean: float | None
    sd: float | None
    n: int

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        return cls(mean=statistics.mean(values) if values else None,
                   sd=statistics.stdev(values) if len(values) > 1 else None, n=len(values))


class ReportRow(msgspec.Struct, kw_only=True):
    model: str
    learning_rate: float
    epochs: int
    runs: int  # planned
    complete: int
    dev: Spread
    test: Spread
    best_epochs: list[int]  # of each complete run, by seed
    reference_f1: float | None = None
    reference_sd: float | None = None
    # |test mean - reference| > 2 sd (the reference's sd, or ours when it has none)
    differs: bool = False
    wall_seconds: float = 0.0  # summed over the runs
    peak_gpu_memory: int | None = None  # bytes, the largest of the runs


def sweep_report(sweep: Sweep, registry: Registry | None = None,
                 states: list[TaskState] | None = None) -> list[ReportRow]:
    """One row per model × learning rate × epochs, in the plan's order."""
    groups: dict[tuple[str, float, int], list[TaskState]] = {}
    for state in states if states is not None else sweep.states():
        groups.setdefault((state.model, state.learning_rate, state.epochs), []).append(state)
    return [_row(key, group, registry) for key, group in groups.items()]


def _row(key: tuple[str, float, int], group: list[TaskState], registry: Registry | None) -> ReportRow:
    done = [s for s in group if s.state == DONE]
    model, lr, epochs = key
    row = ReportRow(model=model, learning_rate=lr, epochs=epochs, runs=len(group), complete=len(done),
                    dev=Spread.of([s.dev_f1 for s in done if s.dev_f1 is not None]),
                    test=Spread.of([s.test_f1 for s in done if s.test_f1 is not None]),
                    best_epochs=[s.best_epoch for s in done if s.best_epoch is not None],
                    wall_seconds=sum(s.duration or 0.0 for s in done))
    peaks = [s.peak_gpu_memory for s in done if s.peak_gpu_memory is not None]
    row.peak_gpu_memory = max(peaks) if peaks else None
    entry = registry.entries.get(model) if registry is not None else None
    reference = entry.best_reference if entry is not None else None
    if reference is not None:
        row.reference_f1, row.reference_sd = reference.f1, reference.sd
        sd = reference.sd or row.test.sd
        if row.test.mean is not None and sd:
            row.differs = abs(row.test.mean - reference.f1) > 2 * sd
    return row


CSV_COLUMNS = ["model", "learning_rate", "epochs", "runs", "complete", "dev_mean", "dev_sd", "test_mean", "test_sd",
               "n", "best_epochs", "reference_f1", "reference_sd", "differs", "wall_seconds", "peak_gpu_memory"]


def csv_rows(rows: list[ReportRow]) -> list[list[object]]:
    """The report as CSV rows, header first (F1 as fractions, as in --json)."""
    out: list[list[object]] = [list(CSV_COLUMNS)]
    for r in rows:
        out.append([r.model, r.learning_rate, r.epochs, r.runs, r.complete, r.dev.mean, r.dev.sd, r.test.mean,
                    r.test.sd, r.test.n, " ".join(map(str, r.best_epochs)), r.reference_f1, r.reference_sd,
                    r.differs, round(r.wall_seconds, 1), r.peak_gpu_memory])
    return [["" if v is None else v for v in row] for row in out]
