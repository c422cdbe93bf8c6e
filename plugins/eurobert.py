"""EuroBERT: native in transformers from 5.3.0, remote code (its auto_map) on older releases.

Its config.json has both ``model_type: eurobert`` and an ``auto_map``. Where transformers has
its own class, that class is used unless the user passes trust_remote_code, which makes the
repository's code win; `check` says which applies to the installed transformers.
"""

from tsa_registry import Family, hookimpl

from ._common import NORBENCH_DEFAULTS


@hookimpl
def register_families(register):
    register(
        Family(
            name="eurobert",
            title="EuroBERT",
            config_model_types=("eurobert",),
            simpletransformers_model_type="auto",
            native_since="5.3.0",
            reason=(
                "transformers older than 5.3.0 has no EuroBERT class, so it needs the repository's "
                "code (--trust-remote-code); 5.3.0 and later use their own class unless "
                "--trust-remote-code is given, which runs the repository's code instead"
            ),
            problems=(
                "Norwegian is not among its 15 training languages (its card lists en, fr, de, es, zh, "
                "it, ru, pl, pt, ja, vi, nl, ar, tr, hi): `check` measures how its tokenizer splits "
                "Norwegian.",
                "Its pad token is its end-of-text token, and its weights are published in bfloat16.",
                "The names undercount the size: EuroBERT-210m has 310M parameters and -610m 756M, "
                "most of it the untied 128k-token input and output embeddings.",
            ),
            defaults=NORBENCH_DEFAULTS,
        )
    )
