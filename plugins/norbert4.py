"""NorBERT 4 (GPT-BERT): custom modelling code on the Hub that Simpletransformers cannot train as
published.

Its config.json has no model_type (re-saved copies carry ``"model": "norbert4"``), only an
``auto_map`` to ``modeling_gptbert.*`` and architectures ``GptBert*``: the family claims it by
those class names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS, remote_code_explainer

if TYPE_CHECKING:
    from tsa_registry import RegisterCheck, RegisterFamily

FAMILY = Family(
    name="norbert4",
    title="NorBERT 4",
    auto_map_classes=("GptBertConfig", "GptBertModel", "GptBertForMaskedLM", "GptBertForCausalLM",
                      "GptBertForTokenClassification"),
    simpletransformers_model_type="auto",
    compatibility="incompatible",
    reason=(
        "Simpletransformers' auto type cannot train it as published. Loading runs the repository's "
        "modeling_gptbert.py (--trust-remote-code, as NorBERT 3), and then: (1) the published "
        "GptBertForTokenClassification.forward returns names it never defines (output_attentions, "
        "attention_probs), so the first training batch raises NameError; (2) transformers 5 builds "
        "remote models on the meta device and does not rerun __init__ for non-persistent buffers, so "
        "the rotary (RoPE) cos/sin tables NorBERT 4 keeps in such buffers hold uninitialised memory "
        "after from_pretrained: silently wrong or NaN outputs. `check --deep --trust-remote-code` "
        "trains a shrunken copy and shows the failure."
    ),
    settings={"trust_remote_code": True},
    problems=(
        "Simpletransformers passes keyword arguments to both the model and the tokenizer: "
        "trust_remote_code must reach both.",
        "config.json names its sizes num_layers and max_sequence_length (16,384), not the BERT names.",
        "With flash-attn installed the model takes another code path that accepts only a 2-D "
        "attention mask; on a GPU with bfloat16 it casts its own activations to bfloat16 whatever "
        "fp16 says.",
    ),
    defaults=NORBENCH_DEFAULTS,
)


@hookimpl
def register_families(register: RegisterFamily) -> None:
    register(FAMILY)


explain_remote_code = remote_code_explainer("norbert4", "NorBERT 4")


@hookimpl
def register_checks(register: RegisterCheck) -> None:
    register(explain_remote_code, families=(FAMILY.name,))
