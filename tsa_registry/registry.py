"""The registry: families from plugins plus the catalogue, merged and ready to query."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tsa_registry import paths
from tsa_registry.catalogue import BUILTIN, CatalogueEntry, read_catalogue
from tsa_registry.families import Conflict, Family, resolve_claims
from tsa_registry.near import near_ids
from tsa_registry.plugins import PluginSet, get_plugins
from tsa_registry.registrations import PluginCheck, PluginReport, collect
from tsa_registry.settings import needed_settings, suggested_args


class UnknownModelError(LookupError):
    """A model id that is not in the catalogue; the message suggests the closest ids."""

    def __init__(self, model_id: str, suggestions: list[str]):
        self.model_id = model_id
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{model_id!r} is not in the catalogue.{hint} `tsa-registry list` shows every id.")


@dataclass
class Registry:
    families: dict[str, Family]
    entries: dict[str, CatalogueEntry]
    plugins: Sequence[PluginReport]
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    overridden: set[str] = field(default_factory=set)
    claims: dict[str, Family] = field(default_factory=dict)
    checks: Sequence[PluginCheck] = ()

    def entry(self, model_id: str) -> CatalogueEntry:
        if model_id in self.entries:
            return self.entries[model_id]
        by_lower = {key.lower(): key for key in self.entries}
        if model_id.lower() in by_lower:
            return self.entries[by_lower[model_id.lower()]]
        raise UnknownModelError(model_id, near_ids(model_id, self.entries))

    def family(self, name: str) -> Family:
        return self.families[name]

    def family_for_config(self, config: Mapping[str, Any]) -> Family | None:
        """The family claiming a config.json: by model_type, then by its auto_map classes."""
        model_type = config.get("model_type")
        if isinstance(model_type, str) and model_type in self.claims:
            return self.claims[model_type]
        auto_map = config.get("auto_map")
        if isinstance(auto_map, Mapping):
            for reference in auto_map.values():
                for ref in reference if isinstance(reference, list) else [reference]:
                    if isinstance(ref, str) and (name := ref.split("--")[-1].split(".")[-1]) in self.claims:
                        return self.claims[name]
        return None

    def settings_for(self, entry: CatalogueEntry) -> dict[str, Any]:
        return needed_settings(
            self.families[entry.family], cased=entry.cased, remote_code=entry.remote_code, extra=entry.settings
        )

    def suggested_args_for(self, entry: CatalogueEntry) -> dict[str, Any]:
        return suggested_args(self.families[entry.family], self.settings_for(entry))

    def checks_for(self, family: Family | None) -> list[PluginCheck]:
        """The plugins' checks that run for a model this family claims (None: no family)."""
        return [check for check in self.checks if check.applies_to(family)]


def load_registry(registry_file: Path | None = None, plugins: PluginSet | None = None) -> Registry:
    """Build the registry: plugins' families, the built-in catalogue, then the user's overlay."""
    plugins = plugins or get_plugins()
    collected = collect(plugins)
    families = collected.families
    winners, conflicts = resolve_claims(list(families.values()))
    registry = Registry(
        families=families,
        entries={},
        plugins=sorted(collected.reports, key=lambda r: (not r.builtin, r.name)),
        conflicts=conflicts,
        claims=winners,
        checks=tuple(collected.checks),
        problems=[*plugins.problems, *collected.shadowed],
    )
    builtin, problems = read_catalogue(paths.builtin_catalogue_path(), BUILTIN, families)
    registry.problems.extend(problems)
    registry.entries = {entry.id: entry for entry in builtin}

    overlay, explicit = paths.user_registry_path(registry_file)
    if explicit or overlay.exists():
        user_entries, problems = read_catalogue(overlay, str(overlay), families)
        registry.problems.extend(problems)
        for entry in user_entries:
            if entry.id in registry.entries:
                registry.overridden.add(entry.id)
            registry.entries[entry.id] = entry
    for report in registry.plugins:
        if report.error:
            registry.problems.append(f"plugin {report.name!r} ({report.source}) was skipped: {report.error}")
    return registry
