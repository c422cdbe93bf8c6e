"""What the plugins register: families and checks, collected afresh by every `load_registry`.

Each plugin's ``register`` callback is its own, so what it registered is known to belong to it,
and a plugin whose ``register_families`` or ``register_checks`` raised keeps nothing of either.
The reports built here join loading's facts (``PluginInfo``) with this collection's hook calls;
nothing is kept between two collections.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from tsa_registry.families import Family, claim_order
from tsa_registry.hookspecs import Check
from tsa_registry.plugin_sources import BUILTIN
from tsa_registry.plugins import HookCall, PluginInfo, PluginSet


@dataclass(frozen=True)
class PluginCheck:
    """A check a plugin registered, for every model or only for models of some families."""

    function: Check
    plugin: str
    families: tuple[str, ...] | None = None

    @property
    def name(self) -> str:
        return getattr(self.function, "__qualname__", repr(self.function))

    def applies_to(self, family: Family | None) -> bool:
        return self.families is None or (family is not None and family.name in self.families)


@dataclass(frozen=True)
class PluginReport:
    """One plugin as `tsa-registry plugins` shows it: where it comes from, what it registered,
    and every error, from loading and from each hook call."""

    name: str
    source: str
    module: str = ""
    version: str | None = None
    hooks: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    checks: int = 0
    errors: tuple[str, ...] = ()
    loaded: bool = True

    @property
    def builtin(self) -> bool:
        return self.source == BUILTIN

    @property
    def error(self) -> str | None:
        return "; ".join(self.errors) or None

    def with_calls(self, calls: Iterable[HookCall[Any]]) -> PluginReport:
        """This report with the errors of more of its hook calls (the CLI's ``register_commands``)."""
        found = tuple(c.error for c in calls if self.loaded and c.plugin == self.name and c.error)
        return replace(self, errors=self.errors + found) if found else self


class FamilyRegistrar:
    """The ``register`` that one plugin's ``register_families`` gets."""

    def __init__(self) -> None:
        self.families: list[Family] = []

    def __call__(self, family: Family, /) -> None:
        if not isinstance(family, Family):
            raise TypeError(f"register() takes a tsa_registry.Family, not {family!r}")
        self.families.append(family)

    def __repr__(self) -> str:
        return f"<registered: {', '.join(f'family {f.name}' for f in self.families) or 'nothing'}>"


class CheckRegistrar:
    """The ``register`` that one plugin's ``register_checks`` gets."""

    def __init__(self) -> None:
        self.checks: list[tuple[Check, tuple[str, ...] | None]] = []

    def __call__(self, check: Check, /, *, families: Iterable[str] | None = None) -> None:
        if not callable(check):
            raise TypeError(f"register() takes a check function, not {check!r}")
        if isinstance(families, str) or (families is not None and not all(isinstance(n, str) for n in families)):
            raise TypeError(f"families= takes family names such as ('bert',), not {families!r}")
        self.checks.append((check, None if families is None else tuple(families)))

    def __repr__(self) -> str:
        names = [getattr(check, "__qualname__", repr(check)) for check, _ in self.checks]
        return f"<registered: {', '.join(f'check {n}' for n in names) or 'nothing'}>"


@dataclass
class Collected:
    families: dict[str, Family] = field(default_factory=dict)
    checks: list[PluginCheck] = field(default_factory=list)
    reports: list[PluginReport] = field(default_factory=list)
    shadowed: list[str] = field(default_factory=list)


def collect(plugins: PluginSet) -> Collected:
    """Call the registration hooks of every plugin and gather what each registered.

    Two families with the same name: the claim rule (``claim_order``) keeps one, and the other
    is reported as shadowed.
    """
    families = {c.plugin: c for c in plugins.call_each("register_families", FamilyRegistrar)}
    checks = {c.plugin: c for c in plugins.call_each("register_checks", CheckRegistrar)}
    collected = Collected()
    for info in plugins.infos:
        if info.load_error is not None:
            collected.reports.append(_report(info, errors=(info.load_error,), loaded=False))
            continue
        family_call, check_call = families.get(info.name), checks.get(info.name)
        errors = tuple(call.error for call in (family_call, check_call) if call is not None and call.error)
        if errors:
            collected.reports.append(_report(info, errors=errors))
            continue
        registered = family_call.argument.families if family_call else []
        for family in registered:
            _add_family(collected, replace(family, plugin=info.name, builtin=info.builtin))
        plugin_checks = [PluginCheck(check, info.name, only) for check, only in
                         (check_call.argument.checks if check_call else [])]
        collected.checks.extend(plugin_checks)
        collected.reports.append(_report(info, families=tuple(f.name for f in registered),
                                         checks=len(plugin_checks)))
    return collected


def _add_family(collected: Collected, family: Family) -> None:
    current = collected.families.get(family.name)
    if current is not None:
        winner, loser = sorted([family, current], key=claim_order)
        collected.shadowed.append(
            f"family {loser.name!r} from plugin {loser.plugin!r} is shadowed by the one from {winner.plugin!r}")
        family = winner
    collected.families[family.name] = family


def _report(info: PluginInfo, *, errors: tuple[str, ...] = (), families: tuple[str, ...] = (),
            checks: int = 0, loaded: bool = True) -> PluginReport:
    return PluginReport(info.name, info.source, info.module, info.version, info.hooks, families, checks,
                        errors, loaded)
