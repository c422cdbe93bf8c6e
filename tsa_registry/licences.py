"""Licence classes: the one place that sorts a licence id into what it lets a user do.

`list --licence CLASS` filters by them, `list --json` and the terminal UI show them. A card that
limits use to research is "research-only" whatever licence id it carries.
"""

from __future__ import annotations

from typing import Literal

LicenceClass = Literal["permissive", "copyleft", "non-commercial", "research-only", "unknown"]
CLASSES: tuple[LicenceClass, ...] = ("permissive", "copyleft", "non-commercial", "research-only", "unknown")

PERMISSIVE = frozenset({"apache-2.0", "mit", "bsd", "bsd-2-clause", "bsd-3-clause", "cc-by-4.0", "cc-by-3.0",
                        "cc0-1.0", "unlicense", "openrail", "bigscience-openrail-m"})
COPYLEFT = frozenset({"agpl-3.0", "gpl-3.0", "gpl-2.0", "lgpl-3.0", "lgpl-2.1", "mpl-2.0", "cc-by-sa-4.0"})


def licence_class(licence: str | None, *, research_only: bool = False) -> LicenceClass:
    """The class of a licence id as the Hub spells it (apache-2.0, agpl-3.0, cc-by-nc-4.0)."""
    if research_only:
        return "research-only"
    if not licence:
        return "unknown"
    name = licence.strip().lower()
    if "nc" in name.split("-"):
        return "non-commercial"
    if name in COPYLEFT:
        return "copyleft"
    if name in PERMISSIVE:
        return "permissive"
    return "unknown"
