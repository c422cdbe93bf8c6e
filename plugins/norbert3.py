"""NorBERT 3: custom modelling code on the Hub, usable only when the user trusts it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS, remote_code_explainer

if TYPE_CHECKING:
    from tsa_registry import RegisterCheck, RegisterFamily

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


explain_remote_code = remote_code_explainer("norbert3", "NorBERT 3")


@hookimpl
def register_checks(register: RegisterCheck) -> None:
    register(explain_remote_code, families=(FAMILY.name,))
