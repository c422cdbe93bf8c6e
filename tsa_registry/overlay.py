"""Writes to the user's registry file that keep its comments and layout (tomlkit)."""

from __future__ import annotations

from pathlib import Path

import msgspec

from tsa_registry import paths
from tsa_registry.catalogue import CatalogueEntry


def add_entry(entry: CatalogueEntry, path: Path | None = None) -> Path:
    """Add a checkpoint to the user's registry file, or replace the entry with the same id.

    Everything else in the file (comments, order, other entries, blank lines) stays as it was.
    The entry is validated first, so a bad one never reaches the file.
    """
    import tomlkit

    msgspec.convert(entry.to_dict(), CatalogueEntry)  # raises msgspec.ValidationError
    path, _ = paths.overlay_path(path)
    document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    if not path.exists():
        document.add(tomlkit.comment("Your checkpoints for tsa-registry, merged over the built-in catalogue."))
        document.add(tomlkit.nl())
    models = document.setdefault("model", tomlkit.aot())
    table = _as_table(entry)
    for existing in models:
        if existing.get("id") == entry.id:
            _update_in_place(existing, table)
            break
    else:
        models.append(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(tomlkit.dumps(document), encoding="utf-8")
    temporary.replace(path)  # never leave a half-written registry file behind
    return path


def _update_in_place(existing, table) -> None:
    """Change only the keys whose values differ, so comments on the others survive."""
    for key in [key for key in existing if key not in table]:
        del existing[key]
    for key, value in table.items():
        if existing.get(key) != value:
            existing[key] = value


def _as_table(entry: CatalogueEntry):
    """The entry as a TOML table, leaving out empty and default fields."""
    import tomlkit

    defaults = CatalogueEntry(id=entry.id, family=entry.family, status=entry.status).to_dict()
    table = tomlkit.table()
    for key, value in entry.to_dict().items():
        if key in ("id", "family", "status") or value != defaults.get(key):
            if key == "references":
                array = tomlkit.aot()
                for reference in value:
                    array.append(tomlkit.item({k: v for k, v in reference.items() if v is not None}))
                table[key] = array
            elif value is not None:
                table[key] = value
    return table
