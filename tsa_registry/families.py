"""Model families: what plugins register, and the rule for two families that claim the same type.

A plain frozen dataclass, not a schema model: every plugin module imports it, and
``tsa-registry --help`` loads every plugin, so it must cost nothing to import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Compatibility = Literal["compatible", "needs-opt-in", "incompatible"]
NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True)
class Family:
    """One architecture family: how its checkpoints go through Simpletransformers NER."""

    name: str
    title: str
    simpletransformers_model_type: str | None
    config_model_types: tuple[str, ...] = ()
    auto_map_classes: tuple[str, ...] = ()
    compatibility: Compatibility = "compatible"
    reason: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    defaults: dict[str, Any] = field(default_factory=dict)
    priority: int = 0
    native_since: str | None = None  # transformers version with its own class for the model_type
    plugin: str = ""
    builtin: bool = False

    def __post_init__(self) -> None:
        """Reject a malformed family where the plugin registers it, not later."""
        if not isinstance(self.name, str) or not NAME.match(self.name):
            raise ValueError(f"family name {self.name!r}: use lower-case letters, digits, '-', '_' or '.'")
        if self.compatibility not in get_args(Compatibility):
            raise ValueError(f"family {self.name!r}: compatibility must be one of {get_args(Compatibility)}")
        for attr in ("config_model_types", "auto_map_classes", "problems"):
            value = getattr(self, attr)
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise TypeError(f"family {self.name!r}: {attr} must be a tuple of strings")
            object.__setattr__(self, attr, tuple(value))
        if self.compatibility != "incompatible" and not self.simpletransformers_model_type:
            raise ValueError(f"family {self.name!r}: a usable family needs a simpletransformers_model_type")


def claim_order(family: Family) -> tuple:
    """Sort key of the claim rule: the first family in this order wins a contested claim.

    Higher ``priority`` first; on a tie a third-party family before a built-in one (installing a
    plugin is how a user refines a built-in family); then the family name, alphabetically.
    """
    return (-family.priority, family.builtin, family.name)


@dataclass
class Conflict:
    """Two or more families claim the same config model_type (or auto_map class)."""

    key: str
    winner: str
    losers: list[str]

    def describe(self) -> str:
        return f"model_type {self.key!r}: {self.winner} wins over {', '.join(self.losers)}"


def resolve_claims(families: list[Family]) -> tuple[dict[str, Family], list[Conflict]]:
    """Map each config model_type and auto_map class to the family that wins it."""
    claimants: dict[str, list[Family]] = {}
    for family in families:
        for key in (*family.config_model_types, *family.auto_map_classes):
            claimants.setdefault(key, []).append(family)
    winners: dict[str, Family] = {}
    conflicts: list[Conflict] = []
    for key, group in sorted(claimants.items()):
        group.sort(key=claim_order)
        winners[key] = group[0]
        if len(group) > 1:
            conflicts.append(Conflict(key, group[0].name, [f.name for f in group[1:]]))
    return winners, conflicts
