"""tsa-registry: find, check, fine-tune and compare encoders for Norwegian targeted sentiment analysis.

A plugin needs this one import (docs/plugins.md)::

    from tsa_registry import Family, Finding, hookimpl

The names are imported when first used, so that ``import tsa_registry`` stays cheap: every
command and the training process import this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tsa_registry.check.findings import Finding
    from tsa_registry.families import Family
    from tsa_registry.hookspecs import Check, RegisterCheck, RegisterFamily, hookimpl
    from tsa_registry.sources.facts import ModelFacts

__version__ = "0.1.0"

_HOMES = {
    "Check": "tsa_registry.hookspecs",
    "Family": "tsa_registry.families",
    "Finding": "tsa_registry.check.findings",
    "ModelFacts": "tsa_registry.sources.facts",
    "RegisterCheck": "tsa_registry.hookspecs",
    "RegisterFamily": "tsa_registry.hookspecs",
    "hookimpl": "tsa_registry.hookspecs",
}

__all__ = ["Check", "Family", "Finding", "ModelFacts", "RegisterCheck", "RegisterFamily", "__version__",
           "hookimpl"]


def __getattr__(name: str) -> object:
    """Import an exported name from its home module on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'tsa_registry' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
