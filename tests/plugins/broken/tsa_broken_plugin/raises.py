"""A plugin that registers half a family and then raises."""

from tsa_registry import Family, hookimpl


@hookimpl
def register_families(register):
    register(Family(name="half", title="Half", config_model_types=("bert",), simpletransformers_model_type="bert", priority=10))
    raise RuntimeError("the plugin's data file is missing")
