"""Sentence lengths in subwords, counted as NERModel builds its features, and max_seq_length.

NERModel tokenizes word by word and silently cuts what does not fit max_seq_length; evaluation
and prediction then drop the words that were cut. Measuring first lets a run choose a length that
fits the data and report, before training, any sentence that still does not fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from tsa_registry.training.conll import Sentence

# NERModel adds [CLS] and [SEP], and a second separator for these model types.
EXTRA_SEP_TYPES = {"roberta", "camembert", "xlmroberta", "longformer", "mpnet"}
# Position embeddings of RoBERTa-style models start after the padding index.
OFFSET_POSITION_TYPES = {"roberta", "camembert", "xlmroberta", "longformer"}


def special_tokens(model_type: str) -> int:
    return 3 if model_type in EXTRA_SEP_TYPES else 2


def word_pieces(tokenizer, sentences: Sequence[Sentence]) -> dict[str, list[str]]:
    """Each distinct word's subword tokens, as `tokenizer.tokenize(word)` gives them, in one
    batch call (NERModel calls tokenize once per word of every sentence: ~7x more calls)."""
    words = list({w for s in sentences for w in s.tokens})
    if not words:
        return {}
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:  # the Rust tokenizer that `tokenize` calls, without the wrapping
        return {w: e.tokens for w, e in zip(words, backend.encode_batch(words, add_special_tokens=False))}
    encoded = tokenizer(words, add_special_tokens=False)
    return {w: encoded.tokens(i) for i, w in enumerate(words)}


def subword_lengths(tokenizer, sentences: Sequence[Sentence], model_type: str,
                    pieces: dict[str, list[str]] | None = None) -> list[int]:
    """Length of each sentence's features, special tokens included."""
    pieces = pieces if pieces is not None else word_pieces(tokenizer, sentences)
    # A word that tokenizes to nothing becomes one unknown token in NERModel's features.
    per_word = {w: max(len(p), 1) for w, p in pieces.items()}
    extra = special_tokens(model_type)
    return [sum(per_word[w] for w in s.tokens) + extra for s in sentences]


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
