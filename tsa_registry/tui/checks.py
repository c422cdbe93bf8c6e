"""The state of each model's compatibility check, as the Models screen and the forms read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tsa_registry.check.report import Report

CheckStatus = Literal["running", "done", "failed", "cancelled"]


@dataclass
class CheckState:
    model: str
    deep: bool
    status: CheckStatus = "running"
    report: Report | None = None  # the check's once done
    message: str = ""  # why it failed or was cancelled
    step: str = ""  # what a running check is doing now
