"""Sentence lengths in subwords, counted as NERModel builds its features, and max_seq_length.

NERModel tokenizes word by word and silently cuts what does not fit max_seq_length; evaluation
and prediction then drop the words that were cut. Measuring first lets a run choose a length that
fits the data and report, before training, any sentence that still does not fit. `check --data`,
`train`, `evaluate` and `predict` all count with `subword_lengths`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tsa_registry.training.conll import Sentence

# NERModel adds [CLS] and [SEP], and a second separator for these model types (its
# MODELS_WITH_EXTRA_SEP_TOKEN, whatever the tokenizer's own template adds; tests compare).
EXTRA_SEP_TYPES = {"roberta", "camembert", "xlmroberta", "longformer", "mpnet"}
# Position embeddings of RoBERTa-style models start after the padding index.
OFFSET_POSITION_TYPES = {"roberta", "camembert", "xlmroberta", "longformer"}


def special_tokens(model_type: str | None) -> int:
    return 3 if model_type in EXTRA_SEP_TYPES else 2


def word_pieces(tokenizer, words: Iterable[str]) -> dict[str, list[str]]:
    """Each distinct word's subword tokens, exactly as `tokenizer.tokenize(word)` gives them, in
    one batch call (NERModel calls tokenize once per word of every sentence: ~7x more calls).

    `tokenize` first switches off the padding and truncation that a tokenizer.json may store
    (many sentence-embedding checkpoints store `"padding": {"strategy": {"Fixed": 128}}`); the
    batch call does the same, or every word would come back padded to 128 tokens.
    """
    distinct = list(dict.fromkeys(words))
    if not distinct:
        return {}
    backend = _plain_backend(tokenizer)
    if backend is None:  # a slow tokenizer, or one with its own `tokenize`
        return {w: tokenizer.tokenize(w) for w in distinct}
    return {w: e.tokens for w, e in zip(distinct, backend.encode_batch(distinct, add_special_tokens=False))}


def _plain_backend(tokenizer):
    """The Rust tokenizer, set up as `TokenizersBackend.tokenize` sets it up before encoding, or
    None when `tokenize` is not that method (then only `tokenize` itself says what it does)."""
    try:
        from transformers.tokenization_utils_base import PaddingStrategy, TruncationStrategy
        from transformers.tokenization_utils_tokenizers import TokenizersBackend
    except ImportError:
        return None
    kind = type(tokenizer)
    if not (isinstance(tokenizer, TokenizersBackend) and kind.tokenize is TokenizersBackend.tokenize
            and kind._encode_plus is TokenizersBackend._encode_plus):
        return None
    tokenizer.set_truncation_and_padding(
        padding_strategy=PaddingStrategy.DO_NOT_PAD, truncation_strategy=TruncationStrategy.DO_NOT_TRUNCATE,
        max_length=None, stride=0, pad_to_multiple_of=None, padding_side=None)
    backend = tokenizer.backend_tokenizer
    backend.encode_special_tokens = tokenizer.split_special_tokens
    return backend


def subword_lengths(tokenizer, sentences: Sequence[Sequence[str]], model_type: str | None,
                    pieces: dict[str, list[str]] | None = None) -> list[int]:
    """Length of each sentence's features (a sentence is its words), special tokens included."""
    if pieces is None:
        pieces = word_pieces(tokenizer, (w for s in sentences for w in s))
    # A word that tokenizes to nothing becomes the unknown token's pieces in NERModel's features.
    empty = len(tokenizer.tokenize(tokenizer.unk_token)) if not all(pieces.values()) else 0
    per_word = {w: len(p) or empty for w, p in pieces.items()}
    extra = special_tokens(model_type)
    return [sum(per_word[w] for w in s) + extra for s in sentences]


def position_limit(config, model_type: str) -> int | None:
    """How many positions the model can take, or None when the config does not say."""
    positions = getattr(config, "max_position_embeddings", None)
    if not isinstance(positions, int) or positions <= 0:
        return None
    return positions - 2 if model_type in OFFSET_POSITION_TYPES else positions


def choose_max_seq_length(lengths: Sequence[int], requested: int | None, limit: int | None) -> int:
    """The requested length, or the longest sentence, never beyond what the model can take."""
    length = requested or max(lengths, default=8)
    return min(length, limit) if limit else length


def fit_max_seq_length(model, model_type: str, corpora: Sequence[Sequence[Sequence[str]]],
                       requested: int | None) -> tuple[int, list[list[int]]]:
    """max_seq_length for a loaded NERModel and its data, as a run chooses it (`train`,
    `check --deep`), and the subword length of each sentence of each corpus."""
    lengths = [subword_lengths(model.tokenizer, corpus, model_type) for corpus in corpora]
    every = [n for values in lengths for n in values]
    return choose_max_seq_length(every, requested, position_limit(model.config, model_type)), lengths


def too_long_message(name: str, sentences: Sequence[Sentence], lengths: Sequence[int],
                     max_seq_length: int, requested: bool) -> str | None:
    """A warning naming the sentences longer than max_seq_length, or None if all fit."""
    long = [(s, n) for s, n in zip(sentences, lengths) if n > max_seq_length]
    if not long:
        return None
    longest = max(n for _, n in long)
    ids = ", ".join(s.sent_id or f"line {s.line}" for s, _ in long[:5])
    more = f" and {len(long) - 5} more" if len(long) > 5 else ""
    why = ("--max-seq-length" if requested else "the model's position limit")
    return (f"{name}: {len(long)} sentence{'s' if len(long) != 1 else ''} longer than "
            f"{max_seq_length} subwords ({why}; longest {longest}): {ids}{more}. Their ends are "
            "cut in training, and the words cut are predicted as O.")
