"""Kept measurements: one JSON line each in the user's data folder, read without torch.

`speed` appends what it measured; `list` and `show` read the latest measurement of this machine
for each model. A measurement is this machine's when it was made on this CPU model with the
torch and transformers installed now, on the CPU in float32; among those, the default thread
count (all cores) comes first, then the newest. A damaged line is skipped, never fatal.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import msgspec

from tsa_registry.speed.results import Measurement

FILE = "measurements.jsonl"


def store_path() -> Path:
    from tsa_registry.paths import user_data_dir

    return user_data_dir() / "speed" / FILE


def save(measurements: Iterable[Measurement], path: Path | None = None) -> Path:
    """Append measurements to the store; returns its path."""
    path = path or store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as out:
        for measurement in measurements:
            out.write(msgspec.json.encode(measurement) + b"\n")
    return path


def load_all(path: Path | None = None) -> list[Measurement]:
    """Every readable measurement in the store, oldest first."""
    path = path or store_path()
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return []
    decoder = msgspec.json.Decoder(Measurement)
    found = []
    for line in lines:
        try:
            found.append(decoder.decode(line))
        except (msgspec.DecodeError, msgspec.ValidationError):
            continue
    return found


def is_here(measurement: Measurement) -> bool:
    """Made on this machine's CPU, in float32, with the libraries installed now."""
    from tsa_registry.speed.machine import cpu_model, library_versions

    return (measurement.device == "cpu" and measurement.dtype == "float32"
            and measurement.device_name == cpu_model()
            and (measurement.torch, measurement.transformers) == library_versions())


def latest_here(records: Iterable[Measurement], *, revision: str | None = None) -> dict[str, Measurement]:
    """Each model's latest measurement on this machine (at `revision` when given), preferring
    the default thread count."""
    from tsa_registry.cpus import cores

    default = cores()
    best: dict[str, Measurement] = {}
    for record in records:
        if not is_here(record) or (revision is not None and record.revision != revision):
            continue
        held = best.get(record.model)
        rank = (record.threads == default, record.measured_at)
        if held is None or rank >= (held.threads == default, held.measured_at):
            best[record.model] = record
    return best


def latest_for(model: str, *, revision: str | None = None, path: Path | None = None) -> Measurement | None:
    return latest_here(load_all(path), revision=revision).get(model)
