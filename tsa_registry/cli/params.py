"""Option types the commands share."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from tsa_registry.training.request import Limit


class FiniteFloatRange(click.FloatRange):
    """A FloatRange that also refuses nan and inf, which pass every comparison with a bound."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


def int_range(limit: Limit) -> click.IntRange:
    """The option's range for a whole number limited in training/request.py."""
    return click.IntRange(min=int(limit.minimum), max=None if limit.maximum is None else int(limit.maximum),
                          min_open=limit.exclusive)


def float_range(limit: Limit) -> FiniteFloatRange:
    """The option's range for a number limited in training/request.py (never NaN or infinite)."""
    return FiniteFloatRange(min=limit.minimum, max=limit.maximum, min_open=limit.exclusive)
