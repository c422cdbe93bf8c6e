"""The model to time, loaded as `predict` loads it (TSANERModel), with random or real weights.

- A catalogue or Hub id: config.json and the tokenizer through `sources.load_facts` (no weights),
  a full-size copy built from the config with random weights, saved as safetensors in a
  temporary folder beside the tokenizer and loaded from there like any model.
- A folder: its weights when it has some (safetensors; pickle only with allow_pickle), else
  (or with `random_weights`) a random-weight copy as above.
- A run: its best model, through `training.worker.predict.load_model`.
The model's own code runs only with trust_remote_code, as everywhere else.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tsa_registry.task.tags import PLAIN_TAGS, label_order

LABELS = label_order(PLAIN_TAGS)


class SpeedError(RuntimeError):
    """The model cannot be timed as asked; the message says what to do. `code` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Subject:
    shown: str  # as given
    key: str
    source: Literal["catalogue", "hub", "folder", "run"]
    weights: Literal["random", "real"]
    revision: str | None
    model: Any  # TSANERModel
    work: Path  # temporary folder, removed by close()
    run: Any = None
    notes: list[str] = field(default_factory=list)

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def open_subject(model: str, *, registry, device: str = "cpu", revision: str | None = None,
                 trust_remote_code: bool = False, allow_pickle: bool = False,
                 random_weights: bool = False, offline: bool | None = None) -> Subject:
    """Load MODEL for timing. SpeedError says why it cannot be (code 1 when the Hub failed)."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # loading bars and reports would clutter the output
    hf_logging.set_verbosity_error()
    from tsa_registry.files import FileProblem, local_folder
    from tsa_registry.paths import runs_dir

    try:
        folder = local_folder(model)
    except FileProblem as problem:
        raise SpeedError(str(problem)) from None
    named_run = folder is None and model not in registry.entries and (runs_dir() / model / "args.json").is_file()
    if named_run or (folder is not None and (folder / "args.json").is_file()):
        if random_weights:
            raise SpeedError(f"{model} is a run: it is timed with its own weights (leave out --random-weights)")
        return _run_subject(model, device, trust_remote_code)
    work = Path(tempfile.mkdtemp(prefix="tsa-speed-"))
    try:
        return _model_subject(model, folder, work, registry=registry, device=device, revision=revision,
                              trust_remote_code=trust_remote_code, allow_pickle=allow_pickle,
                              random_weights=random_weights, offline=offline)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _run_subject(model: str, device: str, trust_remote_code: bool) -> Subject:
    from tsa_registry.training.runs import RunError, open_run
    from tsa_registry.training.worker.predict import load_model

    try:
        run = open_run(model)
        loaded = load_model(run, device, trust_remote_code=trust_remote_code)
    except RunError as err:
        raise SpeedError(str(err)) from None
    path = run.path.resolve()
    return Subject(model, f"run:{path}", "run", "real", files_revision(run.model_dir), loaded,
                   Path(tempfile.mkdtemp(prefix="tsa-speed-")), run=run)


def _model_subject(model, folder, work, *, registry, device, revision, trust_remote_code,
                   allow_pickle, random_weights, offline) -> Subject:
    from tsa_registry.near import did_you_mean
    from tsa_registry.sources import SourceError, load_facts
    from tsa_registry.sources.weights import folder_weights

    try:
        facts = load_facts(model, revision=revision, offline=offline, trust_remote_code=trust_remote_code)
    except SourceError as err:
        hint = did_you_mean(model, registry.entries)
        message = " ".join(filter(None, (err.message, hint, err.fix)))
        raise SpeedError(message, code=1 if err.transient else 2) from None
    if facts.config is None:
        raise SpeedError(f"{model}: {facts.config_error}")
    if facts.remote_code and not trust_remote_code:
        raise SpeedError(f"{model} runs code from its repository when loaded "
                         f"({', '.join(facts.remote_code_files)} has an auto_map): pass "
                         "--trust-remote-code to time it, if you trust that code")
    model_type, ner_args = _settings(model if folder is None else str(folder), registry,
                                     revision, trust_remote_code, allow_pickle)
    source: Literal["catalogue", "hub", "folder"] = (
        "folder" if folder is not None else "catalogue" if model in registry.entries else "hub")
    key = str(folder.resolve()) if folder is not None else model
    real = folder is not None and not random_weights and (
        folder_weights(folder).format is not None or folder_weights(folder).problem is not None)
    revision_key: str | None
    if real:
        from tsa_registry.sources.weights import UnsafeWeights, ensure_safe_weights

        try:
            ensure_safe_weights(folder, allow_pickle)
        except UnsafeWeights as err:
            raise SpeedError(f"{err} Or pass --random-weights to time a random-weight copy.") from None
        source_folder, labels, revision_key = folder, _head_labels(facts.config), files_revision(folder)
    else:
        source_folder, labels = build_random_copy(facts.folder, work / "model", trust_remote_code)
        revision_key = facts.revision if folder is None else files_revision(folder)
    from tsa_registry.nermodel.args import quiet_args as no_side_effects
    from tsa_registry.nermodel.model import TSANERModel

    args = {**ner_args, **no_side_effects(work / "ner"), "fp16": False}
    loaded = TSANERModel(model_type, str(source_folder), labels=labels, args=args,
                         use_cuda=device == "cuda", trust_remote_code=trust_remote_code,
                         allow_pickle=allow_pickle and real)
    notes = [] if real else ["random weights: the config's full-size architecture, weights made on the spot"]
    return Subject(model, key, source, "real" if real else "random", revision_key, loaded, work, notes=notes)


def _settings(model: str, registry, revision, trust_remote_code, allow_pickle) -> tuple[str, dict]:
    """NERModel's model_type and the NERArgs the model needs, as `train` finds them."""
    from tsa_registry.training.plan import PlanError, model_settings, ner_args_of

    try:
        _, model_type, needed, _ = model_settings(model, registry, revision=revision,
                                                  trust_remote_code=trust_remote_code,
                                                  allow_pickle=True)  # weights are vetted here
    except PlanError as err:
        raise SpeedError(str(err)) from None
    return model_type, ner_args_of(needed)


def build_random_copy(folder: Path, out: Path, trust_remote_code: bool) -> tuple[Path, list[str]]:
    """A full-size token-classification model from `folder`'s config with random weights, in
    float32, saved to `out` with the tokenizer's files; never a weight file of `folder`'s."""
    import gc

    import torch
    from transformers import AutoConfig, AutoModelForTokenClassification

    from tsa_registry.check.deep import copied_files

    config = AutoConfig.from_pretrained(str(folder), trust_remote_code=trust_remote_code)
    config.id2label = dict(enumerate(LABELS))
    config.label2id = {label: i for i, label in enumerate(LABELS)}
    torch.manual_seed(0)
    network = AutoModelForTokenClassification.from_config(config, trust_remote_code=trust_remote_code)
    network.float().save_pretrained(out)
    del network
    gc.collect()
    for item in copied_files(folder, trust_remote_code=trust_remote_code):
        if not (out / item.name).exists():
            shutil.copy2(item, out / item.name)
    return out, LABELS


def _head_labels(config: dict) -> list[str]:
    """The labels of a token-classification head the folder already has, else the TSA tags."""
    found = config.get("id2label")
    id2label: dict[Any, Any] = found if isinstance(found, dict) else {}
    trained = any(str(a).endswith("ForTokenClassification") for a in config.get("architectures") or [])
    try:
        labels = [str(id2label[k]) for k in sorted(id2label, key=int)]
    except (ValueError, TypeError):
        labels = []
    return labels if trained and labels else LABELS


def files_revision(folder: Path) -> str:
    """A local model's revision: a hash of its config.json and of its weight files' names,
    sizes and modification times (cheap; changes when the model does)."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).iterdir()):
        if path.name == "config.json":
            digest.update(path.read_bytes())
        elif path.suffix in (".safetensors", ".bin", ".json") and path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return "files:" + digest.hexdigest()[:16]
