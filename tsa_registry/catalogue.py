"""The catalogue of checkpoints: registry.toml files, validated entry by entry.

A broken entry is reported and skipped; a file with a TOML syntax error is reported and
skipped as a whole. Either way the rest of the catalogue still loads. The schema is a msgspec
Struct: it validates as strictly as pydantic and imports in a fraction of the time, which
keeps ``tsa-registry list`` fast.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Status = Literal["verified", "expected", "incompatible"]
Task = Literal["tsa", "ner"]
WeightsFormat = Literal["safetensors", "bin"]
Positive = Annotated[int, msgspec.Meta(gt=0)]
Percent = Annotated[float, msgspec.Meta(ge=0, le=100)]
BUILTIN = "built-in"


class Reference(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A published result for one checkpoint, with where it comes from.

    `task` is "tsa" for targeted sentiment, "ner" for a published Norwegian NER result (NorBench,
    EuroEval NorNE), mostly for models with no TSA result: labelled, never ranked with TSA.
    `f1` and its standard deviation `sd` are fractions (0.494), like every F1 inside; registry
    files write them in percent, as papers publish them (49.4): `from_file` and `to_file`
    convert, and the schema's bounds are the file's."""

    f1: Percent
    sd: Annotated[float, msgspec.Meta(ge=0)] | None = None
    task: Task = "tsa"  # another task's result (ner) is shown apart, never as TSA F1
    dataset: str = "NoReC_tsa test"
    metric: str = "strict span F1"
    source: str

    def from_file(self) -> Reference:
        """The reference as read from a registry file (percent), in fractions."""
        return msgspec.structs.replace(self, f1=self.f1 / 100, sd=None if self.sd is None else self.sd / 100)

    def to_file(self) -> dict[str, Any]:
        """The reference as a registry file writes it (percent), without empty fields."""
        data = {**msgspec.to_builtins(self), "f1": round(self.f1 * 100, 6)}
        data["sd"] = None if self.sd is None else round(self.sd * 100, 6)
        data["task"] = None if self.task == "tsa" else self.task
        return {key: value for key, value in data.items() if value is not None}


class CatalogueEntry(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """One checkpoint and the facts known about it; empty fields are unknown, not guessed."""

    id: Annotated[str, msgspec.Meta(min_length=1)]
    title: str = ""
    family: str
    languages: list[str] = []
    parameters: Positive | None = None
    vocab_size: Positive | None = None
    max_length: Positive | None = None
    cased: bool | None = None
    strip_accents: bool | None = None
    licence: str | None = None
    research_only: bool = False  # the card limits use to research, whatever its licence tag says
    weights: list[WeightsFormat] = []
    remote_code: bool = False
    status: Status
    references: list[Reference] = []
    notes: str = ""
    sources: list[str] = []  # where the facts come from (model card, config.json, paper)
    settings: dict[str, Any] = {}
    origin: str = BUILTIN

    @property
    def best_reference(self) -> Reference | None:
        """The best published TSA result; other tasks' results never count."""
        return max((r for r in self.references if r.task == "tsa"), key=lambda r: r.f1, default=None)

    @property
    def other_results(self) -> list[Reference]:
        """Published results on other tasks (NER), best first."""
        return sorted((r for r in self.references if r.task != "tsa"), key=lambda r: -r.f1)

    def to_dict(self) -> dict[str, Any]:
        """The entry as plain data, without where it was read from."""
        data = msgspec.to_builtins(self)
        data.pop("origin", None)
        return data


def read_catalogue(
    path: Path, origin: str, families: Collection[str]
) -> tuple[list[CatalogueEntry], list[str]]:
    """Read one registry file; return its valid entries and a message for each problem."""
    from tsa_registry.files import FileProblem, read_text

    try:
        data = tomllib.loads(read_text(path, "registry"))
    except FileProblem as problem:
        if problem.reason == "no such file":
            return [], [f"{path}: registry file not found. Create it, or point TSA_REGISTRY_FILE or "
                        "--registry at an existing file."]
        return [], [f"{problem}; none of its entries were loaded."]
    except tomllib.TOMLDecodeError as exc:
        return [], [f"{path}: TOML syntax error: {exc}. Fix it; none of its entries were loaded."]
    except RecursionError:
        return [], [f"{path}: values nested too deeply for TOML to be read (hundreds of brackets "
                    "or braces inside each other). Fix it; none of its entries were loaded."]

    problems = [
        f"{path}: unknown top-level key {key!r}; checkpoints go in [[model]] tables. It was ignored."
        for key in data
        if key != "model"
    ]
    raw_entries = data.get("model", [])
    if not isinstance(raw_entries, list):
        return [], [*problems, f"{path}: 'model' must be an array of tables ([[model]]); none of its "
                    "entries were loaded."]

    entries: list[CatalogueEntry] = []
    first_position: dict[str, int] = {}
    for position, raw in enumerate(raw_entries, start=1):
        where = _describe_entry(path, position, raw)
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be a table ([[model]]), got {raw!r}. This entry was skipped.")
            continue
        try:
            entry = msgspec.convert({**raw, "origin": origin}, CatalogueEntry)
        except msgspec.ValidationError as exc:
            problems.append(f"{where}: {_describe_error(exc, raw)}. This entry was skipped.")
            continue
        entry.references = [reference.from_file() for reference in entry.references]
        if entry.family not in families:
            known = ", ".join(sorted(families))
            problems.append(
                f"{where}: field 'family': unknown family {entry.family!r} (known: {known}); "
                "install the plugin that provides it or fix the name. This entry was skipped."
            )
            continue
        if entry.id in first_position:
            problems.append(
                f"{where}: duplicate id {entry.id!r}, first given in entry {first_position[entry.id]}. "
                "This entry was skipped."
            )
            continue
        first_position[entry.id] = position
        entries.append(entry)
    return entries, problems


def _describe_entry(path: Path, position: int, raw: Any) -> str:
    model_id = raw.get("id") if isinstance(raw, dict) else None
    named = f" (id {model_id!r})" if isinstance(model_id, str) and model_id else ""
    return f"{path}: [[model]] entry {position}{named}"


def _describe_error(exc: msgspec.ValidationError, raw: dict[str, Any]) -> str:
    """msgspec's message, reworded to name the field the way the TOML file spells it."""
    message = str(exc)
    if match := re.fullmatch(r"Object contains unknown field `(.+)`(?: - at `\$(.*)`)?", message):
        return f"field {_field(match[2], match[1])!r}: unknown field (check its spelling)"
    if match := re.fullmatch(r"Object missing required field `(.+)`(?: - at `\$(.*)`)?", message):
        return f"field {_field(match[2], match[1])!r}: required field is missing"
    if match := re.fullmatch(r"(.+) - at `\$(.+)`", message):
        field = _field(match[2])
        got = _value_at(raw, field)
        has = f" (the file has {got!r})" if got is not None else ""
        return f"field {field!r}: {match[1][0].lower()}{match[1][1:]}{has}"
    return message


def _field(path: str | None, leaf: str | None = None) -> str:
    parts = re.findall(r"\.(\w+)|\[(\d+)\]", path or "")
    names = [name or index for name, index in parts]
    return ".".join([*names, *([leaf] if leaf else [])]) or "entry"


def _value_at(raw: Any, field: str) -> Any:
    for part in field.split("."):
        try:
            raw = raw[int(part)] if isinstance(raw, list) else raw[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return None
    return raw
