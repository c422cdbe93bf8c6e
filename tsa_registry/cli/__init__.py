"""The command line: thin click commands over the core, loaded only when they are run.

Command modules are imported lazily, so that ``tsa-registry --help`` imports no command module
and no heavy library: the one-line help of each command is kept here, a copy of the first line
of the command's docstring (tests/cli/test_help.py compares them).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from tsa_registry import __version__

# name -> (module:attribute, the first line of the command's docstring)
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("tsa_registry.cli.catalogue:list_models", "List the catalogue of checkpoints."),
    "show": ("tsa_registry.cli.catalogue:show", "Show everything known of one checkpoint, or of one run."),
    "plugins": ("tsa_registry.cli.plugins:plugins", "List plugins, their families and failures."),
    "paths": ("tsa_registry.cli.catalogue:paths", "Show where your registry file, runs and data sets live."),
    "add": ("tsa_registry.cli.add:add", "Check a Hub model and add it to your registry file."),
    "search": ("tsa_registry.cli.add:search", "Search the Hugging Face Hub for Norwegian encoders."),
    "check": ("tsa_registry.cli.check:check", "Check whether a model can be fine-tuned for TSA."),
    "train": ("tsa_registry.cli.training:train", "Fine-tune a model for TSA."),
    "evaluate": ("tsa_registry.cli.training:evaluate", "Evaluate a run on a CoNLL file."),
    "score": ("tsa_registry.cli.training:score", "Score predictions against gold (strict span F1)."),
    "predict": ("tsa_registry.cli.training:predict", "Find targets and their polarity in text."),
    "runs": ("tsa_registry.cli.runs:runs", "Compare fine-tuning runs."),
    "speed": ("tsa_registry.cli.speed:speed", "Measure a model's latency and throughput here."),
    "tiny-model": ("tsa_registry.cli.tiny:tiny_model", "Make a tiny random-weight model to try the tool."),
    "data": ("tsa_registry.cli.data:data", "Download data sets (NoReC_tsa) from the Hub into your data folder."),
    "sweep": ("tsa_registry.cli.sweep:sweep", "Compare models across seeds, here or on a Slurm cluster."),
}


class LazyGroup(click.Group):
    """A group whose built-in commands are imported on use and whose plugins add commands."""

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        from tsa_registry.cli.plugin_commands import plugin_commands

        return plugin_commands(ctx, builtin=COMMANDS).commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*COMMANDS, *self._plugin_commands(ctx)])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module, _, attribute = COMMANDS[name][0].partition(":")
            return getattr(importlib.import_module(module), attribute)
        return self._plugin_commands(ctx).get(name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """A mistyped command gets click's own "Did you mean", from the commands loaded lazily
        (click would look among the commands it was given, which here are none)."""
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchCommand as err:
            raise click.NoSuchCommand(err.command_name, possibilities=self.list_commands(ctx), ctx=ctx) from None

    def invoke(self, ctx: click.Context):
        """Ctrl-C before a command has anything to clean up: a word and exit status 130."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Cancelled (Ctrl-C).", err=True)
            ctx.exit(130)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_, help_text) in COMMANDS.items()]
        rows += [(name, cmd.get_short_help_str()) for name, cmd in self._plugin_commands(ctx).items()]
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows))


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.option(
    "--registry",
    "user_registry",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TSA_REGISTRY_FILE",
    help="A registry.toml merged over the built-in catalogue (default: the one in your config folder).",
)
@click.option(
    "--plugins-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="TSA_REGISTRY_PLUGINS_DIR",
    is_eager=True,  # before --help, which lists the commands plugins add
    help="Also load each *.py file of this folder as a plugin.",
)
@click.version_option(__version__, prog_name="tsa-registry")
@click.pass_context
def main(ctx: click.Context, user_registry: Path | None, plugins_dir: Path | None) -> None:
    """Find, check, fine-tune and compare encoders for Norwegian targeted sentiment analysis.

    Run without a command to open the terminal UI.

    Exit status: 0 done, 1 the work failed (a training run, the Hub), 2 a usage error (bad
    arguments, data or files), 130 cancelled with Ctrl-C; `check` tells its verdict (10-40).
    """
    from tsa_registry.quiet import quiet_libraries
    from tsa_registry.safe_text import redact_logged_urls

    redact_logged_urls()  # libraries log the URLs they request, HF_ENDPOINT's password included
    quiet_libraries()  # before any of them is imported: their bars and logs would mix with ours
    ctx.obj = {"user_registry": user_registry, "plugins_dir": plugins_dir}
    if ctx.invoked_subcommand is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            click.echo("error: the terminal UI needs a terminal, and standard input or output is "
                       "not one; give a command (`tsa-registry --help` lists them).", err=True)
            ctx.exit(2)
        from tsa_registry.tui import run_app

        run_app(user_registry=user_registry, plugins_dir=plugins_dir)
