"""The registry as rows of plain data: what `list --json`, `show --json` and `plugins --json`
print, what the tables show and the terminal UI reads, and the one order they are sorted in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tsa_registry.catalogue import BUILTIN, CatalogueEntry
from tsa_registry.languages import covers, is_norwegian
from tsa_registry.licences import licence_class
from tsa_registry.registry import Registry

if TYPE_CHECKING:
    from tsa_registry.speed.results import Measurement


def speaks(entry: CatalogueEntry, language: str) -> bool:
    """Whether an entry covers a language; "no" also matches Bokmål (nb) and Nynorsk (nn)."""
    return covers(entry.languages, language)


# `list --sort` names for the row keys; numbers sort largest first, times smallest first.
SORT_KEYS = {"id": "id", "family": "family", "model_type": "simpletransformers_model_type",
             "languages": "languages", "parameters": "parameters", "status": "status", "f1": "reference_f1",
             "latency": "p90_ms"}
NUMERIC = {"parameters", "reference_f1", "local_f1", "norwegian"}
SMALLEST_FIRST = {"p90_ms"}


def row_value(row: Mapping[str, Any], key: str) -> Any:
    """A row's value for a sort key; `p90_ms` is the latency measured here (`speed`), if any."""
    if key == "p90_ms":
        speed = row.get("speed")
        return speed["p90_ms"] if speed else None
    return row[key]


def sort_rows(rows: Sequence[Mapping[str, Any]], key: str, reverse: bool = False) -> list[Any]:
    """Rows sorted by one key: text A to Z, numbers largest first (latency, from `speed`, smallest
    first), then by id; rows without a value last, whichever way. `list --sort` and the terminal
    UI's Models table both sort here."""
    def text(value: Any) -> str:
        return ",".join(value) if isinstance(value, list) else str(value).lower()

    known = [r for r in rows if row_value(r, key) is not None]
    unknown = sorted((r for r in rows if row_value(r, key) is None), key=lambda r: r["id"].lower())
    if key in NUMERIC:
        ordered = sorted(known, key=lambda r: (-row_value(r, key), r["id"].lower()))
    elif key in SMALLEST_FIRST:
        ordered = sorted(known, key=lambda r: (row_value(r, key), r["id"].lower()))
    else:
        ordered = sorted(known, key=lambda r: (text(row_value(r, key)), r["id"].lower()))
    return (ordered[::-1] if reverse else ordered) + unknown


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
        "licence_class": licence_class(entry.licence, research_only=entry.research_only),
        "other_result": _other_result(entry),
        "remote_code": entry.remote_code,
        "origin": entry.origin,
    }


def _other_result(entry: CatalogueEntry) -> dict[str, Any] | None:
    """The best published result on another task, with its task, dataset, metric and source:
    shown apart from the TSA F1, never sorted with it."""
    best = entry.other_results[0] if entry.other_results else None
    if best is None:
        return None
    return {"task": best.task, "f1": best.f1, "dataset": best.dataset, "metric": best.metric,
            "source": best.source}


def speed_summary(measurement: Measurement | None) -> dict[str, Any] | None:
    """The latest measurement on this machine, as `list --json` and `show --json` give it (and
    the terminal UI's latency column reads it)."""
    if measurement is None:
        return None
    return {"p50_ms": measurement.latency.p50_ms, "p90_ms": measurement.latency.p90_ms,
            "p99_ms": measurement.latency.p99_ms, "throughput": measurement.throughput,
            "threads": measurement.threads, "weights": measurement.weights,
            "revision": measurement.revision, "measured_at": measurement.measured_at}


def speed_words(speed: dict[str, Any]) -> str:
    """A speed_summary in words, as `show` and the terminal UI's model screen say it."""
    rate = speed["throughput"].get(32) or speed["throughput"].get("32")
    batch = f", {rate:.1f} sentences/s at batch 32" if rate else ""
    return (f"p50 {speed['p50_ms']:.0f} ms, p90 {speed['p90_ms']:.0f} ms a sentence{batch} "
            f"({speed['threads']} threads, {speed['weights']} weights, {speed['measured_at'][:10]})")


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
