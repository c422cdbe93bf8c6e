"""DeBERTa v2 and v3, such as mDeBERTa-v3 (config model_type "deberta-v2")."""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS


@hookimpl
def register_families(register):
    register(
        Family(
            name="deberta-v2",
            title="DeBERTa v2/v3",
            config_model_types=("deberta-v2",),
            simpletransformers_model_type="deberta-v2",
            settings={"fp16": False},
            problems=(
                "Mixed precision (fp16, on by default in Simpletransformers) has been reported to break "
                "mDeBERTa fine-tuning (near-zero F1): train in fp32.",
            ),
            defaults=NORBENCH_DEFAULTS,
        )
    )
