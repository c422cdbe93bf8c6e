"""`tsa-registry runs`: the leaderboard of your runs (optionally those under one folder), and
`runs rm` to delete finished ones after you confirm."""

from __future__ import annotations

import os
from pathlib import Path

import click

from tsa_registry.cli.output import console, emit_json, fail, load, print_table


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--in", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Only the runs whose folder lies under FOLDER (e.g. runs made with --output there).")
@click.pass_context
def runs(ctx, as_json, folder):
    """Compare fine-tuning runs.

    The leaderboard of your runs, beside the catalogue's published F1. `runs rm RUN` deletes one."""
    if ctx.invoked_subcommand is not None:
        return
    from tsa_registry.training.leaderboard import leaderboard

    rows = leaderboard(registry=load(ctx))
    if folder is not None:
        under = os.path.realpath(folder)
        rows = [r for r in rows if os.path.realpath(r.path).startswith(under.rstrip(os.sep) + os.sep)]
    if as_json:
        emit_json(rows)
        return
    from tsa_registry.cli.training_view import runs_table

    if not rows:
        click.echo(f"No runs under {folder}." if folder is not None else
                   "No runs yet: `tsa-registry train MODEL --train norec_tsa --dev norec_tsa` makes one.")
        return
    print_table(console(), runs_table(rows))


@runs.command("rm")
@click.argument("names", nargs=-1, required=True, metavar="RUN...")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before deleting.")
def rm(names, yes):
    """Delete runs: their folders, model and checkpoints included.

    RUN is a name that `runs` lists, or a run folder. A running run is refused: cancel it first."""
    from tsa_registry.training.run_admin import is_running, remove_run
    from tsa_registry.training.runs import RunError, open_run

    try:
        chosen = [open_run(name) for name in names]
    except RunError as err:
        fail(str(err))
    running = [run.name for run in chosen if is_running(run)]
    if running:
        fail(f"{', '.join(running)} {'is' if len(running) == 1 else 'are'} running: a running run can only be "
             "cancelled (x in the terminal UI's Runs view); remove it once it has stopped")
    for run in chosen:
        click.echo(f"  {run.name}  {os.path.realpath(run.path)}")
    if not yes:
        what = f"these {len(chosen)} runs and their folders" if len(chosen) > 1 else "this run and its folder"
        if not click.confirm(f"Delete {what}, everything in them included?"):
            click.echo("Nothing deleted.")
            return
    for run in chosen:
        try:
            remove_run(run)
        except (RunError, OSError) as err:
            fail(f"{run.name}: {err}", code=1)
        click.echo(f"Deleted {run.name}.")
