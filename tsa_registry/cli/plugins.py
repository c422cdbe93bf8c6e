"""`tsa-registry plugins`: what is loaded and what failed; `plugins new` starts a plugin."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from tsa_registry.cli.output import Cut, console, emit_json, fail, load, print_table
from tsa_registry.safe_text import inert_markup


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def plugins(ctx: click.Context, as_json: bool) -> None:
    """List plugins, their families and failures.

    Each plugin: where it comes from, its hooks and families, and why it failed, if it did
    (from loading or from any hook, the commands it adds included). `plugins new NAME` writes a
    new plugin to start from.
    """
    if ctx.invoked_subcommand is not None:
        return
    from tsa_registry.cli import COMMANDS
    from tsa_registry.cli.plugin_commands import plugin_commands
    from tsa_registry.rows import plugin_rows

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
        table.add_row(Cut(row["name"]), Cut(source), *(inert_markup(", ".join(row[k])) for k in ("families", "hooks")),
                      state)
    out = console()
    print_table(out, table)
    for conflict in registry.conflicts:
        out.print(f"[yellow]claim conflict[/] {inert_markup(conflict.describe())}")
    out.print(
        "[dim]When families claim the same config model_type: higher priority wins, then a "
        "third-party family over a built-in one, then the name in alphabetical order.[/]"
    )


@plugins.command("new")
@click.argument("name")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Where to write the plugin's folder.")
def new(name: str, folder: Path) -> None:
    """Write a new plugin distribution NAME: a family, a check, a command and a test.

    It is tsa-registry's own example plugin with your names: the folder tsa-NAME-plugin holds
    pyproject.toml (its entry point), src/tsa_NAME_plugin/__init__.py and tests/.
    """
    from tsa_registry.new_plugin import NewPluginError, new_plugin
    from tsa_registry.plugin_sources import entry_point_plugins

    builtin = frozenset(candidate.name for candidate in entry_point_plugins(only=()))
    try:
        target = new_plugin(name, folder, taken=builtin)
    except NewPluginError as problem:
        fail(str(problem))
    except OSError as problem:
        fail(f"could not write the plugin into {folder}: {problem.strerror or problem}")
    click.echo(f"Wrote the plugin {name!r} to {target}. Next:\n"
               f"  pip install -e '{target}[test]'    # install it: `tsa-registry plugins` lists it\n"
               f"  python -m pytest {target}    # run its tests")
