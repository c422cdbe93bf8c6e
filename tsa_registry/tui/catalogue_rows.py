"""The rows of the Models table: catalogue summaries plus local results, filtered and shown
(sorted by rows.sort_rows, as `list --sort` is)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tsa_registry.formatting import human_count, percent
from tsa_registry.registry import Registry
from tsa_registry.rows import summary

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


def catalogue_rows(registry: Registry, local_f1: Mapping[str, float]) -> list[dict[str, Any]]:
    """One row per catalogue entry; `local_f1` maps model ids to the best dev F1 of local runs."""
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


def cells(row: Mapping[str, Any]) -> tuple[str, ...]:
    """The row as the table shows it."""
    return (
        row["id"] + ("*" if row["origin"] != "built-in" else ""),
        "yes" if row["norwegian"] else "",
        human_count(row["parameters"]),
        row["status"],
        percent(row["reference_f1"]),
        percent(row["local_f1"]),
        row["family"],
        row["simpletransformers_model_type"] or "-",
    )
