"""Shared output helpers for the commands: JSON, tables, warnings, the registry.

Warnings and errors often quote a file, a model or the Hub: they are printed inert (control
characters as escapes), with any password in a URL hidden.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from tsa_registry.registry import Registry

from tsa_registry.safe_text import inert, json_text, redact_urls


def emit_json(data: Any) -> None:
    click.echo(json_text(data))


def warn(message: str) -> None:
    click.secho(f"warning: {inert(redact_urls(message))}", fg="yellow", err=True)


def fail(message: str, code: int = 2) -> None:
    """Print an error the user can act on and exit, without a traceback: status 2 for a usage
    error (bad arguments, data or files), 1 for work that failed."""
    click.secho(f"error: {inert(redact_urls(message))}", fg="red", err=True)
    sys.exit(code)


def load(ctx: click.Context) -> Registry:
    """The registry for this invocation, its problems printed once as warnings."""
    from tsa_registry.plugins import get_plugins
    from tsa_registry.registry import load_registry

    obj = ctx.find_root().obj
    if "registry" not in obj:
        obj["registry"] = load_registry(obj.get("user_registry"), plugins=get_plugins(obj.get("plugins_dir")))
        for problem in obj["registry"].problems:
            warn(problem)
    return obj["registry"]


def console() -> Console:
    """A rich console; piped output is not cut to 80 columns."""
    from rich.console import Console

    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)


@contextmanager
def progress(message: str) -> Iterator[Callable[[str], None] | None]:
    """Our own progress, a spinner line whose text the work updates: on stderr, and only when
    stderr is a terminal, so that pipes, logs and JSON get the result alone. Yields the update
    function, or None when nothing is shown."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    with Console(stderr=True).status(message) as status:
        yield status.update
