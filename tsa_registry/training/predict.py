"""Using a run's model: tag sentences, find targets with polarity and character offsets, evaluate."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from tsa_registry.training.conll import Sentence, read_conll
from tsa_registry.training.labels import polarity_name
from tsa_registry.training.lengths import fit_max_seq_length, too_long_message
from tsa_registry.training.metrics import Scores, spans
from tsa_registry.training.runs import Run, RunError
from tsa_registry.training.scoring import score_corpus
from tsa_registry.training.tagging import tag_words

# Words (with inner hyphens or apostrophes) and single punctuation marks, as NoReC_tsa splits them.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


@dataclasses.dataclass(frozen=True)
class Target:
    text: str
    polarity: str  # "Positive", "Negative" (with intensity: "Positive-2")
    start: int  # character offsets in the sentence, end exclusive
    end: int


@dataclasses.dataclass(frozen=True)
class Prediction:
    text: str
    tokens: list[str]
    tags: list[str]
    targets: list[Target]
    sent_id: str | None = None

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def load_model(run: Run, device: str = "auto", *, trust_remote_code: bool = False):
    """The run's best model, ready to predict; nothing is written anywhere.

    Its own code runs only with `trust_remote_code` from the caller (trust.py); its settings
    come from args.json through TSANERModel's locked NERArgs, never from model_args.json."""
    import torch
    from transformers.utils import logging as hf_logging

    from tsa_registry.training.model_setup import no_side_effects
    from tsa_registry.training.model_source import ModelSourceError, check_weights
    from tsa_registry.training.ner_model import TSANERModel
    from tsa_registry.training.trust import trusted_request

    if not (run.model_dir / "config.json").exists():
        raise RunError(f"run {run.name} has no model yet (status: {run.effective_status()[0]}); "
                       "a run saves its model after its first epoch")
    from tsa_registry.sources.local import unreadable_safetensors

    if broken := unreadable_safetensors(run.model_dir):
        name, why = next(iter(broken.items()))
        raise RunError(f"run {run.name}: its model file {run.model_dir / name} is damaged ({why}): "
                       "the folder was cut short or changed since training; restore it, or train again")
    request = trusted_request(run, trust_remote_code=trust_remote_code)
    try:
        check_weights(run.model_dir, allow_pickle=False)
    except ModelSourceError as err:
        raise RunError(f"run {run.name}'s model cannot be loaded: {err}") from None
    hf_logging.disable_progress_bar()  # "Loading weights" bars would clutter the command's output
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    args = {**request.ner_args, **no_side_effects(run.file("work")), "fp16": False}
    return TSANERModel(request.model_type, str(run.model_dir), labels=_labels(run), args=args,
                       use_cuda=device == "cuda", trust_remote_code=trust_remote_code)


def _labels(run: Run) -> list[str]:
    """The tags of the model's head, in order, from its config.json (id2label)."""
    import json

    try:
        config = json.loads((run.model_dir / "config.json").read_text(encoding="utf-8"))
        id2label = config["id2label"]
        labels = [str(id2label[key]) for key in sorted(id2label, key=int)]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        labels = []
    if not labels:
        raise RunError(f"{run.model_dir / 'config.json'} has no readable id2label: the run's model "
                       "does not say which tags it predicts")
    return labels


def predict_tags(model, sentences: list[Sentence]) -> tuple[list[list[str]], str | None]:
    """Tags for each sentence, and a warning if some did not fit the model (their ends are O).

    max_seq_length is set to fit the longest sentence, so nothing is cut that the model could take.
    The tags are NERModel.predict's, computed faster (tagging.py).
    """
    if not sentences:
        return [], None
    model.args.max_seq_length, (lengths,) = fit_max_seq_length(
        model, model.args.model_type, [[s.tokens for s in sentences]], None)
    warning = too_long_message("input", sentences, lengths, model.args.max_seq_length, False)
    tags = []
    for sentence, found in zip(sentences, tag_words(model, sentences)):
        tags.append(found + ["O"] * (len(sentence.tokens) - len(found)))
    return tags, warning


def evaluate_run(run: Run, data: Path, *, device: str = "auto", output: Path | None = None,
                 replace: bool = False, trust_remote_code: bool = False) -> tuple[Scores, str | None]:
    """Strict span F1 of the run's model on a labelled CoNLL file; the predictions also go to
    `output`, which is checked first (never the data itself; an existing file only if `replace`)."""
    if output is not None:
        from tsa_registry.files import check_writable

        check_writable(output, replace=replace, inputs=[data])
    gold = read_conll(data)
    model = load_model(run, device, trust_remote_code=trust_remote_code)
    _check_labels(model, gold, data)
    tags, warning = predict_tags(model, gold.sentences)
    return score_corpus(gold, tags, output), warning


def predict_texts(model, texts: list[str]) -> tuple[list[Prediction], str | None]:
    """Targets in raw sentences, split into tokens the way NoReC_tsa is."""
    tokenized = [[(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(t)] for t in texts]
    keep = [i for i, toks in enumerate(tokenized) if toks]
    sentences = [Sentence(None, tuple(t for t, _, _ in tokenized[i]), ("O",) * len(tokenized[i]))
                 for i in keep]
    tags, warning = predict_tags(model, sentences)
    by_index = dict(zip(keep, tags))
    out = []
    for i, text in enumerate(texts):
        toks, found = tokenized[i], by_index.get(i, [])
        out.append(Prediction(text, [t for t, _, _ in toks], found, _targets(text, toks, found)))
    return out, warning


def predict_conll(model, path: Path) -> tuple[list[Prediction], str | None]:
    """Targets in a CoNLL file's sentences (tags, if any, are ignored); offsets refer to the
    sentence written as its tokens joined by spaces."""
    sentences = read_conll(path, labelled=False, repair=False).sentences
    tags, warning = predict_tags(model, sentences)
    out = []
    for sentence, found in zip(sentences, tags):
        text, toks, at = " ".join(sentence.tokens), [], 0
        for token in sentence.tokens:
            toks.append((token, at, at + len(token)))
            at += len(token) + 1
        out.append(Prediction(text, list(sentence.tokens), found, _targets(text, toks, found),
                              sentence.sent_id))
    return out, warning


def _targets(text: str, tokens: list[tuple[str, int, int]], tags: list[str]) -> list[Target]:
    found = []
    for span in spans(tags):
        start, end = tokens[span.start][1], tokens[span.end - 1][2]
        found.append(Target(text[start:end], polarity_name(span.type), start, end))
    return found


def _check_labels(model, gold, data: Path) -> None:
    from tsa_registry.training.conll import DataError

    unknown = sorted(set(gold.first_line) - set(model.args.labels_list))
    if unknown:
        raise DataError(data, gold.first_line[unknown[0]], f"label {unknown[0]} is not one the "
                        f"model was trained on ({', '.join(model.args.labels_list)})")
