"""RoBERTa (byte-level BPE), for monolingual RoBERTa checkpoints."""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS


@hookimpl
def register_families(register):
    register(
        Family(
            name="roberta",
            title="RoBERTa",
            config_model_types=("roberta",),
            simpletransformers_model_type="roberta",
            defaults=NORBENCH_DEFAULTS,
        )
    )
