"""The rows of the Models table: catalogue summaries plus local results, filtered and sorted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tsa_registry.registry import Registry
from tsa_registry.views import human_count, summary

# key, header, how to sort (largest first for numbers)
# The columns that matter most come first, so that 80 columns show them without scrolling.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "model"),
    ("norwegian", "nor"),
    ("parameters", "params"),
    ("status", "status"),
    ("reference_f1", "ref F1"),
    ("local_f1", "yours"),
    ("family", "family"),
    ("simpletransformers_model_type", "ST type"),
)
NUMERIC = {"parameters", "reference_f1", "local_f1", "norwegian"}


def catalogue_rows(registry: Registry, local_f1: Mapping[str, float]) -> list[dict[str, Any]]:
    """One row per catalogue entry; `local_f1` maps model ids to the best F1 of local runs."""
    return [
        {**summary(registry, entry), "local_f1": local_f1.get(entry.id)}
        for entry in registry.entries.values()
    ]


def matches(row: Mapping[str, Any], text: str) -> bool:
    """Every word of the filter appears in the id, title, family, type, languages or status."""
    haystack = " ".join(
        str(v) for v in (row["id"], row["title"], row["family"], row["simpletransformers_model_type"],
                         row["status"], *row["languages"], "norwegian" if row["norwegian"] else "")
    ).lower()
    return all(word in haystack for word in text.lower().split())


def sort_rows(rows: list[dict[str, Any]], key: str, reverse: bool = False) -> list[dict[str, Any]]:
    """Rows sorted by one column: text A to Z, numbers largest first; unknown values last."""
    known = [r for r in rows if r[key] is not None]
    unknown = sorted((r for r in rows if r[key] is None), key=lambda r: r["id"].lower())
    if key in NUMERIC:
        ordered = sorted(known, key=lambda r: (-r[key], r["id"].lower()))
    else:
        ordered = sorted(known, key=lambda r: (str(r[key]).lower(), r["id"].lower()))
    return (ordered[::-1] if reverse else ordered) + unknown


def cells(row: Mapping[str, Any]) -> tuple[str, ...]:
    """The row as the table shows it."""
    def f1(value: float | None) -> str:
        return "" if value is None else f"{value:.1f}"

    return (
        row["id"] + ("*" if row["origin"] != "built-in" else ""),
        "yes" if row["norwegian"] else "",
        human_count(row["parameters"]),
        row["status"],
        f1(row["reference_f1"]),
        f1(row["local_f1"]),
        row["family"],
        row["simpletransformers_model_type"] or "-",
    )
