"""Shared output helpers for the commands: JSON, tables, warnings, the registry."""

from __future__ import annotations

import json
import sys
from typing import Any

import click


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def warn(message: str) -> None:
    click.secho(f"warning: {message}", fg="yellow", err=True)


def fail(message: str, code: int = 2) -> None:
    """Print an error the user can act on and exit, without a traceback: status 2 for a usage
    error (bad arguments, data or files), 1 for work that failed."""
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)


def load(ctx: click.Context):
    """The registry for this invocation, its problems printed once as warnings."""
    from tsa_registry.registry import load_registry

    obj = ctx.find_root().obj
    if "registry" not in obj:
        obj["registry"] = load_registry(obj.get("registry_file"))
        for problem in obj["registry"].problems:
            warn(problem)
    return obj["registry"]


def console():
    """A rich console; piped output is not cut to 80 columns."""
    from rich.console import Console

    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
