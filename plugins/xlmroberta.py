"""XLM-RoBERTa: XLM-R base and large, ScandiBERT, NB-RoBERTa; and XLM-R XL, its own model_type."""

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
    register(
        Family(
            name="xlmroberta-xl",
            title="XLM-RoBERTa XL",
            config_model_types=("xlm-roberta-xl",),
            simpletransformers_model_type="auto",
            problems=(
                "Simpletransformers has no XLM-R XL class: it loads the model through its 'auto' type "
                "(XLMRobertaXLForTokenClassification).",
                "About 3.5B parameters: full fine-tuning with AdamW needs about 16 bytes a parameter "
                "(weights, gradients, two optimiser moments), some 56 GB before activations. It does "
                "not fit GPUs of 40 GB or less even at batch size 1, let alone the default 32; it "
                "needs an 80 GB-class card (`check --gpu-memory` gives the estimate).",
            ),
            defaults=NORBENCH_DEFAULTS,
        )
    )
