"""Training features: NERModel's own, built faster, and compared with NERModel's at run time.

NERModel.load_and_cache_examples calls `tokenizer.tokenize(word)` for every word of every
sentence. Here each distinct word is tokenized once, in one batch call (`lengths.word_pieces`),
and NERModel's own code builds the features from those pieces. The features are NERModel's as
long as the pieces are, which a tokenizer can break in ways no test foresees; so when a run
starts, a sample of its sentences is also built NERModel's own way and compared, and on any
difference the run uses NERModel's own features for all of them and says why.

Imported only where simpletransformers is (the training process, prediction, `check --deep`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import torch
from simpletransformers.ner import NERModel
from simpletransformers.ner.ner_utils import InputExample
from torch.utils.data import TensorDataset

from tsa_registry.task.conll import Sentence
from tsa_registry.task.lengths import word_pieces

if TYPE_CHECKING:
    from tsa_registry.nermodel.model import TSANERModel

SAMPLE = 256  # sentences spread evenly over the data
NEW_CHARACTERS = 64  # at most this many more: each brings a character the sample lacks


@dataclasses.dataclass(frozen=True)
class FeatureMismatch:
    """The first place where the fast features and NERModel's own differ."""

    sentence: str  # its sent_id, or "line N"
    word: str | None  # the first word tokenized differently, None if every word agrees
    ours: list[str]  # that word's pieces (or the sentence's tokens) as built here
    theirs: list[str]  # ... and as NERModel builds them

    @property
    def message(self) -> str:
        if self.word is not None:
            what = f"the word {self.word!r} is tokenized {self.ours} here but {self.theirs} by NERModel"
        else:  # the tokens up to the first difference, or one differing value
            what = f"the features read {self.ours} here but {self.theirs} in NERModel's own"
        return f"Sentence {self.sentence}: {what}."


def fast_features(model: TSANERModel, sentences: Sequence[Sentence], evaluate: bool,
                  pieces: dict[str, list[str]] | None = None) -> TensorDataset:
    """NERModel's features built from each distinct word's pieces, tokenized once."""
    if pieces is None:
        pieces = word_pieces(model.tokenizer, (w for s in sentences for w in s.tokens))
    tokenizer = model.tokenizer
    model.tokenizer = KnownWords(tokenizer, pieces)
    try:
        return stock_features(model, sentences, evaluate)
    finally:
        model.tokenizer = tokenizer


def stock_features(model: TSANERModel, sentences: Sequence[Sentence], evaluate: bool) -> TensorDataset:
    """NERModel's own features, built its own way (`tokenize` once per word)."""
    examples = [InputExample(i, list(s.tokens), list(s.tags)) for i, s in enumerate(sentences)]
    return NERModel.load_and_cache_examples(model, None, evaluate=evaluate, no_cache=True,
                                            to_predict=examples)


def checked_features(model: TSANERModel, sentences: Sequence[Sentence],
                     evaluate: bool) -> tuple[TensorDataset, FeatureMismatch | None]:
    """The fast features if a sample of them equals NERModel's own, else NERModel's own for all
    sentences; and the first difference found (None when there was none)."""
    pieces = word_pieces(model.tokenizer, (w for s in sentences for w in s.tokens))
    features = fast_features(model, sentences, evaluate, pieces)
    mismatch = compare_with_stock(model, sentences, features, pieces, evaluate, sample_rows(sentences))
    if mismatch is None:
        return features, None
    return stock_features(model, sentences, evaluate), mismatch


def compare_with_stock(model: TSANERModel, sentences: Sequence[Sentence], features: TensorDataset,
                       pieces: dict[str, list[str]],
                       evaluate: bool, rows: list[int]) -> FeatureMismatch | None:
    """Build `rows` of `sentences` NERModel's way; the first difference from `features`, if any."""
    if not rows:
        return None
    stock = stock_features(model, [sentences[i] for i in rows], evaluate)
    index = torch.tensor(rows)
    differs = torch.zeros(len(rows), dtype=torch.bool)
    for ours, theirs in zip(features.tensors, stock.tensors):
        differs |= (ours[index] != theirs).any(dim=1)
    if not differs.any():
        return None
    at = int(differs.nonzero()[0])
    return _explain(model, sentences[rows[at]], pieces, [t[rows[at]] for t in features.tensors],
                    [t[at] for t in stock.tensors])


def sample_rows(sentences: Sequence[Sentence], size: int = SAMPLE, extra: int = NEW_CHARACTERS) -> list[int]:
    """Sentences spread evenly over the data, then those that bring a character not yet sampled
    (accents written as combining marks, rare symbols, invisible characters: where tokenizers
    differ), in data order."""
    n = len(sentences)
    rows = list(range(n)) if n <= size else [i * n // size for i in range(size)]
    seen = {c for i in rows for w in sentences[i].tokens for c in w}
    chosen = set(rows)
    for i, sentence in enumerate(sentences):
        if len(chosen) >= len(rows) + extra:
            break
        new = {c for w in sentence.tokens for c in w} - seen
        if new and i not in chosen:
            chosen.add(i)
            seen |= new
    return sorted(chosen)


FEATURE_NAMES = ("input_ids", "attention_mask", "token_type_ids", "label ids")


def _explain(model: TSANERModel, sentence: Sentence, pieces: dict[str, list[str]], ours: list[torch.Tensor],
             theirs: list[torch.Tensor]) -> FeatureMismatch:
    """The first word tokenized differently; failing that, the first feature value that differs."""
    where = sentence.sent_id or f"line {sentence.line}"
    for word in sentence.tokens:
        expected = model.tokenizer.tokenize(word)
        if pieces.get(word) != expected:
            return FeatureMismatch(where, word, list(pieces.get(word, [])), expected)
    for name, a, b in zip(FEATURE_NAMES, ours, theirs):
        if not torch.equal(a, b):
            at = int((a != b).nonzero()[0])
            if name == "input_ids":
                convert = model.tokenizer.convert_ids_to_tokens
                return FeatureMismatch(where, None, convert(a[: at + 1].tolist()), convert(b[: at + 1].tolist()))
            return FeatureMismatch(where, None, [f"{name}[{at}]={int(a[at])}"], [f"{name}[{at}]={int(b[at])}"])
    raise AssertionError("the rows differ, but no feature does")


class KnownWords:
    """The tokenizer, with the subwords of the data's words looked up instead of recomputed."""

    def __init__(self, tokenizer: Any, pieces: dict[str, list[str]]) -> None:
        self._tokenizer = tokenizer
        self._pieces = pieces

    def tokenize(self, text: str, **kwargs: Any) -> list[str]:
        if not kwargs and text in self._pieces:
            return list(self._pieces[text])
        return self._tokenizer.tokenize(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)
