"""Tiny random-weight checkpoints, made on the spot, for tests, benchmarks and a download-free demo.

- models: `build_tiny_model` writes one pretrained-style checkpoint of an architecture.
- tokenizers: its tokenizer, trained with the `tokenizers` library on Norwegian text.
"""

from tsa_registry.tiny.models import ARCHITECTURES, build_tiny_model, default_texts, texts_from_conll

__all__ = ["ARCHITECTURES", "build_tiny_model", "default_texts", "texts_from_conll"]
