"""The weight files: safetensors or pickle only, total size, stored precision."""

from __future__ import annotations

from typing import Any

from tsa_registry.check.findings import Finding, error, ok, warning
from tsa_registry.sources.facts import weight_format

HALF = {"F16", "BF16", "float16", "bfloat16"}


def weights_findings(facts) -> tuple[dict[str, Any], list[Finding]]:
    files = facts.weight_files
    formats = sorted({weight_format(name) for name in files})
    sizes = [size for size in files.values() if size is not None]
    info = {"files": files, "formats": formats, "bytes": sum(sizes) if sizes else None}
    found: list[Finding] = [
        error("weights.unreadable", f"{name} is not a readable safetensors file ({why}): loading the "
              "model will fail.", "Download the file again (it may be cut short), or use another revision.")
        for name, why in facts.weight_errors.items()
    ]
    if not files:
        why = "; ".join(facts.notes) or "the repository has no weight files"
        found.append(warning("weights.unknown", f"Weights unknown: {why}.", ""))
    elif "safetensors" in formats:
        found.append(ok("weights.safetensors", "Weights in safetensors: loading them runs no code."))
    elif "pickle" in formats:
        found.append(warning(
            "weights.pickle-only", "Only pickle weights (e.g. pytorch_model.bin): torch.load runs on "
            "them. transformers loads them with weights_only=True (torch 2.6 or newer), which refuses "
            "code, but a pickle from an unknown source remains a risk.",
            "Prefer a revision with safetensors, or convert once in a sandbox."))
    dtypes = facts.safetensors_parameters or {}
    stored = (facts.config or {}).get("dtype") or (facts.config or {}).get("torch_dtype")
    half = sum(n for d, n in dtypes.items() if d in HALF) > sum(dtypes.values()) / 2 if dtypes \
        else stored in HALF
    info["half_precision"] = bool(half)
    if half:
        found.append(warning(
            "weights.half-precision", "The weights are stored in half precision: transformers 5 loads "
            "them as stored, and Simpletransformers then fine-tunes in pure half precision (the loss "
            "becomes NaN, or fp16 mixed precision refuses the half-precision gradients).",
            "Load the model in float32: pass dtype=torch.float32 to NERModel."))
    return info, found
