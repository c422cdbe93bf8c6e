"""The plugin manager: built-in families and third-party plugins, loaded one at a time.

Built-in families are ordinary plugins of this distribution's entry-point group, so they go
through exactly the path a third-party plugin does. Each entry point is loaded on its own and
each hook implementation is called on its own: one that fails is recorded in a
``PluginReport`` and skipped, and the rest keeps working.

``TSA_REGISTRY_PLUGINS`` limits which third-party plugins load: a comma-separated list of
entry-point names ("" loads the built-in ones only).
"""

from __future__ import annotations

import os
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
        for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
            dist = getattr(ep, "dist", None)
            builtin = dist is not None and dist.name == BUILTIN_DISTRIBUTION
            if allowed is not None and not builtin and ep.name not in allowed:
                continue
            source = "built-in" if builtin else (dist.name if dist is not None else "unknown")
            report = PluginReport(
                ep.name, source, module=ep.value, version=None if builtin or dist is None else dist.version
            )
            try:
                self.register(ep.load(), ep.name, report)
            except Exception as exc:  # a broken plugin must not take the tool down
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
            try:
                impl.function(**make_kwargs(report))
            except Exception as exc:
                report.hook_errors.append(f"{hook_name} raised {_describe(exc)}")
                failed.append(report.name)
        return failed


def _describe(exc: BaseException) -> str:
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
