"""ModernBERT: not in Simpletransformers' model table, but runs through its ``auto`` model type."""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS


@hookimpl
def register_families(register):
    register(
        Family(
            name="modernbert",
            title="ModernBERT",
            config_model_types=("modernbert",),
            simpletransformers_model_type="auto",
            problems=(
                "Simpletransformers has no ModernBERT class of its own: it loads the model through "
                "its 'auto' type (AutoModelForTokenClassification), which needs transformers 4.48 or newer.",
            ),
            defaults=NORBENCH_DEFAULTS,
        )
    )
