"""A tsa-registry plugin: the Funnel Transformer family, a check for its checkpoints, a command.

tsa-registry finds it through the entry point in pyproject.toml and calls the hooks below.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from tsa_registry import Family, Finding, hookimpl

if TYPE_CHECKING:
    from tsa_registry import ModelFacts, RegisterCheck, RegisterFamily

FUNNEL = Family(
    name="funnel",
    title="Funnel Transformer",
    config_model_types=("funnel",),  # the config.json model_type values it claims
    simpletransformers_model_type="auto",  # the NERModel model_type to use
    settings={"fp16": False},  # NERArgs its checkpoints always need
    problems=("Not in Simpletransformers' model table: runs through its auto type.",),
    defaults={"learning_rate": 3e-5},  # starting hyperparameters
)


@hookimpl
def register_families(register: RegisterFamily) -> None:
    register(FUNNEL)


@hookimpl
def register_checks(register: RegisterCheck) -> None:
    register(has_decoder, families=(FUNNEL.name,))


@hookimpl
def register_commands(cli: click.Group) -> None:
    @cli.command()
    def hello() -> None:
        """Say hello from the plugin."""
        click.echo("hello from tsa-example-plugin")


def has_decoder(facts: ModelFacts, family: Family | None) -> Iterator[Finding]:
    """Funnel's "-base" checkpoints hold the encoder blocks only, without the decoder that
    token classification upsamples through."""
    architectures = (facts.config or {}).get("architectures") or []
    if facts.model.rstrip("/").endswith("-base") or "FunnelBaseModel" in architectures:
        yield Finding(
            "funnel.no-decoder",
            "warning",
            f"{facts.model} is a Funnel '-base' checkpoint: it has no decoder, so token "
            "classification would start its upsampling layers from random weights.",
            "Use the full checkpoint, the same name without '-base' (such as funnel-transformer/small).",
        )
