"""Report: the verdict of a check, its findings and estimates; the JSON documented in docs/check.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tsa_registry.check.findings import Finding

Verdict = Literal["compatible", "compatible-with-settings", "needs-opt-in", "incompatible", "unknown"]

# Exit status of `tsa-registry check` for each verdict; 1 and 2 stay click's (failure, usage).
EXIT_CODES: dict[str, int] = {
    "compatible": 0,
    "compatible-with-settings": 10,
    "needs-opt-in": 20,
    "incompatible": 30,
    "unknown": 40,
}


@dataclass
class Report:
    model: str
    verdict: Verdict = "unknown"
    reason: str = ""
    source: str | None = None
    revision: str | None = None
    family: dict[str, Any] | None = None
    simpletransformers_model_type: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=lambda: {"total": None, "source": None})
    findings: list[Finding] = field(default_factory=list)
    tokenizer: dict[str, Any] = field(default_factory=dict)
    norwegian: dict[str, Any] = field(default_factory=dict)
    length: dict[str, Any] = field(default_factory=dict)
    weights: dict[str, Any] = field(default_factory=dict)
    resources: dict[str, Any] = field(default_factory=lambda: {"estimated": False})
    licence: str | None = None
    gated: bool | str = False
    remote_code: bool = False
    catalogue: dict[str, Any] | None = None
    deep: dict[str, Any] | None = None

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def add(self, *findings: Finding) -> None:
        self.findings.extend(findings)

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["findings"] = [f.to_dict() for f in self.findings]
        data["exit_code"] = self.exit_code
        return data
