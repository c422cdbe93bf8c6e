"""How the training commands look in a terminal: progress bar, scores, leaderboard (rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
from rich.console import Group
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from tsa_registry.cli.output import Cut, console
from tsa_registry.formatting import clock, counted, percent
from tsa_registry.licences import licence_class
from tsa_registry.safe_text import inert, inert_markup
from tsa_registry.training import events

if TYPE_CHECKING:
    from tsa_registry.training.leaderboard import LeaderboardRow
    from tsa_registry.training.process import TrainingProcess


def follow(process: TrainingProcess, as_json: bool) -> int:
    """Show a training process's events until it ends; Ctrl-C cancels it. Returns the exit code."""
    try:
        final: events.Event | None = None
        if as_json:
            for event in process.events():
                click.echo(events.encode(event))
                if isinstance(event, (events.Done, events.Failed, events.Cancelled)):
                    final = event
        else:
            final = _progress(process)
    except KeyboardInterrupt:
        click.echo("Cancelling ... (Ctrl-C again stops it at once)", err=True)
        try:
            process.cancel()
        except KeyboardInterrupt:
            process.cancel(timeout=0)  # no more waiting for the epoch's end: kill it now
        final = events.Cancelled(message="cancelled", time=0.0)
    run = process.run
    if isinstance(final, events.Done):
        if not as_json:
            test = f", test F1 {_pct(final.test_f1)}" if final.test_f1 is not None else ""
            click.echo(f"Done: best epoch {final.best_epoch}, dev F1 {_pct(final.dev_f1)}{test} "
                       f"({final.duration:.0f} s). Run: {run.path}")
        return 0
    if isinstance(final, events.Cancelled):
        click.echo(f"Cancelled. `tsa-registry train --resume {run.path}` goes on from the last "
                   "saved epoch.", err=True)
        return 130
    if isinstance(final, events.Failed) and not final.kept:
        click.secho(f"error: the run could not start, and nothing was kept: {inert(final.message)}",
                    fg="red", err=True)
        return 1
    message = final.message if isinstance(final, events.Failed) else run.status().get("message", "")
    click.secho(f"error: training failed: {inert(message)}\nDetails: {run.file('train.log')}",
                fg="red", err=True)
    return 1


def _progress(process: TrainingProcess) -> events.Event | None:
    final: events.Event | None = None
    out = console()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[info]}"))
    with Progress(*columns, console=out, transient=False, disable=not out.is_terminal) as bar:  # a bar for eyes only
        task = bar.add_task("starting", total=None, info="")
        for event in process.events():
            if isinstance(event, events.Started):
                bar.update(task, total=event.total_steps,
                           completed=event.start_epoch * event.steps_per_epoch,
                           description=f"epoch {event.start_epoch + 1}/{event.epochs}")
                bar.console.print(
                    f"Training {inert_markup(event.model)} on {event.device}: "
                    f"{counted(event.train_sentences, 'sentence')}, batches of {event.batch_size} x "
                    f"{event.gradient_accumulation_steps}, "
                    f"max_seq_length {event.max_seq_length}. Run: {inert_markup(process.run.path)}",
                    soft_wrap=not out.is_terminal)  # piped, a line stays one line for whoever reads it
            elif isinstance(event, events.Progress):
                bar.update(task, completed=event.step, description=f"epoch {event.epoch}",
                           info=f"loss {event.loss:.4f}  {event.sentences_per_second:.1f} sent/s  "
                                f"{_duration(event.eta)} left")
            elif isinstance(event, events.Evaluation):
                mark = "  (best so far)" if event.best else ""
                bar.console.print(f"epoch {event.epoch}: dev F1 {_pct(event.f1)}  "
                                  f"P {_pct(event.precision)}  R {_pct(event.recall)}{mark}")
            elif isinstance(event, events.Warning):
                bar.console.print(f"[yellow]warning:[/yellow] {inert_markup(event.message)}", markup=True,
                                  soft_wrap=not out.is_terminal)
            elif isinstance(event, events.FINAL):
                final = event
    return final


def _duration(seconds: float) -> str:
    return clock(seconds)


def _pct(value: float | None) -> str:
    """A score in percent with one decimal, as every table prints F1; "-" when there is none."""
    return percent(value, "-")


def scores_view(data: dict[str, Any]) -> Group:
    table = Table(title="Strict span F1 (NorBench), in %", title_justify="left")
    for column in ("", "F1", "precision", "recall"):
        table.add_column(column, justify="left" if not column else "right")
    table.add_row("all targets", _pct(data["f1"]), _pct(data["precision"]), _pct(data["recall"]))
    for polarity, s in data["per_polarity"].items():
        table.add_row(polarity, _pct(s["f1"]), _pct(s["precision"]), _pct(s["recall"]))
    t = data["target_only"]
    table.add_row("target only", _pct(t["f1"]), _pct(t["precision"]), _pct(t["recall"]))
    c = data["counts"]
    lines = [f"{counted(data['sentences'], 'sentence')}, {data['gold_spans']} gold and "
             f"{counted(data['predicted_spans'], 'predicted target')}: {c['correct']} correct, "
             f"{c['incorrect']} incorrect, {c['missed']} missed, {c['spurious']} spurious."]
    confusion = data["polarity_confusion"]
    if confusion:
        lines.append("Targets found with the right extent, by polarity (rows gold, columns predicted):")
        grid = Table(box=None, padding=(0, 2))
        grid.add_column("")
        for name in confusion:
            grid.add_column(name, justify="right")
        for gold, row in confusion.items():
            grid.add_row(gold, *(str(row.get(p, 0)) for p in confusion))
        return Group(table, *lines, grid)
    return Group(table, *lines)


def runs_table(rows: list[LeaderboardRow]) -> Table:
    """Borderless, like every listing, so that at 80 columns the run, model and data keep room."""
    table = Table(title="Runs (F1 in %; ref F1: the published NoReC_tsa test F1)", title_justify="left",
                  box=None, header_style="bold", pad_edge=False)
    for column in ("run", "model", "data", "epochs", "dev F1", "test F1", "ref F1", "time", "status"):
        table.add_column(column, justify="right" if "F1" in column or column in ("epochs", "time") else "left",
                         no_wrap=column not in ("run", "model", "data"))
    for r in rows:
        epochs = f"{r.epochs.done}/{r.epochs.of}" if r.epochs else "?"
        table.add_row(*(Cut(v) for v in (r.run, r.model or "?", (r.data or "?") + _nc(r))), inert_markup(epochs),
                      _pct(r.dev_f1), _pct(r.test_f1), _pct(r.reference_f1),
                      _duration(r.duration) if r.duration else "-", inert_markup(r.status))
    caveats = sorted({r.data_caveat for r in rows if r.data_caveat and _nc(r)})
    if caveats:  # the non-commercial condition a model trained on NoReC_tsa inherits
        table.caption = "(NC): " + " ".join(caveats)
        table.caption_justify = "left"
    return table


def _nc(row: LeaderboardRow) -> str:
    """' (NC)' after the data of a run whose data set is licensed non-commercial."""
    return " (NC)" if licence_class(row.data_licence) == "non-commercial" else ""
