"""`tsa-registry plugins`: what is loaded and what failed."""

from __future__ import annotations

from dataclasses import replace

import click

from tsa_registry.cli.output import console, emit_json, load
from tsa_registry.safe_text import inert_markup


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def plugins(ctx: click.Context, as_json: bool) -> None:
    """List plugins, their families and failures.

    Each plugin: where it comes from, its hooks and families, and why it failed, if it did
    (from loading or from any hook, the commands it adds included).
    """
    if ctx.invoked_subcommand is not None:
        return
    from tsa_registry.cli import COMMANDS
    from tsa_registry.cli.plugin_commands import plugin_commands
    from tsa_registry.views import plugin_rows

    registry = load(ctx)
    calls = plugin_commands(ctx, builtin=COMMANDS).calls
    rows = plugin_rows(replace(registry, plugins=[report.with_calls(calls) for report in registry.plugins]))
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
