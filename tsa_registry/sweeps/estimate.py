"""GPU memory a sweep's runs need, by the check's estimate (gpu_memory.py), for `--dry-run`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tsa_registry.training.request import TrainRequest

if TYPE_CHECKING:
    from tsa_registry.registry import Registry


def estimate_memory(request: TrainRequest, registry: Registry) -> tuple[int | None, str]:
    """(bytes, how it was estimated) for one run; (None, why not) when the check cannot tell.
    Reads the model's config and tokenizer, never its weights."""
    from tsa_registry import gpu_memory
    from tsa_registry.check import check_model
    from tsa_registry.sources import SourceError, load_facts

    try:
        report = check_model(request.model, registry=registry, revision=request.revision, data=Path(request.train),
                             max_seq_length=request.max_seq_length, trust_remote_code=request.trust_remote_code,
                             allow_pickle=request.allow_pickle)
        facts = load_facts(request.model, revision=request.revision, trust_remote_code=request.trust_remote_code)
    except (SourceError, OSError, ValueError) as err:
        return None, str(err).splitlines()[0] if str(err) else type(err).__name__
    resources = report.resources
    total = report.parameters.total if report.parameters else None
    shape = gpu_memory.shape_from_config(facts.config or {}, total) if total else None
    if shape is None or resources is None or not resources.estimated:
        why = getattr(resources, "why", None)
        return None, why if isinstance(why, str) else "the check could not estimate it"
    seq = resources.max_seq_length if isinstance(resources.max_seq_length, int) else 512
    fp16 = request.fp16 if request.fp16 is not None else bool(resources.fp16)
    used = gpu_memory.training_memory_bytes(shape, batch_size=request.batch_size, max_seq_length=seq, fp16=fp16)
    return used, f"batch {request.batch_size}, {seq} subwords{', fp16' if fp16 else ''}"
