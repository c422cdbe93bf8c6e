"""The NERArgs tsa-registry gives NERModel: those that keep it quiet and inside its folder, and
those it is never given otherwise.

Every NERModel tsa-registry builds (a run, prediction, `check --deep`) gets `quiet_args`;
TSANERModel applies `LOCKED_ARGS` over whatever else it is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# NERArgs that would make NERModel read files nobody vetted (a quantized pickle, an ONNX model,
# cached features, which it unpickles) or change the tokenizer: kept at these values whatever a
# family, the catalogue or a run's args.json asks for.
LOCKED_ARGS: dict[str, Any] = {
    "quantized_model": False, "dynamic_quantize": False, "onnx": False, "special_tokens_list": [],
    "tokenizer_name": None, "tokenizer_type": None, "no_cache": True, "reprocess_input_data": True,
    "use_cached_eval_features": False, "lazy_loading": False, "use_hf_datasets": False,
}
# Config overrides (NERArgs `config`) that would choose other weight files or code than the
# vetted ones; trust_remote_code is the caller's own argument.
CONFIG_CHOOSES_CODE = frozenset({"transformers_weights", "auto_map", "trust_remote_code"})
# No progress bars, wandb, worker processes, or saving beyond what a run saves itself.
QUIET: dict[str, Any] = {
    "overwrite_output_dir": True, "silent": True, "wandb_project": None,
    "use_multiprocessing": False, "use_multiprocessing_for_evaluation": False,
    "dataloader_num_workers": 0, "process_count": 1, "logging_steps": 0,
    "save_steps": 0, "save_model_every_epoch": False, "save_eval_checkpoints": False,
    "use_early_stopping": False,
}


def quiet_args(work: Path) -> dict[str, Any]:
    """NERArgs that keep NERModel from writing outside `work`, caching features, starting worker
    processes, logging to wandb, or saving beyond what the caller saves itself (stock NERModel
    too: the locked NERArgs are among them)."""
    return {
        "output_dir": str(work), "best_model_dir": str(work / "best"),
        "cache_dir": str(work / "cache"), "tensorboard_dir": str(work / "tensorboard"),
        **QUIET, **LOCKED_ARGS,
    }
