"""Suggested settings: what the checkpoint needs, and the batch size its GPU memory allows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tsa_registry import gpu_memory as res
from tsa_registry.check.findings import error, warning
from tsa_registry.check.report import BatchSettings, ResourcesSection
from tsa_registry.families import Family
from tsa_registry.settings import needed_settings

if TYPE_CHECKING:
    from tsa_registry.catalogue import CatalogueEntry
    from tsa_registry.check.report import Report

DEFAULT_GPU_GIB = 16  # for the suggested batch size when --gpu-memory is not given


def needed_settings_for(family: Family | None, cased: bool | None, remote_code: bool,
                        entry: CatalogueEntry | None) -> dict[str, Any]:
    """The NERArgs this checkpoint needs (the registry's rule), also for a family-less model."""
    family = family or Family(name="auto", title="auto", simpletransformers_model_type="auto")
    return needed_settings(family, cased=cased, remote_code=remote_code,
                           extra=entry.settings if entry is not None else None)


def resources_section(report: Report, config: Mapping[str, Any], seq: int,
                      gpu_gib: float | None) -> ResourcesSection:
    """The report's `resources`; puts the suggested batch settings into `report.suggested_args`."""
    total = report.parameters.total
    shape = res.shape_from_config(config, total) if total else None
    if shape is None:
        return ResourcesSection(estimated=False, why="unknown parameter count or layer sizes")
    args = report.suggested_args
    fp16 = bool(args.get("fp16", True))  # Simpletransformers trains with fp16 by default
    target = int(args.get("train_batch_size", 8))
    gpu = gpu_gib or DEFAULT_GPU_GIB
    batch = res.batch_settings(shape, int(gpu * res.GIB), target_batch_size=target, max_seq_length=seq, fp16=fp16)
    table = {f"{g:g}": res.largest_batch_size(shape, int(g * res.GIB), max_seq_length=seq, fp16=fp16)
             for g in ([gpu_gib] if gpu_gib else res.GPU_TABLE_GIB)}
    if batch is None:  # an error only for the GPU the user named
        report.add((error if gpu_gib else warning)(
            "resources.too-large", f"Fine-tuning does not fit {gpu:g} GiB of GPU memory even at batch "
            f"size 1 (max_seq_length {seq}).", "Use a larger GPU (--gpu-memory) or a smaller model."))
    else:
        args.update(batch)
    used = batch["train_batch_size"] if batch else 1
    return ResourcesSection(
        estimated=True, fp16=fp16, max_seq_length=seq, gpu_memory_gib=gpu, batch_size=used,
        training_memory_bytes=res.training_memory_bytes(shape, batch_size=used, max_seq_length=seq, fp16=fp16),
        largest_batch_size=table, suggested=BatchSettings(**batch) if batch else None)
