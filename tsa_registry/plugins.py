"""The plugin manager: built-in families and third-party plugins, loaded and called one at a time.

Built-in families are ordinary plugins of this distribution's entry-point group, so they go
through exactly the path a third-party plugin does. Each plugin is imported on its own, and each
hook is called through pluggy once per plugin (``subset_hook_caller``), so pluggy passes an
implementation only the arguments it names, runs wrappers, and reports to tracers, while one
plugin's failure stays its own. Failing includes ``sys.exit`` and a ``KeyboardInterrupt`` the
plugin raises itself; only a real Ctrl-C goes on to stop the command.

What loading found (``PluginInfo``) never changes afterwards; what a hook call did
(``HookCall``) is returned to the caller, never stored here.

- ``TSA_REGISTRY_PLUGINS=a,b`` loads only those third-party plugins ("" loads the built-in ones).
- ``TSA_REGISTRY_PLUGINS_DIR=DIR`` (or ``--plugins-dir``) also loads each ``DIR/*.py`` as a plugin.
- ``TSA_REGISTRY_TRACE_PLUGINS=1`` prints every hook call and its outcome to stderr.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import pluggy

from tsa_registry import hookspecs
from tsa_registry.plugin_guard import describe, watching_ctrl_c
from tsa_registry.plugin_sources import BUILTIN, Candidate, entry_point_plugins, folder_plugins, wanted_plugins

RUN_TIME = "registered at run time"
Argument = TypeVar("Argument")


@dataclass(frozen=True)
class PluginInfo:
    """One plugin as loading left it: where it comes from, its hooks, or why it did not load."""

    name: str
    source: str
    module: str = ""
    version: str | None = None
    hooks: tuple[str, ...] = ()
    load_error: str | None = None

    @property
    def builtin(self) -> bool:
        return self.source == BUILTIN


@dataclass(frozen=True)
class HookCall(Generic[Argument]):
    """One plugin's call of one hook: the argument it got (holding what it registered), and
    the error, None when the call succeeded."""

    plugin: str
    hook: str
    argument: Argument
    error: str | None = None


class PluginSet:
    """A pluggy manager and what loading found out about every plugin, loaded or not."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self._infos: list[PluginInfo] = []
        self._problems: list[str] = []
        if os.environ.get("TSA_REGISTRY_TRACE_PLUGINS", "") not in ("", "0"):
            from tsa_registry.plugin_trace import trace_hook_calls

            trace_hook_calls(self.pm)

    @property
    def infos(self) -> tuple[PluginInfo, ...]:
        """Every plugin in the order it was loaded, those that failed included."""
        return tuple(self._infos)

    @property
    def problems(self) -> tuple[str, ...]:
        """What kept plugins from being found at all (a plugins folder that is not there)."""
        return tuple(self._problems)

    def register(self, plugin: object, name: str, *, source: str = RUN_TIME, module: str | None = None,
                 version: str | None = None) -> PluginInfo:
        """Register a plugin object or module; raises if its hooks do not match the contract."""
        self.pm.register(plugin, name=name)
        hooks = tuple(sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or []))
        info = PluginInfo(name, source, module or _module_name(plugin), version, hooks)
        self._infos.append(info)
        return info

    def load_entry_points(self, only: Collection[str] | None = None) -> None:
        """Load the entry-point group: built-in plugins, and the third-party ones in `only`
        (None: those ``TSA_REGISTRY_PLUGINS`` names, or all when it is not set)."""
        self.load(entry_point_plugins(wanted_plugins() if only is None else only))

    def load_folder(self, folder: Path) -> None:
        """Load each ``*.py`` file of `folder` as a plugin named after the file."""
        if not folder.is_dir():
            self._problems.append(f"plugins folder {str(folder)!r} is not a folder; no plugin was loaded from it")
            return
        self.load(folder_plugins(folder))

    def load(self, candidates: Iterable[Candidate]) -> None:
        """Import and register each candidate on its own; a failure is recorded, not raised."""
        for candidate in candidates:
            found = PluginInfo(candidate.name, candidate.source, candidate.module, candidate.version)
            taken = next((i for i in self._infos if i.name == candidate.name and i.load_error is None), None)
            if taken is not None:
                self._infos.append(_failed(found, _collision(candidate, taken)))
                continue
            with watching_ctrl_c() as pressed:
                try:
                    self.register(candidate.load(), candidate.name, source=candidate.source,
                                  module=candidate.module, version=candidate.version)
                except BaseException as exc:  # a broken plugin must not take the tool down
                    if pressed(exc):
                        raise
                    self._infos.append(_failed(found, f"could not be loaded: {describe(exc)}"))

    def call_each(self, hook: str, make_argument: Callable[[], Argument]) -> tuple[HookCall[Argument], ...]:
        """Call `hook` through pluggy once per plugin that implements it, in loading order, each
        with a fresh argument from `make_argument()`; nothing a call did is kept here."""
        caller = getattr(self.pm.hook, hook)
        (argument_name,) = caller.spec.argnames
        implementing = {impl.plugin_name for impl in caller.get_hookimpls()}
        registered = dict(self.pm.list_name_plugin())
        calls = []
        for info in self._infos:
            if info.load_error is not None or info.name not in implementing:
                continue
            others = [plugin for name, plugin in registered.items() if name != info.name]
            argument = make_argument()
            error = None
            with watching_ctrl_c() as pressed:
                try:
                    self.pm.subset_hook_caller(hook, remove_plugins=others)(**{argument_name: argument})
                except BaseException as exc:  # sys.exit in a hook must not end the command
                    if pressed(exc):
                        raise
                    error = f"{hook} raised {describe(exc)}"
            calls.append(HookCall(info.name, hook, argument, error))
        return tuple(calls)


def load_plugins(folder: Path | None = None, *, only: Collection[str] | None = None) -> PluginSet:
    """A plugin set with the entry points loaded, then the files of `folder` (None: the one
    ``TSA_REGISTRY_PLUGINS_DIR`` names, if any). `only`: as in ``PluginSet.load_entry_points``."""
    plugins = PluginSet()
    plugins.load_entry_points(only)
    folder = folder if folder is not None else _folder_from_environment()
    if folder is not None:
        plugins.load_folder(folder)
    return plugins


_loaded: dict[Path | None, PluginSet] = {}


def get_plugins(folder: Path | None = None) -> PluginSet:
    """The process's plugin set for this plugins folder, loaded on first use: what loading
    found does not change, so it is shared; hook calls are made afresh by each caller."""
    chosen = folder if folder is not None else _folder_from_environment()
    key = chosen.resolve() if chosen is not None else None
    if key not in _loaded:
        _loaded[key] = load_plugins(key)
    return _loaded[key]


def _folder_from_environment() -> Path | None:
    value = os.environ.get("TSA_REGISTRY_PLUGINS_DIR", "")
    return Path(value) if value else None


def _collision(candidate: Candidate, taken: PluginInfo) -> str:
    by = f"{'built-in ' if taken.builtin else ''}plugin {taken.name!r} ({taken.module}, {taken.source})"
    return (f"not loaded: name collision: its {candidate.kind} name {candidate.name!r} is taken by the "
            f"{by}; give it another name")


def _failed(found: PluginInfo, error: str) -> PluginInfo:
    return PluginInfo(found.name, found.source, found.module, found.version, load_error=error)


def _module_name(plugin: object) -> str:
    return getattr(plugin, "__name__", None) or type(plugin).__module__
