"""The terminal UI: a Textual app over the same core functions as the command line.

Nothing heavy is imported here: `tsa-registry` imports this package on every run without a
command, and the app module (Textual) only when the app is opened.
"""

from __future__ import annotations

from pathlib import Path


def run_app(user_registry: Path | None = None) -> None:
    """Open the terminal UI on the catalogue (built-in plus your registry file)."""
    from tsa_registry.tui.app import create_app

    create_app(user_registry=user_registry).run()
