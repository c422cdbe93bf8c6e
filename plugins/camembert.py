"""CamemBERT-style models (RoBERTa with a SentencePiece vocabulary)."""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS


@hookimpl
def register_families(register):
    register(
        Family(
            name="camembert",
            title="CamemBERT",
            config_model_types=("camembert",),
            simpletransformers_model_type="camembert",
            defaults=NORBENCH_DEFAULTS,
        )
    )
