"""`check --deep`: prove compatibility by running the training path itself.

A shrunken copy of the architecture (the real config with one or two small layers, the real
tokenizer files, random weights stored in the real weights' precision) goes through what `train`
does: the same NERModel subclass, the same max_seq_length choice, the same feature builder, whose
features are compared with stock NERModel's on every probe sentence; it trains for a few steps
and predicts as `predict` does. Whatever fails is reported with the stage it failed in.
"""

from __future__ import annotations

import math
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tsa_registry.check.findings import Finding, error, ok
from tsa_registry.check.report import DeepSection, Stage
from tsa_registry.task.conll import Sentence
from tsa_registry.task.norwegian import tagged_sentences
from tsa_registry.task.tags import LABELS

if TYPE_CHECKING:
    from tsa_registry.nermodel.model import TSANERModel

SHRINK = {"num_hidden_layers": 2, "hidden_size": 32, "num_attention_heads": 2}
SMALL_FIELDS = {"intermediate_size": 64, "hidden_dim": 64, "n_inner": 64, "encoder_ffn_dim": 64,
                "decoder_ffn_dim": 64, "embedding_size": 32, "pooler_hidden_size": 32,
                "global_attn_every_n_layers": 2, "encoder_layers": 2, "decoder_layers": 2}
# Two steps on the 16 probe sentences, on the CPU in fp32 whatever the family suggests.
RUN_ARGS = {"num_train_epochs": 1, "train_batch_size": 8, "eval_batch_size": 8,
            "evaluate_during_training": False, "fp16": False}


def shrink_architecture(folder: Path, out: Path, *, trust_remote_code: bool, half: bool) -> int:
    """Write a small random-weight copy of the model in `folder` (config + tokenizer) to `out`.
    Returns its parameter count."""
    import torch
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(str(folder), trust_remote_code=trust_remote_code)
    for name, value in SHRINK.items():
        setattr(config, name, value)  # attribute_map turns these into dim, n_layers, ... where needed
    for name, value in SMALL_FIELDS.items():
        if name in config.to_dict():
            setattr(config, name, value)
    model = AutoModel.from_config(config, trust_remote_code=trust_remote_code)
    if half:
        model = model.to(torch.float16)
    model.save_pretrained(out)
    for item in copied_files(folder, trust_remote_code=trust_remote_code):
        if not (out / item.name).exists():
            shutil.copy2(item, out / item.name)
    return sum(p.numel() for p in model.parameters())


VOCABULARY_SUFFIXES = (".txt", ".model", ".spm", ".tiktoken", ".codes")


def copied_files(folder: Path, *, trust_remote_code: bool) -> list[Path]:
    """What the shrunken copy takes from the model folder: the tokenizer's files, and the
    repository's code when trusted. Never weights, nor model_args.json (NERModel would read its
    settings, `quantized_model` among them) or any other file that changes what loading does."""
    from tsa_registry.sources.facts import TOKENIZER_FILES

    def wanted(name: str) -> bool:
        return (name in TOKENIZER_FILES or name.endswith(VOCABULARY_SUFFIXES)
                or (name.startswith("tokenizer") and name.endswith(".json"))
                or (trust_remote_code and name.endswith(".py")))

    return [item for item in sorted(folder.iterdir()) if item.is_file() and wanted(item.name)]


class _StageFailed(Exception):
    """A stage of the deep check failed; the failure is recorded in the report's `deep` object."""


def deep_check(folder: Path, *, model_type: str, settings: dict[str, Any], half: bool,
               trust_remote_code: bool, progress: Callable[[str], None] | None = None,
               ) -> tuple[DeepSection, list[Finding]]:
    """Train a shrunken copy for a few steps and predict; the report's `deep` object and findings.

    `progress` hears each stage as it starts; an exception it raises (a cancelled check) ends the
    deep check at once and is not recorded as the model's failure.
    """
    say = progress or (lambda message: None)
    started = time.perf_counter()
    info = DeepSection()

    def stage(name: Stage, action: Callable[[], Any]) -> Any:
        say(f"Deep check: {_STAGES[name]}")  # outside the try: cancelling is not a failure
        info.stage = name
        try:
            return action()
        except Exception as failure:  # any failure is the finding
            info.error = f"{type(failure).__name__}: {failure}"[:500]
            raise _StageFailed from failure

    with tempfile.TemporaryDirectory(prefix="tsa-deep-") as tmp:
        work = Path(tmp)
        data = _sentences(tagged_sentences(16, seed=7))
        try:
            info.parameters = stage("shrink", lambda: shrink_architecture(
                folder, work / "model", trust_remote_code=trust_remote_code, half=half))
            model = stage("load", lambda: _ner_model(work, model_type, settings, trust_remote_code))
            stage("features", lambda: _features(model, data))
            info.loss = stage("train", lambda: _train(model, data))
            stage("predict", lambda: _predict(model, data[:4]))
        except _StageFailed:
            pass
        else:
            info.passed, info.stage = True, None
    info.seconds = round(time.perf_counter() - started, 1)
    if info.passed:
        return info, [ok("deep.passed", f"Simpletransformers NERModel ({model_type}) trained a shrunken "
                         f"copy for 2 steps on features equal to its own and predicted TSA tags "
                         f"({info.seconds} s).")]
    if info.stage == "features":
        return info, [error("deep.features-differ", f"The features `train` builds differ from "
                            f"Simpletransformers NERModel's own: {info.error}",
                            "`train` notices this too, warns and falls back to NERModel's own "
                            "features; the difference is a defect of tsa-registry's feature "
                            "builder with this tokenizer: please report it.")]
    return info, [error("deep.failed", f"The deep check failed while {_STAGES[info.stage or 'shrink']}: {info.error}",
                        "See the other findings for a likely cause; the model is not usable as it is.")]


def _sentences(tagged: list[tuple[list[str], list[str]]]) -> list[Sentence]:
    return [Sentence(f"probe-{i + 1}", tuple(words), tuple(tags)) for i, (words, tags) in enumerate(tagged)]


def _features(model: TSANERModel, data: list[Sentence]) -> None:
    """max_seq_length as `train` chooses it, then the training features, built as `train` builds
    them and compared with stock NERModel's on every probe sentence; and each sentence's length
    as `train` counts it against the length of NERModel's own features."""
    from tsa_registry.nermodel.tagging import fit_max_seq_length

    model.args.max_seq_length, (lengths,) = fit_max_seq_length(model, [[s.tokens for s in data]], None)
    features = model.load_and_cache_examples(data)
    if model.feature_mismatches:
        raise RuntimeError(model.feature_mismatches[0].message)
    built = [int(mask.sum()) for mask in features.tensors[1]]
    if built != lengths:
        at = next(i for i, (a, b) in enumerate(zip(built, lengths)) if a != b)
        raise RuntimeError(f"sentence {data[at].sent_id} is {lengths[at]} subwords long as counted "
                           f"for max_seq_length, but {built[at]} in NERModel's features")


def _train(model: TSANERModel, data: list[Sentence]) -> float | None:
    """Train on the tagged sentences; the final loss (None when not finite: JSON has no NaN)."""
    _, details = model.train_model(data)
    loss = float(details) if isinstance(details, (int, float)) else None
    if loss is not None and not math.isfinite(loss):
        raise RuntimeError(f"the training loss is {loss}: the weights or the settings make the computation overflow")
    return loss


def _predict(model: TSANERModel, sentences: list[Sentence]) -> None:
    """Predict as `predict` and `evaluate` do; every word gets one of the labels."""
    from tsa_registry.nermodel.tagging import predict_tags

    tags, _ = predict_tags(model, sentences)
    for sentence, found in zip(sentences, tags):
        if len(found) != len(sentence.tokens) or not set(found) <= set(LABELS):
            raise RuntimeError(f"the prediction for {' '.join(sentence.tokens)!r} has {len(found)} tags "
                               f"for {len(sentence.tokens)} words")


_STAGES = {"shrink": "building the shrunken model", "load": "loading it into NERModel",
           "features": "building the training features", "train": "training", "predict": "predicting"}


def _ner_model(work: Path, model_type: str, settings: dict[str, Any], trust_remote_code: bool) -> TSANERModel:
    """The model class and NERArgs a run uses, with a few steps' settings."""
    from tsa_registry.nermodel.args import quiet_args
    from tsa_registry.nermodel.model import TSANERModel

    args = {key: value for key, value in settings.items()
            if key not in ("trust_remote_code", "max_seq_length")}  # the length is chosen as train does
    args.update(quiet_args(work / "out"), **RUN_ARGS)
    kwargs = {}
    if trust_remote_code:  # the config is loaded with args.config only, model and tokenizer with kwargs
        args["config"] = {"trust_remote_code": True}
        kwargs["trust_remote_code"] = True
    return TSANERModel(model_type, str(work / "model"), labels=LABELS, args=args, use_cuda=False, **kwargs)
