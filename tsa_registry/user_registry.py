"""Your registry file: entries added to it keep its comments and layout (tomlkit).

A file that cannot take the entry (not TOML, not UTF-8, `model` not an array of tables, not
writable) is refused with its path and line, and left exactly as it was. A registry file that is
a symbolic link stays one: the entry is written to the file it points to.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import msgspec

from tsa_registry import paths
from tsa_registry.catalogue import CatalogueEntry
from tsa_registry.files import write_whole


class UserRegistryError(ValueError):
    """Your registry file cannot take an entry; the message names the file (and line) and says
    that nothing was written."""


def ensure_can_add(path: Path | None = None) -> Path:
    """Check, before any work, that an entry can be added to the registry file; return the file
    that will be written (a symbolic link's target). Raises UserRegistryError."""
    target = _target(path)
    _read(target)
    return target


def add_entry(entry: CatalogueEntry, path: Path | None = None) -> Path:
    """Add a checkpoint to your registry file, or replace the entry with the same id.

    Everything else in the file (comments, order, other entries, blank lines) stays as it was.
    The entry is validated first, so a bad one never reaches the file. Returns the registry
    file's path as given (a symbolic link stays a link to the file written).
    """
    import tomlkit

    msgspec.convert({**entry.to_dict(), "references": [r.to_file() for r in entry.references]},
                    CatalogueEntry)  # as the file will hold it; raises msgspec.ValidationError
    path, _ = paths.user_registry_path(path)
    target = _target(path)
    document = _read(target)
    if not target.exists():
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
    target.parent.mkdir(parents=True, exist_ok=True)
    write_whole(target, tomlkit.dumps(document))  # never a half-written registry file
    return path


def _target(path: Path | None) -> Path:
    path, _ = paths.user_registry_path(path)
    return Path(os.path.realpath(path))


def _read(target: Path) -> Any:
    """The file as a tomlkit document ready to take [[model]] tables (empty if it is new)."""
    import tomlkit
    from tomlkit.exceptions import ParseError
    from tomlkit.items import AoT, Array

    from tsa_registry.files import FileProblem, ensure_writable, read_text

    unchanged = "nothing was added, and the file is unchanged"
    try:
        if not target.exists():
            ensure_writable(target.parent, folder=True)
            return tomlkit.document()
        ensure_writable(target, replace=True)
        text = read_text(target, "registry")
    except FileProblem as problem:
        raise UserRegistryError(f"{problem}; {unchanged}") from None
    try:
        document = tomlkit.parse(text)
    except ParseError as err:
        raise UserRegistryError(f"{target}:{err.line}: TOML syntax error ({_reason(err)}); fix it "
                           f"first: {unchanged}") from None
    except RecursionError:
        raise UserRegistryError(f"{target}: values nested too deeply to read; {unchanged}") from None
    models = document.get("model")
    if isinstance(models, Array) and not models:
        del document["model"]  # `model = []`: no entries yet
    elif models is not None and not isinstance(models, AoT):
        match = re.search(r"^[ \t]*(\[[ \t]*model[ \t]*[].]|model[ \t]*[=.])", text, re.MULTILINE)
        line = f":{text.count(chr(10), 0, match.start()) + 1}" if match else ""
        raise UserRegistryError(f"{target}{line}: 'model' must be an array of tables ([[model]]), not "
                           f"{_kind(models)}; fix it first: {unchanged}")
    return document


def _reason(err: Exception) -> str:
    return re.sub(r" at line \d+ col \d+$", "", str(err))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a table ([model])"
    return f"{type(value).__name__.lower()} {str(value)[:40]}"


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
                for reference in entry.references:
                    array.append(tomlkit.item(reference.to_file()))
                table[key] = array
            elif value is not None:
                table[key] = value
    return table
