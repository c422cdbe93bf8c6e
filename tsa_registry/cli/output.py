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
    from rich.table import Table

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


class Cut:
    """A table cell of outside text (an id, a run, a path), shown inert and on one line, cut
    from the middle when its column is narrowed: rows that start alike stay apart
    (`2026…-nb-bert-base`, not `2026120…` on every row). Every command's table uses it for such
    columns and is printed with `print_table`, which narrows these columns, not the numbers."""

    def __init__(self, value: Any, style: str = "") -> None:
        self.text, self.style = inert(value), style

    def __rich_measure__(self, console: Console, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(min(len(self.text), MIN_CUT), min(len(self.text), options.max_width))

    def __rich_console__(self, console: Console, options: Any) -> Any:
        from rich.text import Text

        from tsa_registry.formatting import shorten_middle

        yield Text(shorten_middle(self.text, options.max_width), style=self.style, no_wrap=True, end="")


MIN_CUT = 8  # narrower than this, a cut id is no longer recognisable


def print_table(out: Console, table: Table) -> None:
    """Print `table` within the console's width: the columns of Cut cells give way, each in
    proportion to how far it is over MIN_CUT (the long ids more than the short family names),
    and the others (numbers, states) keep their width."""
    from rich.measure import Measurement

    natural = Measurement.get(out, out.options.update_width(10_000), table).maximum
    excess = natural - out.width
    columns = [c for c in table.columns if any(isinstance(cell, Cut) for cell in c.cells)]
    widths = {id(c): max([len(str(c.header))] + [len(cell.text) for cell in c.cells if isinstance(cell, Cut)])
              for c in columns}
    room = sum(max(w - MIN_CUT, 0) for w in widths.values())
    if excess > 0 and room:
        for column in columns:
            give = -(-excess * max(widths[id(column)] - MIN_CUT, 0) // room)  # rounded up
            column.max_width = max(MIN_CUT, widths[id(column)] - give)
    out.print(table)


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
