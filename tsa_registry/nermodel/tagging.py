"""Tagging with a loaded NERModel: max_seq_length for it and its data, then tags per word.

`train` (the test data), `evaluate`, `predict` and `check --deep` all tag through `predict_tags`,
so all of them choose max_seq_length as a run does (task/lengths.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tsa_registry.task.lengths import choose_max_seq_length, subword_lengths, too_long_message, usable_positions

if TYPE_CHECKING:
    from tsa_registry.nermodel.model import TSANERModel
    from tsa_registry.task.conll import Sentence


def fit_max_seq_length(model: TSANERModel, corpora: Sequence[Sequence[Sequence[str]]],
                       requested: int | None) -> tuple[int, list[list[int]]]:
    """max_seq_length for a loaded NERModel and its data (each corpus a list of sentences, each
    sentence its words), and the subword length of each sentence of each corpus."""
    lengths = [subword_lengths(model.tokenizer, corpus, model.args.model_type) for corpus in corpora]
    limit = usable_positions(model.config.to_dict(), model.tokenizer.model_max_length)
    return choose_max_seq_length([n for values in lengths for n in values], requested, limit), lengths


def predict_tags(model: TSANERModel, sentences: Sequence[Sentence]) -> tuple[list[list[str]], str | None]:
    """Tags for each sentence, and a warning if some did not fit the model (their ends are O).

    max_seq_length is set to fit the longest sentence, so nothing is cut that the model could take.
    The tags are NERModel.predict's, computed with less padding (nermodel/batches.py).
    """
    if not sentences:
        return [], None
    model.args.max_seq_length, (lengths,) = fit_max_seq_length(model, [[s.tokens for s in sentences]], None)
    warning = too_long_message("input", sentences, lengths, model.args.max_seq_length, False)
    from tsa_registry.nermodel.batches import tag_words

    tags = []
    for sentence, found in zip(sentences, tag_words(model, sentences)):
        tags.append(found + ["O"] * (len(sentence.tokens) - len(found)))
    return tags, warning
