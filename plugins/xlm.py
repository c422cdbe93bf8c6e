"""XLM (Lample and Conneau): listed by Simpletransformers, but not usable for TSA here."""

from tsa_registry import Family, hookimpl


@hookimpl
def register_families(register):
    register(
        Family(
            name="xlm",
            title="XLM",
            config_model_types=("xlm",),
            simpletransformers_model_type="xlm",
            compatibility="incompatible",
            reason=(
                "The multilingual XLM checkpoints (xlm-mlm-100-1280) ship half-precision weights only. "
                "transformers 5 loads them as float16 and Simpletransformers then fine-tunes in pure "
                "half precision: the loss becomes NaN and every word is tagged O (on a GPU, its fp16 "
                "mixed precision refuses the float16 gradients instead)."
            ),
            problems=(
                "XLMTokenizer has no fast version: no offset mapping, and it runs Moses pre-processing "
                "on every word (it needs sacremoses, which Simpletransformers does not install).",
                "Pickle-only weights (pytorch_model.bin): loading them runs torch.load.",
            ),
        )
    )
