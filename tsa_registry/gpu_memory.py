"""GPU memory for fine-tuning a transformer encoder with AdamW: pure arithmetic, no torch.

Shared by `check` (the resources table and suggested batch size) and fine-tuning (`--batch-size
auto` starts from `largest_batch_size`). The estimate, per GPU:

    total = weights + gradients + optimizer + activations * batch + reserved

- weights 4 bytes a parameter (fp32 master copy; with fp16 mixed precision, autocast also keeps
  a 2-byte copy of each weight while the forward pass runs: 6 bytes);
- gradients 4 bytes a parameter; AdamW state (exp_avg, exp_avg_sq) 8 bytes a parameter;
- activations kept for the backward pass, per sentence of s tokens, per layer, with element size
  e = 4 bytes (fp32) or 2 (fp16), 1-byte dropout masks, intermediate size i:
      s * (h * (11e + 3) + 2 * i * e)  +  heads * s^2 * (2e + 1)
  The tensors counted are those of Korthikanti et al. 2022 ("Reducing activation recomputation
  in large transformer models": 34sh + 5as^2 for e = 2, i = 4h) plus the reshaped copies a
  transformers encoder layer also keeps (11 h-sized tensors a token rather than 8); measured
  with torch's saved-tensor hooks on BERT encoders, it is within 5% of what PyTorch stores.
  Plus the embedding and classifier layers, s * (h * (3e + 2) + 8 * labels). The s^2 term assumes
  attention probabilities are stored (eager attention): memory-efficient attention kernels
  need less, so the estimate errs high;
- reserved: 1 GiB for the CUDA context, cuBLAS workspace and allocator fragmentation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

GIB = 1024**3
RESERVED_BYTES = 1 * GIB
GPU_TABLE_GIB = (8, 16, 24, 40, 80)

_ALIASES = {
    "hidden_size": ("hidden_size", "dim", "n_embd", "emb_dim", "d_model"),
    "num_layers": ("num_hidden_layers", "n_layers", "n_layer", "num_layers", "encoder_layers"),
    "num_heads": ("num_attention_heads", "n_heads", "n_head", "encoder_attention_heads"),
    "intermediate_size": ("intermediate_size", "hidden_dim", "n_inner", "encoder_ffn_dim", "ffn_dim"),
}


@dataclass(frozen=True)
class ModelShape:
    """What the memory estimate needs to know about an encoder."""

    parameters: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int


def shape_from_config(config: Mapping[str, Any], parameters: int) -> ModelShape | None:
    """The shape from a config.json, under any of its architectures' field names; None if unknown."""
    found = {}
    for field, names in _ALIASES.items():
        found[field] = next((config[n] for n in names if isinstance(config.get(n), int)), None)
    if not (found["hidden_size"] and found["num_layers"] and found["num_heads"]):
        return None
    return ModelShape(parameters, found["hidden_size"], found["num_layers"], found["num_heads"],
                      found["intermediate_size"] or 4 * found["hidden_size"])


def memory_breakdown(shape: ModelShape, *, batch_size: int, max_seq_length: int, fp16: bool = False,
                     num_labels: int = 5) -> dict[str, int]:
    """Bytes by kind (see the module docstring for the formula)."""
    p = shape.parameters
    return {
        "weights": p * (6 if fp16 else 4),
        "gradients": p * 4,
        "optimizer": p * 8,
        "activations": batch_size * activation_bytes_per_sentence(shape, max_seq_length, fp16=fp16,
                                                                  num_labels=num_labels),
        "reserved": RESERVED_BYTES,
    }


def activation_bytes_per_sentence(shape: ModelShape, max_seq_length: int, *, fp16: bool = False,
                                  num_labels: int = 5) -> int:
    s, h, e = max_seq_length, shape.hidden_size, 2 if fp16 else 4
    per_layer = s * (h * (11 * e + 3) + 2 * shape.intermediate_size * e) + shape.num_heads * s * s * (2 * e + 1)
    outside = s * (h * (3 * e + 2) + 8 * num_labels)
    return shape.num_layers * per_layer + outside


def training_memory_bytes(shape: ModelShape, *, batch_size: int, max_seq_length: int,
                          fp16: bool = False, num_labels: int = 5) -> int:
    """Estimated peak GPU memory for fine-tuning at this batch size and sequence length."""
    return sum(memory_breakdown(shape, batch_size=batch_size, max_seq_length=max_seq_length, fp16=fp16,
                                num_labels=num_labels).values())


def largest_batch_size(shape: ModelShape, gpu_memory_bytes: int, *, max_seq_length: int,
                       fp16: bool = False, num_labels: int = 5) -> int:
    """The largest batch that fits `gpu_memory_bytes` by the estimate; 0 if not even one sentence."""
    fixed = training_memory_bytes(shape, batch_size=0, max_seq_length=max_seq_length, fp16=fp16,
                                  num_labels=num_labels)
    per = activation_bytes_per_sentence(shape, max_seq_length, fp16=fp16, num_labels=num_labels)
    return max(0, int((gpu_memory_bytes - fixed) // per))


def batch_settings(shape: ModelShape, gpu_memory_bytes: int, *, target_batch_size: int,
                   max_seq_length: int, fp16: bool = False) -> dict[str, int] | None:
    """train_batch_size and gradient_accumulation_steps giving `target_batch_size` sentences a step
    within the memory; None when not even a batch of one fits."""
    largest = largest_batch_size(shape, gpu_memory_bytes, max_seq_length=max_seq_length, fp16=fp16)
    if largest < 1:
        return None
    if largest >= target_batch_size:
        return {"train_batch_size": target_batch_size, "gradient_accumulation_steps": 1}
    batch = 2 ** int(math.log2(largest))
    return {"train_batch_size": batch, "gradient_accumulation_steps": math.ceil(target_batch_size / batch)}
