"""The memory estimate: its arithmetic, its activation term against what PyTorch really stores."""

from __future__ import annotations

import pytest

from tests.support.real_configs import DISTILBERT_BASE_MULTILINGUAL_CASED, XLM_ROBERTA_BASE
from tsa_registry.gpu_memory import (
    GIB,
    ModelShape,
    activation_bytes_per_sentence,
    batch_settings,
    largest_batch_size,
    memory_breakdown,
    shape_from_config,
    training_memory_bytes,
)

XLMR_BASE = ModelShape(278_043_648, 768, 12, 12, 3072)
XLMR_LARGE = ModelShape(559_890_432, 1024, 24, 16, 4096)


def test_shape_from_configs_of_different_architectures():
    assert shape_from_config(XLM_ROBERTA_BASE, 1) == ModelShape(1, 768, 12, 12, 3072)
    assert shape_from_config(DISTILBERT_BASE_MULTILINGUAL_CASED, 1) == ModelShape(1, 768, 6, 12, 3072)
    assert shape_from_config({"n_embd": 64, "n_layer": 2, "n_head": 2}, 1).intermediate_size == 256
    assert shape_from_config({"model_type": "odd"}, 1) is None


def test_static_memory_is_weights_gradients_and_adamw():
    parts = memory_breakdown(XLMR_BASE, batch_size=8, max_seq_length=128)
    p = XLMR_BASE.parameters
    assert (parts["weights"], parts["gradients"], parts["optimizer"]) == (4 * p, 4 * p, 8 * p)
    assert memory_breakdown(XLMR_BASE, batch_size=8, max_seq_length=128, fp16=True)["weights"] == 6 * p


def test_activations_grow_linearly_with_batch_and_faster_than_linearly_with_length():
    one = training_memory_bytes(XLMR_BASE, batch_size=1, max_seq_length=128)
    two = training_memory_bytes(XLMR_BASE, batch_size=2, max_seq_length=128)
    three = training_memory_bytes(XLMR_BASE, batch_size=3, max_seq_length=128)
    assert three - two == two - one > 0
    short = activation_bytes_per_sentence(XLMR_BASE, 128)
    assert activation_bytes_per_sentence(XLMR_BASE, 256) > 2 * short
    assert activation_bytes_per_sentence(XLMR_BASE, 128, fp16=True) < short


@pytest.mark.parametrize("gib", [8, 11, 16, 24])
def test_largest_batch_size_is_the_largest_that_fits(gib):
    budget = gib * GIB
    n = largest_batch_size(XLMR_BASE, budget, max_seq_length=128)
    assert training_memory_bytes(XLMR_BASE, batch_size=n, max_seq_length=128) <= budget
    assert training_memory_bytes(XLMR_BASE, batch_size=n + 1, max_seq_length=128) > budget


def test_xlm_roberta_large_does_not_fit_an_11_gib_gpu_at_ordinary_batch_sizes():
    assert largest_batch_size(XLMR_LARGE, 11 * GIB, max_seq_length=128, fp16=True) < 8
    assert largest_batch_size(XLMR_BASE, 11 * GIB, max_seq_length=128, fp16=True) >= 32
    assert largest_batch_size(XLMR_LARGE, 8 * GIB, max_seq_length=128) == 0


def test_batch_settings_keep_the_effective_batch():
    assert batch_settings(XLMR_BASE, 80 * GIB, target_batch_size=32, max_seq_length=128) == {
        "train_batch_size": 32, "gradient_accumulation_steps": 1}
    small = batch_settings(XLMR_LARGE, 11 * GIB, target_batch_size=32, max_seq_length=128)
    assert small["train_batch_size"] * small["gradient_accumulation_steps"] == 32
    assert small["train_batch_size"] & (small["train_batch_size"] - 1) == 0  # a power of two
    assert batch_settings(XLMR_LARGE, 8 * GIB, target_batch_size=32, max_seq_length=128) is None


@pytest.mark.parametrize("hidden, layers, length, batch", [(256, 4, 128, 2), (128, 2, 64, 4)])
def test_activation_term_matches_what_pytorch_saves_for_backward(hidden, layers, length, batch):
    """Sum the tensors autograd keeps (saved-tensor hooks) for one forward pass of a BERT encoder."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    config = BertConfig(vocab_size=1000, hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=4,
                        intermediate_size=4 * hidden, attn_implementation="eager", num_labels=5)
    model = BertForTokenClassification(config).train()
    saved: dict[int, int] = {}

    def keep(tensor):
        saved[tensor.untyped_storage().data_ptr()] = tensor.untyped_storage().nbytes()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(keep, lambda tensor: tensor):
        model(input_ids=torch.randint(0, 1000, (batch, length)), labels=torch.randint(0, 5, (batch, length)))
    weights = {p.untyped_storage().data_ptr() for p in model.parameters()}
    measured = sum(n for ptr, n in saved.items() if ptr not in weights)
    shape = ModelShape(0, hidden, layers, 4, 4 * hidden)
    estimate = batch * activation_bytes_per_sentence(shape, length)
    assert 0.9 < estimate / measured < 1.15
