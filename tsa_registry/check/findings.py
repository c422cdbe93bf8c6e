"""Finding: one result of one check. Plugins' checks return these too."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["ok", "warning", "error"]


@dataclass(frozen=True)
class Finding:
    """`code` is stable (scripts may match on it); `fix` says what to do, empty when nothing."""

    code: str
    severity: Severity
    message: str
    fix: str = ""

    def __post_init__(self) -> None:
        if self.severity not in ("ok", "warning", "error"):
            raise ValueError(f"finding {self.code!r}: severity must be ok, warning or error")
        from tsa_registry.safe_text import redact_urls  # messages quote errors, which quote URLs

        object.__setattr__(self, "message", redact_urls(self.message))
        object.__setattr__(self, "fix", redact_urls(self.fix))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def ok(code: str, message: str) -> Finding:
    return Finding(code, "ok", message)


def warning(code: str, message: str, fix: str = "") -> Finding:
    return Finding(code, "warning", message, fix)


def error(code: str, message: str, fix: str = "") -> Finding:
    return Finding(code, "error", message, fix)
