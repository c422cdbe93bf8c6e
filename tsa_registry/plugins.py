"""The plugin manager: built-in families and third-party plugins, loaded one at a time.

Built-in families are ordinary plugins of this distribution's entry-point group, so they go
through exactly the path a third-party plugin does. Each entry point is loaded on its own and
each hook implementation is called on its own: one that fails is recorded in a
``PluginReport`` and skipped, and the rest keeps working. Failing includes ``sys.exit`` and a
``KeyboardInterrupt`` the plugin raises itself; only a real Ctrl-C goes on to stop the command.
Plugin names are unique: built-in plugins load first, and an entry point whose name is taken is
reported as a name collision, naming both plugins.

``TSA_REGISTRY_PLUGINS`` limits which third-party plugins load: a comma-separated list of
entry-point names ("" loads the built-in ones only).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Callable

import pluggy

from tsa_registry import hookspecs

GROUP = "tsa_registry"
BUILTIN_DISTRIBUTION = "tsa-registry"


@dataclass
class PluginReport:
    """What one plugin is, where it comes from, what it registered and how it failed."""

    name: str
    source: str
    module: str = ""
    version: str | None = None
    hooks: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    checks: int = 0
    load_error: str | None = None
    hook_errors: list[str] = field(default_factory=list)

    @property
    def builtin(self) -> bool:
        return self.source == "built-in"

    @property
    def error(self) -> str | None:
        errors = [e for e in (self.load_error, *self.hook_errors) if e]
        return "; ".join(errors) or None

    def reset_registrations(self) -> None:
        """Forget what the hooks registered, before they are called again."""
        self.families, self.checks, self.hook_errors = [], 0, []


class PluginSet:
    """A pluggy manager plus a report for every plugin, loaded or failed."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.reports: dict[str, PluginReport] = {}

    def load_entry_points(self) -> None:
        wanted = os.environ.get("TSA_REGISTRY_PLUGINS")
        allowed = None if wanted is None else {n.strip() for n in wanted.split(",") if n.strip()}
        for ep in sorted(entry_points(group=GROUP), key=lambda e: (not _builtin(e), e.name)):
            dist = getattr(ep, "dist", None)
            builtin = _builtin(ep)
            if allowed is not None and not builtin and ep.name not in allowed:
                continue
            source = "built-in" if builtin else (dist.name if dist is not None else "unknown")
            report = PluginReport(
                ep.name, source, module=ep.value, version=None if builtin or dist is None else dist.version
            )
            if ep.name in self.reports:
                taken = self.reports[ep.name]
                report.load_error = (
                    f"not loaded: name collision: its entry-point name {ep.name!r} is taken by the "
                    f"{'built-in ' if taken.builtin else ''}plugin {ep.name!r} ({taken.module}, "
                    f"{taken.source}); give the entry point another name")
                self.reports[f"{ep.name} ({source})"] = report
                continue
            with watching_ctrl_c() as pressed:
                try:
                    self.register(ep.load(), ep.name, report)
                except BaseException as exc:  # a broken plugin must not take the tool down
                    if pressed(exc):
                        raise
                    report.load_error = f"could not be loaded: {_describe(exc)}"
                    self.reports[ep.name] = report

    def register(self, plugin: Any, name: str, report: PluginReport | None = None) -> None:
        """Register a plugin object or module; raises if its hooks do not match the contract."""
        report = report or PluginReport(name, "registered at run time", module=_module_name(plugin))
        self.reports[name] = report
        self.pm.register(plugin, name=name)
        report.hooks = sorted(h.name for h in self.pm.get_hookcallers(plugin) or [])

    def unregister(self, name: str) -> None:
        self.pm.unregister(name=name)
        self.reports.pop(name, None)

    def call_each(self, hook_name: str, make_kwargs: Callable[[PluginReport], dict[str, Any]]) -> list[str]:
        """Call one hook on every plugin separately; return the names of plugins whose call failed."""
        failed = []
        caller = getattr(self.pm.hook, hook_name)
        for impl in reversed(caller.get_hookimpls()):  # in registration order
            report = self.reports[impl.plugin_name]
            with watching_ctrl_c() as pressed:
                try:
                    impl.function(**make_kwargs(report))
                except BaseException as exc:  # sys.exit in a hook must not end the command
                    if pressed(exc):
                        raise
                    report.hook_errors.append(f"{hook_name} raised {_describe(exc)}")
                    failed.append(report.name)
        return failed


@contextlib.contextmanager
def watching_ctrl_c() -> Iterator[Callable[[BaseException], bool]]:
    """Around plugin code: yields `pressed(exc)`, true when `exc` is a real Ctrl-C (SIGINT came
    in meanwhile) that must stop the command, false when the plugin raised it or anything else.

    Signals reach only the main thread, so elsewhere every KeyboardInterrupt is the plugin's."""
    arrived: list[int] = []
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.getsignal(signal.SIGINT)  # None: set outside Python, left alone
    if previous is not None:

        def note(signum, frame):
            arrived.append(signum)
            if callable(previous):
                previous(signum, frame)
            elif previous != signal.SIG_IGN:
                raise KeyboardInterrupt

        signal.signal(signal.SIGINT, note)
    try:
        yield lambda exc: isinstance(exc, KeyboardInterrupt) and bool(arrived)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _builtin(ep: Any) -> bool:
    dist = getattr(ep, "dist", None)
    return dist is not None and dist.name == BUILTIN_DISTRIBUTION


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"SystemExit: it called sys.exit({exc.code!r})"
    if isinstance(exc, KeyboardInterrupt):
        return "KeyboardInterrupt (raised by the plugin, not by Ctrl-C)"
    return f"{type(exc).__name__}: {exc}"


def _module_name(plugin: Any) -> str:
    return getattr(plugin, "__name__", type(plugin).__module__)


_plugins: PluginSet | None = None


def get_plugins() -> PluginSet:
    """The process-wide plugin set, loading entry points on first use."""
    global _plugins
    if _plugins is None:
        _plugins = PluginSet()
        _plugins.load_entry_points()
    return _plugins
