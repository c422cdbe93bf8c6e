"""The terminal UI: a Textual app over the same core functions as the command line.

Nothing heavy is imported here: `tsa-registry` imports this package on every run without a
command, and the app module (Textual) only when the app is opened.
"""

from __future__ import annotations

from pathlib import Path


def run_app(user_registry: Path | None = None, plugins_dir: Path | None = None) -> None:
    """Open the terminal UI on the catalogue (built-in plus your registry file), with the
    plugins of `plugins_dir` too."""
    from tsa_registry.plugins import get_plugins
    from tsa_registry.registry import Registry, load_registry
    from tsa_registry.tui.app import create_app

    def loader(file: Path | None) -> Registry:
        return load_registry(file, plugins=get_plugins(plugins_dir))

    create_app(user_registry=user_registry, loader=loader).run()
