"""BERT: mBERT (cased and uncased), NB-BERT, NorBERT 1 and 2."""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS, UNCASED_PROBLEM


@hookimpl
def register_families(register):
    register(
        Family(
            name="bert",
            title="BERT",
            config_model_types=("bert",),
            simpletransformers_model_type="bert",
            problems=(UNCASED_PROBLEM,),
            defaults=NORBENCH_DEFAULTS,
        )
    )
