"""The rows of the Models table: catalogue summaries plus local results (best F1, latency
measured here), filtered and shown (sorted by rows.sort_rows, as `list --sort` is)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tsa_registry.formatting import human_count, percent, shorten_end, shorten_middle
from tsa_registry.registry import Registry
from tsa_registry.rows import row_value, speed_summary, summary

if TYPE_CHECKING:
    from tsa_registry.speed.results import Measurement

# key, header. The columns that matter most come first, so that 80 columns show them without
# scrolling (shortened: NARROW_WIDTHS); licence and latency follow.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "model"),
    ("family", "family"),
    ("simpletransformers_model_type", "ST type"),
    ("norwegian", "nor"),
    ("parameters", "params"),
    ("status", "status"),
    ("reference_f1", "ref F1"),
    ("local_f1", "yours"),
    ("licence", "licence"),
    ("p90_ms", "p90 ms"),
)
# Below NARROW_TABLE columns (the Runs view's tables too), the widest cells are shortened to these widths.
NARROW_TABLE = 100
NARROW_WIDTHS = {"id": 20, "family": 8, "simpletransformers_model_type": 8, "status": 8}


def catalogue_rows(registry: Registry, local_f1: Mapping[str, float],
                   measured: Mapping[str, Measurement] | None = None) -> list[dict[str, Any]]:
    """One row per catalogue entry; `local_f1` maps model ids to the best dev F1 of local runs,
    `measured` to the latest speed measurement on this machine (as `list` reads them)."""
    measured = measured or {}
    return [
        {**summary(registry, entry), "local_f1": local_f1.get(entry.id),
         "speed": speed_summary(measured.get(entry.id))}
        for entry in registry.entries.values()
    ]


def matches(row: Mapping[str, Any], text: str) -> bool:
    """Every word of the filter appears in the id, title, family, type, languages, status or licence."""
    haystack = " ".join(
        str(v) for v in (row["id"], row["title"], row["family"], row["simpletransformers_model_type"],
                         row["status"], *row["languages"], "norwegian" if row["norwegian"] else "",
                         row["licence"] or "")
    ).lower()
    return all(word in haystack for word in text.lower().split())


def cells(row: Mapping[str, Any], narrow: bool = False) -> tuple[str, ...]:
    """The row as the table shows it; `narrow`: long ids cut from the middle, the rest shortened."""
    p90 = row_value(row, "p90_ms")
    values = {
        "id": row["id"] + ("*" if row["origin"] != "built-in" else ""),
        "family": row["family"],
        "simpletransformers_model_type": row["simpletransformers_model_type"] or "-",
        "norwegian": "yes" if row["norwegian"] else "",
        "parameters": human_count(row["parameters"]),
        "status": row["status"],
        "reference_f1": percent(row["reference_f1"]),
        "local_f1": percent(row["local_f1"]),
        "licence": row["licence"] or "",
        "p90_ms": "" if p90 is None else f"{p90:.0f}",
    }
    if narrow:
        for key, width in NARROW_WIDTHS.items():
            values[key] = shorten_middle(values[key], width) if key == "id" else shorten_end(values[key], width)
    return tuple(values[key] for key, _ in COLUMNS)
