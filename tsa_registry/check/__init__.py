"""The compatibility check: findings, verdict, suggested settings and resource estimates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tsa_registry.check.report import Report


def check_model(model: str, **options) -> Report:
    """See tsa_registry.check.run.check_model (imported lazily: it pulls in transformers)."""
    from tsa_registry.check.run import check_model as run

    return run(model, **options)


__all__ = ["check_model"]
