"""The state of each model's compatibility check, as the Models screen and the forms read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

CheckStatus = Literal["running", "done", "failed", "cancelled"]


@dataclass
class CheckState:
    model: str
    deep: bool
    status: CheckStatus = "running"
    report: Any = None  # the check's Report once done
    message: str = ""  # why it failed or was cancelled
    step: str = ""  # what a running check is doing now
