"""XLM-RoBERTa: XLM-R base and large, ScandiBERT, NB-RoBERTa."""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS


@hookimpl
def register_families(register):
    register(
        Family(
            name="xlmroberta",
            title="XLM-RoBERTa",
            config_model_types=("xlm-roberta",),
            simpletransformers_model_type="xlmroberta",
            problems=(
                "About half of XLM-R's parameters are its 250k-token embedding matrix: XLM-R large "
                "does not fit an 11 GB GPU for fine-tuning at ordinary batch sizes.",
            ),
            defaults=NORBENCH_DEFAULTS,
        )
    )
