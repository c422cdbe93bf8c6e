"""Plain-data views of the registry, shared by the CLI's JSON and tables and by the TUI."""

from __future__ import annotations

from typing import Any

from tsa_registry.catalogue import BUILTIN, CatalogueEntry
from tsa_registry.languages import covers, is_norwegian
from tsa_registry.registry import Registry


def human_count(value: int | None) -> str:
    """178_000_000 -> "178M"; None -> ""."""
    if value is None:
        return ""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:.3g}{suffix}"
    return str(value)


def percent(fraction: float | None, missing: str = "") -> str:
    """0.4936 -> "49.4": scores are fractions inside, percentages on screen."""
    return missing if fraction is None else f"{fraction * 100:.1f}"


def speaks(entry: CatalogueEntry, language: str) -> bool:
    """Whether an entry covers a language; "no" also matches Bokmål (nb) and Nynorsk (nn)."""
    return covers(entry.languages, language)


def summary(registry: Registry, entry: CatalogueEntry) -> dict[str, Any]:
    """One catalogue row: the keys `list --json` promises, and a few more."""
    family = registry.families[entry.family]
    best = entry.best_reference
    return {
        "id": entry.id,
        "title": entry.title,
        "family": entry.family,
        "simpletransformers_model_type": family.simpletransformers_model_type,
        "languages": entry.languages,
        "norwegian": any(is_norwegian(code) for code in entry.languages),
        "parameters": entry.parameters,
        "status": entry.status,
        "reference_f1": best.f1 if best else None,
        "licence": entry.licence,
        "remote_code": entry.remote_code,
        "origin": entry.origin,
    }


def details(registry: Registry, entry: CatalogueEntry) -> dict[str, Any]:
    """Everything known of one checkpoint and its family: what `show --json` prints."""
    family = registry.families[entry.family]
    return {
        **summary(registry, entry),
        **entry.to_dict(),
        "needed_settings": registry.settings_for(entry),
        "suggested_args": registry.suggested_args_for(entry),
        "overrides_builtin": entry.id in registry.overridden and entry.origin != BUILTIN,
        "family_details": {
            "name": family.name,
            "title": family.title,
            "plugin": family.plugin,
            "compatibility": family.compatibility,
            "reason": family.reason,
            "settings": family.settings,
            "problems": list(family.problems),
            "defaults": family.defaults,
        },
        # needed_settings under its name before 0.2; it goes in the release after.
        "settings": registry.settings_for(entry),
    }


def plugin_rows(registry: Registry) -> list[dict[str, Any]]:
    """What `plugins --json` prints: each plugin, its source, families and error."""
    return [
        {
            "name": report.name,
            "source": report.source,
            "version": report.version,
            "module": report.module,
            "hooks": report.hooks,
            "families": report.families,
            "checks": report.checks,
            "error": report.error,
        }
        for report in registry.plugins
    ]
