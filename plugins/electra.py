"""ELECTRA discriminators."""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS, UNCASED_PROBLEM


@hookimpl
def register_families(register):
    register(
        Family(
            name="electra",
            title="ELECTRA",
            config_model_types=("electra",),
            simpletransformers_model_type="electra",
            problems=(UNCASED_PROBLEM,),
            defaults=NORBENCH_DEFAULTS,
        )
    )
