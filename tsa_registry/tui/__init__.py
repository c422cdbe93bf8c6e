"""The terminal UI."""

from __future__ import annotations

from pathlib import Path


def run_app(registry_file: Path | None = None) -> None:
    """Open the terminal UI (until it exists: print the catalogue)."""
    import click

    from tsa_registry.cli import main

    click.get_current_context().invoke(main.get_command(click.get_current_context(), "list"))
