"""How sweeps look in a terminal: the plan, each run's state, the report, and following a sweep."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click
from rich.table import Table

from tsa_registry.cli.output import console
from tsa_registry.formatting import percent, spread
from tsa_registry.safe_text import inert, inert_markup
from tsa_registry.training import events

if TYPE_CHECKING:
    from tsa_registry.registry import Registry
    from tsa_registry.sweeps.folder import Sweep, TaskState
    from tsa_registry.sweeps.plan import SweepPlan
    from tsa_registry.sweeps.report import ReportRow

GIB = 1024**3


def show_plan(plan: SweepPlan, existing: Sweep | None, registry: Registry) -> None:
    """--dry-run: every run, its estimated GPU memory, and whether it is done already."""
    from tsa_registry.sweeps.estimate import estimate_memory

    estimates: dict[tuple[str, int], tuple[int | None, str]] = {}
    table = Table(title=f"Sweep plan: {len(plan.tasks)} runs")
    for column in ("run", "model", "seed", "lr", "epochs", "batch", "GPU memory (est.)", "action"):
        table.add_column(column)
    skipped = 0
    for task in plan.tasks:
        r = task.request
        key = (r.model, r.batch_size)
        if key not in estimates:
            estimates[key] = estimate_memory(r, registry)
        used, how = estimates[key]
        memory = f"{used / GIB:.1f} GiB" if used is not None else f"unknown ({how})"
        done = existing is not None and existing.done(task.key)
        skipped += done
        table.add_row(inert_markup(task.key), inert_markup(r.model), str(r.seed), f"{r.learning_rate:g}",
                      str(r.epochs), str(r.batch_size), inert_markup(memory), "skip (complete)" if done else "run")
    console().print(table)
    click.echo(f"{len(plan.tasks) - skipped} to run, {skipped} already complete. Nothing was started (--dry-run).")


def show_states(sweep: Sweep, states: list[TaskState]) -> None:
    table = Table(title=f"Sweep {inert_markup(str(sweep.path))}")
    for column in ("run", "state", "epochs", "dev F1", "test F1", "job"):
        table.add_column(column)
    for s in states:
        state = s.state + (f" {s.progress:.0%}" if s.progress is not None else "")
        table.add_row(inert_markup(s.key), state, f"{s.epochs_done}/{s.epochs}", percent(s.dev_f1, "-"),
                      percent(s.test_f1, "-"), s.job or "")
    console().print(table)
    counts: dict[str, int] = {}
    for s in states:
        counts[s.state] = counts.get(s.state, 0) + 1
    click.echo(", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    for s in states:
        if s.state in ("failed", "cancelled"):
            click.echo(f"\n{s.key} {s.state}: {inert(s.message)}\n  log: {s.run}/train.log")
            for line in (s.log_tail or "").splitlines():
                click.echo(f"  | {inert(line)}")
    if any(s.state in ("failed", "cancelled", "pending") for s in states) and not any(
            s.state in ("running", "queued") for s in states):
        click.echo(f"\n`tsa-registry sweep resume {sweep.path}` runs what has not completed.")


def show_report(rows: list[ReportRow]) -> None:
    table = Table(title="Strict span F1 (%), mean ± sd over seeds")
    for column in ("model", "lr", "epochs", "n", "dev", "test", "best epochs", "reference", "", "wall", "peak GPU"):
        table.add_column(column)
    for r in rows:
        table.add_row(inert_markup(r.model), f"{r.learning_rate:g}", str(r.epochs), f"{r.complete}/{r.runs}",
                      spread(r.dev.mean, r.dev.sd), spread(r.test.mean, r.test.sd),
                      " ".join(map(str, r.best_epochs)) or "-", spread(r.reference_f1, r.reference_sd),
                      "[red]differs[/]" if r.differs else "", f"{r.wall_seconds / 60:.1f} min",
                      "-" if r.peak_gpu_memory is None else f"{r.peak_gpu_memory / GIB:.1f} GiB")
    console().print(table)
    if any(r.differs for r in rows):
        click.echo("differs: the test mean is more than 2 sd from the reference.")


def follow_local(sweep: Sweep, gpus: list[str] | None) -> int:
    """Run the sweep here, a line per epoch and per finished run; 0 when every run completed."""
    from tsa_registry.sweeps.local import run_local

    def on_event(key: str, event: events.Event) -> None:
        if isinstance(event, events.Started):
            click.echo(f"{key}: started on {event.device} (epoch {event.start_epoch + 1} of {event.epochs})")
        elif isinstance(event, events.Evaluation):
            click.echo(f"{key}: epoch {event.epoch}, dev F1 {percent(event.f1)}")
        elif isinstance(event, events.Done):
            click.echo(f"{key}: complete, best epoch {event.best_epoch}, dev F1 {percent(event.dev_f1)}")
        elif isinstance(event, (events.Failed, events.Cancelled)):
            click.echo(f"{key}: {event.kind}: {inert(event.message)}")

    try:
        results = run_local(sweep, gpus=gpus, on_event=on_event)
    except KeyboardInterrupt:
        click.echo(f"Cancelled. `tsa-registry sweep resume {sweep.path}` goes on from the saved epochs.", err=True)
        return 130
    return _summary(sweep, results.values())


def follow_slurm(sweep: Sweep, interval: float = 2.0) -> int:
    """Poll the sweep folder and the queue until no task is queued or running. Ctrl-C only stops
    following: the jobs go on, and `sweep status` re-attaches."""
    from tsa_registry.sweeps.slurm import queued

    seen: dict[str, str] = {}
    try:
        while True:
            states = sweep.states(queued(sweep))
            for s in states:
                if seen.get(s.key) != s.state:
                    seen[s.key] = s.state
                    click.echo(f"{s.key}: {s.state}" + (f" {s.job}" if s.job else ""))
            if not any(s.state in ("queued", "running") and s.job for s in states):  # in the queue
                return _summary(sweep, [s.state for s in states])
            time.sleep(interval)
    except KeyboardInterrupt:
        click.echo(f"Stopped following; the jobs go on. `tsa-registry sweep status {sweep.path}`", err=True)
        return 130


def _summary(sweep: Sweep, statuses) -> int:
    statuses = list(statuses)
    done = sum(s == "complete" for s in statuses)
    click.echo(f"{done} of {len(statuses)} runs complete. `tsa-registry sweep report {sweep.path}`")
    if done < len(statuses):
        click.echo(f"`tsa-registry sweep status {sweep.path}` lists the others; "
                   f"`tsa-registry sweep resume {sweep.path}` runs them again.")
        return 1
    return 0
