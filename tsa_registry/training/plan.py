"""Planning a run: its TrainRequest (args.json), resolved from the registry before it starts.

Resolving happens in the caller's process and is cheap (no torch): the data files are read and
checked, the model's family and settings are looked up (for a model outside the catalogue,
through `check`, which reads its config and tokenizer), and the user's options go on top.
Choices that need torch (the device, an automatic batch size) are left for the training process.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from tsa_registry.task.conll import Corpus, DataError, ensure_same_labels, read_conll
from tsa_registry.training.request import Device, TrainRequest, ensure_within_limits

if TYPE_CHECKING:
    from tsa_registry.registry import Registry


class PlanError(ValueError):
    """The run cannot start as asked; the message says what to do instead."""


def plan_training(
    model: str,
    *,
    train: Path,
    dev: Path,
    test: Path | None = None,
    registry: Registry,
    epochs: int | None = None,
    batch_size: int | Literal["auto"] | None = None,
    gradient_accumulation_steps: int | None = None,
    learning_rate: float | None = None,
    max_seq_length: int | None = None,
    seed: int = 42,
    device: Device = "auto",
    fp16: bool | None = None,
    intensity: bool = False,
    strict: bool = False,
    revision: str | None = None,
    trust_remote_code: bool = False,
    allow_pickle: bool = False,
) -> TrainRequest:
    """Check the data and the model and return the request; DataError or PlanError if not."""
    try:  # the numbers first: they cost nothing to check
        ensure_within_limits(epochs=epochs, batch_size=batch_size if batch_size != "auto" else None,
                     gradient_accumulation_steps=gradient_accumulation_steps,
                     learning_rate=learning_rate, max_seq_length=max_seq_length)
    except ValueError as err:
        raise PlanError(str(err)) from None
    corpora = read_data(train, dev, test, intensity=intensity, strict=strict)
    from tsa_registry.data.terms import terms_of
    from tsa_registry.files import FileProblem, local_folder

    try:
        folder = local_folder(model)
    except FileProblem as problem:
        raise PlanError(str(problem)) from None
    if folder is not None:
        from tsa_registry.sources.weights import UnsafeWeights, ensure_safe_weights

        try:
            ensure_safe_weights(folder, allow_pickle)
        except UnsafeWeights as err:
            raise PlanError(str(err)) from None
        _ensure_trained_labels(folder, model, corpora[0].labels)
    family, model_type, needed, defaults = model_settings(
        model, registry, revision=revision, trust_remote_code=trust_remote_code,
        allow_pickle=allow_pickle)
    fields = dict(
        model=model,
        revision=revision,
        family=family,
        model_type=model_type,
        train=str(Path(train).resolve()),
        dev=str(Path(dev).resolve()),
        test=str(Path(test).resolve()) if test else None,
        epochs=epochs or defaults.get("num_train_epochs", 10),
        batch_size=(batch_size if isinstance(batch_size, int) else None)
        or defaults.get("train_batch_size", 32),
        auto_batch_size=batch_size == "auto",
        gradient_accumulation_steps=gradient_accumulation_steps or defaults.get("gradient_accumulation_steps", 1),
        learning_rate=learning_rate or defaults.get("learning_rate", 5e-5),
        max_seq_length=max_seq_length,
        seed=seed,
        device=device,
        fp16=fp16,
        intensity=intensity,
        strict=strict,
        trust_remote_code=trust_remote_code,
        allow_pickle=allow_pickle,
        ner_args=ner_args_of(needed),
        data_terms=terms_of(train, dev),
    )
    try:
        return TrainRequest.make(**fields)
    except msgspec.ValidationError as err:  # the family's or the check's defaults are out of range
        raise PlanError(f"{model}: its default settings cannot make a run: {err}") from None


def model_settings(model: str, registry: Registry, *, revision: str | None = None, trust_remote_code: bool = False,
                   allow_pickle: bool = False) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    """(family name, NERModel model_type, NERArgs the model needs, default hyperparameters).

    A catalogue entry has them in the registry; any other model (a Hub id or a local folder)
    goes through `tsa-registry check`, which reads its config and tokenizer (never its weights).
    """
    if model in registry.entries:
        entry = registry.entry(model)
        family = registry.family(entry.family)
        needed = registry.settings_for(entry)
        model_type = _ensure_trainable(model, family.compatibility, family.simpletransformers_model_type,
                                       family.reason, needed, trust_remote_code)
        return family.name, model_type, needed, registry.suggested_args_for(entry)
    from tsa_registry.check import check_model

    report = check_model(model, registry=registry, revision=revision,
                         trust_remote_code=trust_remote_code, allow_pickle=allow_pickle)
    if report.source is None:  # nothing could be read: no verdict on the model, only on the reading
        failure = next(f for f in report.findings if f.severity == "error")
        raise PlanError(" ".join(filter(None, (failure.message, failure.fix))))
    if report.weights and report.weights.needs_allow_pickle and not allow_pickle:
        raise PlanError(f"{model}: the weights transformers loads are pickle "
                        f"({', '.join(report.weights.loads)}): unpickling can run code. "
                        "Pass --allow-pickle if you trust the model.")
    verdict = {"needs-opt-in": "needs-opt-in", "incompatible": "incompatible",
               "unknown": "incompatible"}.get(report.verdict, "compatible")
    model_type = _ensure_trainable(model, verdict, report.simpletransformers_model_type,
                                   f"{report.reason} (`tsa-registry check {model}` explains)",
                                   report.suggested_args, trust_remote_code)
    name = report.family.name if report.family else "auto"
    defaults = registry.families[name].defaults if name in registry.families else {}
    return name, model_type, report.suggested_args, dict(defaults)


def _ensure_trainable(model: str, compatibility: str, model_type: str | None, reason: str,
                      needed: dict[str, Any], trust_remote_code: bool) -> str:
    """The Simpletransformers model_type to train with; PlanError when it cannot be trained as asked."""
    if compatibility == "incompatible" or not model_type:
        raise PlanError(f"{model} cannot be fine-tuned with Simpletransformers NER: {reason}")
    if (compatibility == "needs-opt-in" or needed.get("trust_remote_code")) and not trust_remote_code:
        raise PlanError(f"{model} runs code from its repository when loaded: pass "
                        f"--trust-remote-code if you trust it. {reason}")
    return model_type


_HYPERPARAMETERS = {"num_train_epochs", "train_batch_size", "learning_rate", "max_seq_length",
                    "gradient_accumulation_steps"}


def ner_args_of(needed: dict[str, Any]) -> dict[str, Any]:
    """The NERArgs a model needs, without the hyperparameters a run sets itself and the
    remote-code opt-in, which comes from the command line only."""
    return {k: v for k, v in needed.items() if k not in _HYPERPARAMETERS and k != "trust_remote_code"}


def _ensure_trained_labels(folder: Path, model: str, labels: list[str]) -> None:
    """A model already fine-tuned for TSA (an earlier run's model/) can only go on with the
    labels it has: its head has one output per label, and NERModel would fail on a bare assert."""
    from tsa_registry.task.tags import ALL_TAGS

    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        trained = [str(label) for label in config["id2label"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return  # no head of ours; the check reports an unreadable config
    if not set(trained) <= ALL_TAGS or set(trained) == {"O"} or trained == labels:
        return  # output i of the head is label i: the order matters too
    base = ""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):  # the base model is a bonus
        base = f" ({json.loads((folder.parent / 'args.json').read_text(encoding='utf-8'))['model']})"
    order = " in this order" if set(trained) == set(labels) else ""
    raise PlanError(f"{model} was fine-tuned for TSA on the labels {', '.join(trained)}{order}, "
                    f"and the data has {', '.join(labels)}: a fine-tuned model keeps its labels. "
                    f"Train from its base model{base} instead, or on data with the same labels.")


def read_data(train: Path, dev: Path, test: Path | None, *, intensity: bool, strict: bool) -> list[Corpus]:
    """Read the data files as training will, so that errors show before anything starts."""
    corpora = [read_conll(train, strict=strict), read_conll(dev, strict=strict)]
    if test:
        corpora.append(read_conll(test, strict=strict))
    for corpus in corpora:
        if corpus.intensity != intensity:
            tag = next((t for t in corpus.first_line if t != "O"), "O")
            hint = ("pass --intensity to train on intensity tags" if corpus.intensity
                    else "--intensity needs tags such as B-targ-Positive-2")
            raise DataError(corpus.path, corpus.first_line[tag], f"tag {tag}: {hint}")
    ensure_same_labels(corpora[0], corpora[1])
    if test:
        extra = sorted(set(corpora[2].first_line) - set(corpora[0].first_line))
        if extra:
            raise DataError(corpora[2].path, corpora[2].first_line[extra[0]],
                            f"label {extra[0]} is not in the training data {corpora[0].path}")
    return corpora


