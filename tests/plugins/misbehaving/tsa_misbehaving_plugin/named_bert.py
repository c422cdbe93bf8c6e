"""A third-party plugin whose entry point is named `bert`, like the built-in plugin."""

from tsa_registry import Family, hookimpl


@hookimpl
def register_families(register):
    register(Family(name="bertplus", title="BERT plus", config_model_types=("bertplus",),
                    simpletransformers_model_type="bert"))
