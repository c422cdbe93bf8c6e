"""The commands plugins add through ``register_commands``, collected once per invocation.

Each plugin gets a click group of its own, so a plugin whose hook raises halfway adds nothing,
and a command whose name is taken is reported rather than silently replacing another.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import click

from tsa_registry.plugins import HookCall, get_plugins

META_KEY = "tsa_registry.plugin_commands"


class PluginCommands(click.Group):
    """The group that one plugin's ``register_commands`` gets as ``cli``."""

    def __repr__(self) -> str:
        return f"<registered: {', '.join(f'command {n}' for n in self.commands) or 'nothing'}>"


@dataclass(frozen=True)
class FoundCommands:
    """The commands the plugins added, and each plugin's call (with its error, if any)."""

    commands: dict[str, click.Command]
    calls: tuple[HookCall[PluginCommands], ...]


def plugin_commands(ctx: click.Context, builtin: Collection[str]) -> FoundCommands:
    """This invocation's plugin commands: ``register_commands`` is called on first need."""
    meta = ctx.find_root().meta
    if META_KEY not in meta:
        meta[META_KEY] = _collect(plugins_folder(ctx), builtin)
    found: FoundCommands = meta[META_KEY]
    return found


def plugins_folder(ctx: click.Context) -> Path | None:
    """The ``--plugins-dir`` of this invocation (None: ``TSA_REGISTRY_PLUGINS_DIR`` decides)."""
    folder = ctx.find_root().params.get("plugins_dir")
    return folder if isinstance(folder, Path) else None


def _collect(folder: Path | None, builtin: Collection[str]) -> FoundCommands:
    calls = get_plugins(folder).call_each("register_commands", PluginCommands)
    commands: dict[str, click.Command] = {}
    owners: dict[str, str] = {}
    for call in calls:
        if call.error:
            _warn(f"plugin {call.plugin!r} adds no command: {call.error}")
            continue
        for name, command in call.argument.commands.items():
            if name in builtin or name in commands:
                owner = owners.get(name, "a built-in command")
                _warn(f"plugin {call.plugin!r}: its command {name!r} is not added, the name is taken by {owner}")
                continue
            commands[name], owners[name] = command, f"plugin {call.plugin!r}"
    return FoundCommands(commands, calls)


def _warn(message: str) -> None:
    from tsa_registry.cli.output import warn  # only when there is something to say: --help stays light

    warn(message)
