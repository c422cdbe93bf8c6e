"""Commands over the catalogue: list, show, plugins, paths."""

from __future__ import annotations

import click

from tsa_registry.cli.output import console, emit_json, fail, load
from tsa_registry.safe_text import inert_markup

SORT_KEYS = {
    "id": lambda row: row["id"].lower(),
    "family": lambda row: (row["family"], row["id"].lower()),
    "model_type": lambda row: (row["simpletransformers_model_type"] or "", row["id"].lower()),
    "languages": lambda row: (",".join(row["languages"]), row["id"].lower()),
    "parameters": lambda row: (-(row["parameters"] or -1), row["id"].lower()),
    "status": lambda row: (row["status"], row["id"].lower()),
    "f1": lambda row: (-(row["reference_f1"] or -1), row["id"].lower()),
}
STATUS_STYLE = {"verified": "green", "expected": "cyan", "incompatible": "red"}


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--family", help="Only this family (see `tsa-registry plugins`).")
@click.option("--language", help="Only models covering this language code ('no' matches nb and nn).")
@click.option("--status", type=click.Choice(["verified", "expected", "incompatible"]), help="Only this status.")
@click.option(
    "--sort", "sort_by", type=click.Choice(list(SORT_KEYS)), default="id", show_default=True,
    help="Column to sort by (parameters and f1: largest first).",
)
@click.pass_context
def list_models(ctx, as_json, family, language, status, sort_by):
    """List the catalogue: id, family, Simpletransformers model_type, languages, size, status, F1."""
    from tsa_registry.views import human_count, speaks, summary

    registry = load(ctx)
    if family and family not in registry.families:
        fail(f"unknown family {family!r}; known: {', '.join(sorted(registry.families))}")
    entries = [
        e for e in registry.entries.values()
        if (not family or e.family == family)
        and (not language or speaks(e, language))
        and (not status or e.status == status)
    ]
    rows = sorted((summary(registry, e) for e in entries), key=SORT_KEYS[sort_by])
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
        f1 = row["reference_f1"]
        table.add_row(  # values from registry files: shown, never read as markup or control codes
            inert_markup(row["id"] + ("*" if row["origin"] != "built-in" else "")),
            inert_markup(row["family"]),
            inert_markup(row["simpletransformers_model_type"] or "-"),
            inert_markup(",".join(row["languages"]).replace("multilingual", "multi")),
            human_count(row["parameters"]),
            f"[{STATUS_STYLE[row['status']]}]{row['status']}[/]",
            "" if f1 is None else f"{f1:.1f}",
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
    """Show everything known of one checkpoint and its family, and the settings it needs."""
    from tsa_registry.registry import UnknownModelError
    from tsa_registry.views import details

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
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def plugins(ctx, as_json):
    """List each plugin, where it comes from, its families, and every plugin that failed."""
    from tsa_registry.views import plugin_rows

    registry = load(ctx)
    rows = plugin_rows(registry)
    if as_json:
        return emit_json(rows)

    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("plugin", "source", "families", "hooks", "status"):
        table.add_column(column)
    for row in rows:
        source = row["source"] + (f" {row['version']}" if row["version"] else "")
        state = "[green]loaded[/]" if row["error"] is None else f"[red]failed: {inert_markup(row['error'])}[/]"
        table.add_row(*(inert_markup(v) for v in (row["name"], source, ", ".join(row["families"]),
                                                  ", ".join(row["hooks"]))), state)
    out = console()
    out.print(table)
    for conflict in registry.conflicts:
        out.print(f"[yellow]claim conflict[/] {inert_markup(conflict.describe())}")
    out.print(
        "[dim]When families claim the same config model_type: higher priority wins, then a "
        "third-party family over a built-in one, then the name in alphabetical order.[/]"
    )


@click.command()
@click.pass_context
def paths(ctx):
    """Show where your registry file, runs and data sets live."""
    from tsa_registry import paths as where

    overlay, explicit = where.overlay_path(ctx.find_root().obj.get("registry_file"))
    click.echo(f"built-in catalogue: {where.builtin_catalogue_path().resolve()}")
    click.echo(f"your registry file: {overlay}" + ("" if overlay.exists() else " (not created yet)"))
    click.echo(f"runs:               {where.runs_dir()}")
    click.echo(f"data sets:          {where.datasets_dir()}")
