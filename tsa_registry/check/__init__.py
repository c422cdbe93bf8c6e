"""The compatibility check: findings, verdict, suggested NERArgs and resource estimates.

`check_model` (run.py) is cheap to import: every heavy library it needs (transformers for the
tokenizer, torch for `--deep`) is imported inside the function that needs it.
"""

from tsa_registry.check.run import check_model

__all__ = ["check_model"]
