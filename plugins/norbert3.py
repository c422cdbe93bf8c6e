"""NorBERT 3: custom modelling code on the Hub, usable only when the user trusts it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tsa_registry import Family, Finding, hookimpl

from ._common import NORBENCH_DEFAULTS

if TYPE_CHECKING:
    from tsa_registry import ModelFacts, RegisterCheck, RegisterFamily

FAMILY = Family(
    name="norbert3",
    title="NorBERT 3",
    auto_map_classes=("NorbertConfig", "NorbertModel", "NorbertForMaskedLM", "NorbertForTokenClassification"),
    simpletransformers_model_type="auto",
    compatibility="needs-opt-in",
    reason=(
        "Its config.json has no model_type, only an auto_map to modelling code in the model's "
        "repository: loading it runs that code, so it needs trust_remote_code=True, which the "
        "user must ask for (--trust-remote-code)."
    ),
    settings={"trust_remote_code": True},
    problems=(
        "Simpletransformers passes keyword arguments to both the model and the tokenizer: "
        "trust_remote_code must reach both.",
        "Weights are pickle only (pytorch_model.bin).",
    ),
    defaults=NORBENCH_DEFAULTS,
)


@hookimpl
def register_families(register: RegisterFamily) -> None:
    register(FAMILY)


@hookimpl
def register_checks(register: RegisterCheck) -> None:
    register(explain_remote_code, families=(FAMILY.name,))


def explain_remote_code(facts: ModelFacts, family: Family | None) -> Iterator[Finding]:
    """Name the code files and classes that --trust-remote-code would run, before anything runs."""
    auto_map = (facts.config or {}).get("auto_map")
    if not isinstance(auto_map, dict) or not auto_map:
        return
    targets = sorted({str(v) for value in auto_map.values() for v in _as_list(value)})
    modules = sorted({target.split(".")[0].split("--")[-1] + ".py" for target in targets})
    token_class = [t for t in targets if t.endswith("ForTokenClassification")]
    yield Finding(
        "norbert3.remote-code",
        "warning",
        f"NorBERT 3 runs its own modelling code ({', '.join(modules)}; classes "
        f"{', '.join(t.split('.')[-1] for t in targets)}). "
        + ("It defines a token-classification class, which Simpletransformers' auto type loads."
           if token_class else "It defines no token-classification class: the auto type cannot load it."),
        f"Read {', '.join(modules)} in the model's repository, then pass --trust-remote-code.",
    )


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]
