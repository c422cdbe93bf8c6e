"""An example tsa-registry plugin: the whole of it is this module and one entry point."""

import click

from tsa_registry.families import Family
from tsa_registry.hookspecs import hookimpl


@hookimpl
def register_families(register):
    register(
        Family(
            name="funnel",
            title="Funnel Transformer",
            config_model_types=("funnel",),
            simpletransformers_model_type="auto",
            settings={"fp16": False},
            problems=("Not in Simpletransformers' model table: runs through its auto type.",),
            defaults={"learning_rate": 3e-5},
        )
    )


@hookimpl
def register_commands(cli):
    @cli.command()
    def hello():
        """Say hello from the example plugin."""
        click.echo("hello from tsa-example-plugin")
