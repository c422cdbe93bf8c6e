"""Commands over the catalogue: list, show, paths."""

from __future__ import annotations

from typing import get_args

import click

from tsa_registry.catalogue import Status
from tsa_registry.cli.output import Cut, console, emit_json, fail, load, print_table
from tsa_registry.cli.params import FiniteFloatRange
from tsa_registry.licences import CLASSES as LICENCE_CLASSES
from tsa_registry.rows import SORT_KEYS, speed_words
from tsa_registry.safe_text import inert_markup

WIDE = 100  # narrower, the "other task" column would squeeze the ids until they look alike


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--family", help="Only this family (see `tsa-registry plugins`).")
@click.option("--language", help="Only models covering this language: a code or a name ('no' and "
              "'norwegian' match nb and nn too).")
@click.option("--status", type=click.Choice(get_args(Status), case_sensitive=False), help="Only this status.")
@click.option("--licence", "licence", type=click.Choice(LICENCE_CLASSES, case_sensitive=False),
              help="Only this licence class (permissive: Apache, MIT, CC BY; copyleft: AGPL, GPL; "
                   "non-commercial: CC BY-NC; research-only: the card says so).")
@click.option(
    "--sort", "sort_by", type=click.Choice(list(SORT_KEYS), case_sensitive=False), default="id", show_default=True,
    help="Column to sort by (parameters and f1: largest first; latency: fastest first).",
)
@click.option("--max-latency", type=FiniteFloatRange(min=0, min_open=True), metavar="MS",
              help="Only models measured here (`tsa-registry speed`) within MS ms at p90.")
@click.pass_context
def list_models(ctx, as_json, family, language, status, licence, sort_by, max_latency):
    """List the catalogue of checkpoints.

    Each with its id, family, Simpletransformers model_type, languages, size, status, published
    TSA F1, and the latency measured on this machine."""
    from tsa_registry.formatting import STATUS_STYLE, counted, human_count, percent
    from tsa_registry.rows import sort_rows, speaks, speed_summary, summary
    from tsa_registry.speed.store import latest_here, load_all

    registry = load(ctx)
    if family and family not in registry.families:
        fail(f"unknown family {family!r}; known: {', '.join(sorted(registry.families))}")
    entries = [
        e for e in registry.entries.values()
        if (not family or e.family == family)
        and (not language or speaks(e, language))
        and (not status or e.status == status)
    ]
    if language and not entries:
        spoken = sorted({code for e in registry.entries.values() for code in e.languages})
        click.echo(f"No model covers language {language!r}; the catalogue's languages: {', '.join(spoken)} "
                   "(no: Norwegian, nb: Bokmål, nn: Nynorsk).", err=True)
    measured = latest_here(load_all())
    rows = [{**summary(registry, e), "speed": speed_summary(measured.get(e.id))} for e in entries]
    rows = [row for row in rows if not licence or row["licence_class"] == licence]
    if max_latency is not None:
        rows = [row for row in rows if _p90(row) is not None and _p90(row) <= max_latency]
    rows = sort_rows(rows, SORT_KEYS[sort_by])
    if as_json:
        return emit_json(rows)

    from rich.table import Table

    out = console()
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("id", "family", "model_type", "languages"):
        table.add_column(column)
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("TSA F1 %", justify="right", no_wrap=True)
    other_any = any(row["other_result"] for row in rows) and out.width >= WIDE
    if other_any:
        table.add_column("other task", justify="right", no_wrap=True)
    measured_any = any(_p90(row) is not None for row in rows)
    if measured_any:
        table.add_column("p90 ms", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(  # values from registry files: shown, never read as markup or control codes
            Cut(row["id"] + ("*" if row["origin"] != "built-in" else "")),
            Cut(row["family"]),
            Cut(row["simpletransformers_model_type"] or "-"),
            Cut(",".join(row["languages"]).replace("multilingual", "multi")),
            human_count(row["parameters"]),
            f"[{STATUS_STYLE[row['status']]}]{row['status']}[/]",
            percent(row["reference_f1"]),
            *([_other(row["other_result"])] if other_any else []),
            *([] if not measured_any else ["" if _p90(row) is None else f"{_p90(row):.0f}"]),
        )
    print_table(out, table)
    note = "TSA F1: NorBench, NoReC_tsa test, strict span F1."
    if any(row["other_result"] for row in rows) and not other_any:
        note += " A wider terminal shows published results on other tasks (`show MODEL` gives them)."
    elif other_any:
        note += (" other task: a published Norwegian NER F1 (NorNE; NorBench or EuroEval), not TSA: "
                 "`show MODEL` gives its dataset, metric and source.")
    if any(row["origin"] != "built-in" for row in rows):
        note += " * from your registry file."
    if any(row["speed"] for row in rows):
        note += " p90 ms: one sentence a call on this machine (`tsa-registry speed`)."
    elif max_latency is None:
        note += " `tsa-registry speed MODEL` measures latency here."
    out.print(f"[dim]{len(rows)} of {counted(len(registry.entries), 'model')}. {note}[/]")


@click.command()
@click.argument("model_id", metavar="MODEL|RUN")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.pass_context
def show(ctx, model_id, as_json):
    """Show everything known of one checkpoint, or of one run.

    A checkpoint's facts, its family, the settings it needs and the suggested NERArgs, known
    problems and published results; a run's model, data, scores and the licence condition its
    model inherits from the data."""
    from tsa_registry.registry import UnknownModelError
    from tsa_registry.rows import details, speed_summary

    registry = load(ctx)
    try:
        entry = registry.entry(model_id)
    except UnknownModelError as exc:
        if model_id not in registry.entries and _show_run(registry, model_id, as_json):
            return
        fail(str(exc))
    from tsa_registry.speed.store import latest_for

    info = {**details(registry, entry), "speed": speed_summary(latest_for(entry.id))}
    if as_json:
        return emit_json(info)
    from tsa_registry.details_text import render_details

    out = console()
    out.print(render_details(info))
    out.print(speed_line(info["speed"]))


@click.command()
@click.pass_context
def paths(ctx):
    """Show where your registry file, runs and data sets live."""
    from tsa_registry import paths as where

    path, explicit = where.user_registry_path(ctx.find_root().obj.get("user_registry"))
    click.echo(f"built-in catalogue: {where.builtin_catalogue_path().resolve()}")
    click.echo(f"your registry file: {path}" + ("" if path.exists() else " (not created yet)"))
    click.echo(f"runs:               {where.runs_dir()}")
    click.echo(f"data sets:          {where.datasets_dir()}")
    click.echo(f"sweeps:             {where.sweeps_dir()}")
    clusters = where.clusters_path()
    click.echo(f"Slurm profiles:     {clusters}" + ("" if clusters.exists() else " (not created yet)"))


def _other(result: dict | None) -> str:
    from tsa_registry.formatting import percent

    return "" if result is None else f"{result['task'].upper()} {percent(result['f1'])}"


def _show_run(registry, name: str, as_json: bool) -> bool:
    """Show run NAME, if there is one; False if not."""
    import msgspec

    from tsa_registry.formatting import percent
    from tsa_registry.training.leaderboard import leaderboard
    from tsa_registry.training.runs import RunError, open_run

    try:
        run = open_run(name)
    except RunError:
        return False
    row = leaderboard([run], registry)[0]
    if as_json:
        emit_json(msgspec.to_builtins(row))
        return True
    out = console()
    out.print(f"[bold underline]run {inert_markup(row.run)}[/]  {inert_markup(row.path)}")
    for label, value in (("model", row.model), ("data", row.data), ("status", row.status),
                         ("dev F1", percent(row.dev_f1)), ("test F1", percent(row.test_f1)),
                         ("data licence", row.data_licence)):
        if value:
            out.print(f"[bold]{label:<13}[/]{inert_markup(value)}")
    if row.data_caveat:
        out.print(f"[yellow]{inert_markup(row.data_caveat)}[/]")
    return True


def _p90(row) -> float | None:
    from tsa_registry.rows import row_value

    return row_value(row, "p90_ms")


def speed_line(speed: dict | None) -> str:
    if speed is None:
        return "[dim]Speed here: not measured yet (`tsa-registry speed MODEL`).[/]"
    return f"[bold]Speed here:[/] {inert_markup(speed_words(speed))}"
