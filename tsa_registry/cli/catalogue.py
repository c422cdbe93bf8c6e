"""Commands over the catalogue: list, show, plugins, paths."""

from __future__ import annotations

import click

from tsa_registry.cli.output import console, emit_json, fail, load
from tsa_registry.cli.params import FiniteFloatRange
from tsa_registry.safe_text import inert_markup

SORT_KEYS = {
    "id": lambda row: row["id"].lower(),
    "family": lambda row: (row["family"], row["id"].lower()),
    "model_type": lambda row: (row["simpletransformers_model_type"] or "", row["id"].lower()),
    "languages": lambda row: (",".join(row["languages"]), row["id"].lower()),
    "parameters": lambda row: (-(row["parameters"] or -1), row["id"].lower()),
    "status": lambda row: (row["status"], row["id"].lower()),
    "f1": lambda row: (-(row["reference_f1"] or -1), row["id"].lower()),
    "latency": lambda row: (_p90(row) is None, _p90(row) or 0, row["id"].lower()),
}
STATUS_STYLE = {"verified": "green", "expected": "cyan", "incompatible": "red"}


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--family", help="Only this family (see `tsa-registry plugins`).")
@click.option("--language", help="Only models covering this language code ('no' matches nb and nn).")
@click.option("--status", type=click.Choice(["verified", "expected", "incompatible"]), help="Only this status.")
@click.option(
    "--sort", "sort_by", type=click.Choice(list(SORT_KEYS)), default="id", show_default=True,
    help="Column to sort by (parameters and f1: largest first; latency: fastest first).",
)
@click.option("--max-latency", type=FiniteFloatRange(min=0, min_open=True), metavar="MS",
              help="Only models measured here (`tsa-registry speed`) within MS ms at p90.")
@click.pass_context
def list_models(ctx, as_json, family, language, status, sort_by, max_latency):
    """List the catalogue: id, family, Simpletransformers model_type, languages, size, status, F1,
    and the latency measured on this machine."""
    from tsa_registry.speed.store import latest_here, load_all
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
    measured = latest_here(load_all())
    rows = [{**summary(registry, e), "speed": speed_summary(measured.get(e.id))} for e in entries]
    if max_latency is not None:
        rows = [row for row in rows if _p90(row) is not None and _p90(row) <= max_latency]
    rows.sort(key=SORT_KEYS[sort_by])
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
    table.add_column("p90 ms", justify="right", no_wrap=True)
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
            "" if _p90(row) is None else f"{_p90(row):.0f}",
        )
    out = console()
    out.print(table)
    note = "TSA F1: NorBench, NoReC_tsa test, strict span F1."
    if any(row["origin"] != "built-in" for row in rows):
        note += " * from your registry file."
    if any(row["speed"] for row in rows):
        note += " p90 ms: one sentence a call on this machine (`tsa-registry speed`)."
    elif max_latency is None:
        note += " `tsa-registry speed MODEL` measures latency here."
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
    from tsa_registry.speed.store import latest_for

    info = {**details(registry, entry), "speed": speed_summary(latest_for(entry.id))}
    if as_json:
        return emit_json(info)
    from tsa_registry.details_text import render_details

    out = console()
    out.print(render_details(info))
    out.print(speed_line(info["speed"]))


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
    """Show where your registry file and runs live."""
    from tsa_registry import paths as where

    overlay, explicit = where.overlay_path(ctx.find_root().obj.get("registry_file"))
    click.echo(f"built-in catalogue: {where.builtin_catalogue_path().resolve()}")
    click.echo(f"your registry file: {overlay}" + ("" if overlay.exists() else " (not created yet)"))
    click.echo(f"runs:               {where.runs_dir()}")


def _p90(row) -> float | None:
    return row["speed"]["p90_ms"] if row.get("speed") else None


def speed_summary(measurement) -> dict | None:
    """The latest measurement on this machine, as `list --json` and `show --json` give it."""
    if measurement is None:
        return None
    return {"p50_ms": measurement.latency.p50_ms, "p90_ms": measurement.latency.p90_ms,
            "p99_ms": measurement.latency.p99_ms, "throughput": measurement.throughput,
            "threads": measurement.threads, "weights": measurement.weights,
            "revision": measurement.revision, "measured_at": measurement.measured_at}


def speed_line(speed: dict | None) -> str:
    if speed is None:
        return "[dim]Speed here: not measured yet (`tsa-registry speed MODEL`).[/]"
    rate = speed["throughput"].get(32)
    batch = f", {rate:.1f} sentences/s at batch 32" if rate else ""
    return (f"[bold]Speed here:[/] p50 {speed['p50_ms']:g} ms, p90 {speed['p90_ms']:g} ms a sentence"
            f"{batch} ({speed['threads']} threads, {speed['weights']} weights, "
            f"{inert_markup(speed['measured_at'][:10])})")
