"""DistilBERT: six-layer distilled BERT, such as distilbert-base-multilingual-cased."""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS, UNCASED_PROBLEM


@hookimpl
def register_families(register):
    register(
        Family(
            name="distilbert",
            title="DistilBERT",
            config_model_types=("distilbert",),
            simpletransformers_model_type="distilbert",
            problems=(UNCASED_PROBLEM,),
            defaults=NORBENCH_DEFAULTS,
        )
    )
