"""Commands over the catalogue: list, show, paths."""

from __future__ import annotations

from typing import get_args

import click

from tsa_registry.catalogue import Status
from tsa_registry.cli.output import console, emit_json, fail, load
from tsa_registry.rows import SORT_KEYS
from tsa_registry.safe_text import inert_markup


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--family", help="Only this family (see `tsa-registry plugins`).")
@click.option("--language", help="Only models covering this language code ('no' matches nb and nn).")
@click.option("--status", type=click.Choice(get_args(Status)), help="Only this status.")
@click.option(
    "--sort", "sort_by", type=click.Choice(list(SORT_KEYS)), default="id", show_default=True,
    help="Column to sort by (parameters and f1: largest first).",
)
@click.pass_context
def list_models(ctx, as_json, family, language, status, sort_by):
    """List the catalogue of checkpoints.

    Each with its id, family, Simpletransformers model_type, languages, size, status and
    published TSA F1."""
    from tsa_registry.formatting import STATUS_STYLE, human_count, percent
    from tsa_registry.rows import sort_rows, speaks, summary

    registry = load(ctx)
    if family and family not in registry.families:
        fail(f"unknown family {family!r}; known: {', '.join(sorted(registry.families))}")
    entries = [
        e for e in registry.entries.values()
        if (not family or e.family == family)
        and (not language or speaks(e, language))
        and (not status or e.status == status)
    ]
    rows = sort_rows([summary(registry, e) for e in entries], SORT_KEYS[sort_by])
    if as_json:
        return emit_json(rows)

    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    for column in ("family", "model_type"):
        table.add_column(column, no_wrap=True)
    table.add_column("languages", overflow="ellipsis", no_wrap=True, max_width=18)
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("TSA F1", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(  # values from registry files: shown, never read as markup or control codes
            inert_markup(row["id"] + ("*" if row["origin"] != "built-in" else "")),
            inert_markup(row["family"]),
            inert_markup(row["simpletransformers_model_type"] or "-"),
            inert_markup(",".join(row["languages"]).replace("multilingual", "multi")),
            human_count(row["parameters"]),
            f"[{STATUS_STYLE[row['status']]}]{row['status']}[/]",
            percent(row["reference_f1"]),
        )
    out = console()
    out.print(table)
    note = "TSA F1: NorBench, NoReC_tsa test, strict span F1."
    if any(row["origin"] != "built-in" for row in rows):
        note += " * from your registry file."
    out.print(f"[dim]{len(rows)} of {len(registry.entries)} models. {note}[/]")


@click.command()
@click.argument("model_id")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.pass_context
def show(ctx, model_id, as_json):
    """Show everything known of one checkpoint.

    Its facts, its family, the settings it needs and the suggested NERArgs, known problems and
    published results."""
    from tsa_registry.registry import UnknownModelError
    from tsa_registry.rows import details

    registry = load(ctx)
    try:
        entry = registry.entry(model_id)
    except UnknownModelError as exc:
        fail(str(exc))
    info = details(registry, entry)
    if as_json:
        return emit_json(info)
    from tsa_registry.details_text import render_details

    console().print(render_details(info))


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
