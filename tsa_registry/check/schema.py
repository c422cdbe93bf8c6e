"""docs/check-report.schema.json, generated from the report's structs (check/report.py).

    python -m tsa_registry.check.schema > docs/check-report.schema.json

A test fails when the committed file differs from what this prints, and another validates real
`check --json` output against it.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

import msgspec

from tsa_registry.check import report
from tsa_registry.check.report import ReportJSON

HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://github.com/tsa-registry/tsa-registry/docs/check-report.schema.json",
    "title": "tsa-registry check --json",
    "description": "The compatibility report of `tsa-registry check MODEL --json`. See docs/check.md.",
}


def report_schema() -> dict[str, Any]:
    """msgspec's schema of the report, with each key that the JSON always holds marked required
    (msgspec marks only the fields without a default; the report prints every field but those
    left unset)."""
    schema = msgspec.json.schema(ReportJSON)
    for name, definition in schema["$defs"].items():
        kind = getattr(report, name, None)
        if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
            always = [f.encode_name for f in msgspec.structs.fields(kind) if not _may_be_unset(f.type)]
            definition["required"] = always
        elif dataclasses.is_dataclass(kind):  # Finding: every field, always
            definition["required"] = [f.name for f in dataclasses.fields(kind)]
    return {**HEADER, **schema}


def _may_be_unset(kind: Any) -> bool:
    return kind is msgspec.UnsetType or msgspec.UnsetType in typing.get_args(kind)


def schema_text() -> str:
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
