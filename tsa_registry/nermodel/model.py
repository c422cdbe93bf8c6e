"""Simpletransformers' NERModel with a few small methods overridden.

Imported only where a model is loaded (the training process, prediction, `check --deep`): it
imports simpletransformers.

What changes, and why:
- `_calculate_loss`: each batch is cut to its own longest sentence before the forward pass.
  NERModel pads every sentence to max_seq_length; NoReC_tsa sentences average ~34 subwords, so
  at 128 most of the compute would go to padding. Padding is masked out of attention and carries
  the ignore label, so the loss and the predictions for real tokens are the same. Outside training,
  logits are padded back, since NERModel's evaluation stacks the batches into one array.
- `load_and_cache_examples`: takes our Sentence lists directly (NERModel's own file reader splits
  on spaces, not tabs), tokenizes each distinct word once instead of once per occurrence, keeps
  the features in memory for the next epoch's evaluation, and never caches them on disk. A sample
  is compared with NERModel's own features first; on a difference NERModel's own are used, and
  `on_feature_mismatch` hears why (features.py).
- `_create_training_progress_scores`: the one point inside `NERModel.train` that is reached after
  the optimizer and scheduler exist and before the first step; it hands them to the run's
  callbacks (to restore them on resume and to report the learning rate). NERModel offers no
  other way to reach them, so this reads them from the calling frame (simpletransformers 0.70,
  pinned <0.71).
- `save_model`: NERModel's own saves (its "best model" by seqeval F1, a final copy, per-step
  checkpoints) are left out; the run saves its checkpoints and its best model by strict span F1.
- `__init__` and `_load_model_args`: the model folder's `model_args.json` is never read (it can
  ask for anything: `quantized_model` makes NERModel torch.load `pytorch_model.bin` itself), the
  NERArgs that read unvetted files are locked off (args.py), remote code runs only as the caller
  says, weights load from safetensors only unless pickle was allowed, and every torch.load while
  the model is built is weights-only (safe_load.py).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, Protocol

import torch
from simpletransformers.config.model_args import NERArgs
from simpletransformers.ner import NERModel
from torch.nn.functional import pad

from tsa_registry.nermodel.args import CONFIG_CHOOSES_CODE, LOCKED_ARGS
from tsa_registry.nermodel.features import FeatureMismatch, checked_features
from tsa_registry.nermodel.safe_load import weights_only_loads
from tsa_registry.task.conll import Sentence


class TrainingCallbacks(Protocol):
    """What a run does around NERModel's training steps (training/worker/callbacks.py)."""

    def train_start(self, optimizer: Any, scheduler: Any, global_step: int) -> None: ...
    def before_batch(self, rows: int) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def after_batch(self, loss: float, rows: int) -> None: ...


class TSANERModel(NERModel):
    callbacks: TrainingCallbacks | None = None
    trim_batches: bool = True
    feature_seconds: float = 0.0  # time to build the training features
    # Hears each difference found between the fast features and NERModel's own, with the data.
    on_feature_mismatch: Callable[[FeatureMismatch, list[Sentence]], None] | None = None

    def __init__(self, model_type: str, model_name: str, labels: list[str] | None = None, *,
                 args: dict[str, Any], trust_remote_code: bool = False, allow_pickle: bool = False,
                 **kwargs):
        config = {k: v for k, v in (args.get("config") or {}).items() if k not in CONFIG_CHOOSES_CODE}
        args = {**args, **LOCKED_ARGS, "config": {**config, "trust_remote_code": trust_remote_code}}
        if not allow_pickle:
            kwargs["use_safetensors"] = True  # the files sources/weights.py vetted, and no others
        with weights_only_loads():
            super().__init__(model_type, model_name, labels=labels, args=args,
                             trust_remote_code=trust_remote_code, **kwargs)
        self.tokenizer.init_kwargs.pop("use_safetensors", None)  # not a tokenizer setting to save
        # NERModel.train reads a model folder named "name-<n>" as a checkpoint at step n and
        # silently skips n steps; a run says where it starts with a start marker (worker/setup.py).
        self.args.model_name = None
        self.feature_mismatches: list[FeatureMismatch] = []  # found by the run-start comparison

    def _load_model_args(self, input_dir):
        """NERArgs' defaults: the caller gives every setting (see the module's docstring)."""
        return NERArgs()

    def load_and_cache_examples(self, data, evaluate=False, no_cache=False, to_predict=None):
        if not (isinstance(data, list) and data and isinstance(data[0], Sentence)):
            return super().load_and_cache_examples(data, evaluate=evaluate, no_cache=True,
                                                   to_predict=to_predict)
        key = (id(data), evaluate, self.args.max_seq_length)
        memo = self.__dict__.setdefault("_features", {})
        if key not in memo:
            started = time.perf_counter()
            features, mismatch = checked_features(self, data, evaluate)
            if mismatch is not None:
                self.feature_mismatches.append(mismatch)
                if self.on_feature_mismatch:
                    self.on_feature_mismatch(mismatch, data)
            memo[key] = (data, features)  # holding `data` keeps its id from being reused
            if not evaluate:
                self.feature_seconds = time.perf_counter() - started
        return memo[key][1]

    def _calculate_loss(self, model, inputs, loss_fct, num_labels, args):
        training = model.training
        rows = inputs["input_ids"].shape[0]
        if training and self.callbacks:
            self.callbacks.before_batch(rows)
        full = inputs["input_ids"].shape[1]
        width = content_width(inputs["attention_mask"]) if self.trim_batches else full
        if width < full:
            inputs = {k: v[:, :width].contiguous() if v.dim() >= 2 else v for k, v in inputs.items()}
        loss, logits, *rest = super()._calculate_loss(model, inputs, loss_fct, num_labels, args)
        if training and self.callbacks:
            self.callbacks.after_batch(loss.item(), rows)
        if width < full and not training:
            logits = pad(logits, (0, 0, 0, full - width))
        return (loss, logits, *rest)

    def eval_model(self, *args, **kwargs):
        if self.callbacks:  # evaluation time is not training time
            self.callbacks.pause()
        try:
            return super().eval_model(*args, **kwargs)
        finally:
            if self.callbacks:
                self.callbacks.resume()

    def _create_training_progress_scores(self, **kwargs):
        caller = sys._getframe(1).f_locals
        if self.callbacks:
            try:
                optimizer, scheduler = caller["optimizer"], caller["scheduler"]
            except KeyError:
                raise RuntimeError("this simpletransformers version is not supported: "
                                   "NERModel.train no longer holds `optimizer` and `scheduler`") from None
            self.callbacks.train_start(optimizer, scheduler, caller.get("global_step", 0))
        return super()._create_training_progress_scores(**kwargs)

    def save_model(self, output_dir=None, optimizer=None, scheduler=None, model=None, results=None):
        return None

    def save_checkpoint(self, output_dir, optimizer=None, scheduler=None) -> None:
        """Model, tokenizer, model_args.json, and optimizer and scheduler state if given."""
        NERModel.save_model(self, str(output_dir), optimizer, scheduler, model=self.model)


def content_width(attention_mask: torch.Tensor) -> int:
    """Columns up to the last one any sentence in the batch uses (padding is on the right)."""
    used = attention_mask.any(dim=0).nonzero()
    return int(used[-1]) + 1 if len(used) else attention_mask.shape[1]
