"""Sentence length in subwords as NERModel counts it, the positions a model can use, and the one
choice of max_seq_length.

NERModel tokenizes word by word and silently cuts what does not fit max_seq_length; evaluation
and prediction then drop the words that were cut. Measuring first lets a run choose a length that
fits the data and report, before training, any sentence that still does not fit.

One rule each, for every command: `check --data`, `check --deep`, `train`, `evaluate` and
`predict` count with `subword_lengths`, take the model's limit from `usable_positions`, and
choose with `choose_max_seq_length`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tsa_registry.task.conll import Sentence

# NERModel adds [CLS] and [SEP], and a second separator for these Simpletransformers model types
# (its MODELS_WITH_EXTRA_SEP_TOKEN, whatever the tokenizer's own template adds). A copy, so that
# `check` need not import simpletransformers; a test compares it with the original.
EXTRA_SEP_TYPES = frozenset({"roberta", "camembert", "xlmroberta", "longformer", "mpnet"})
# config.json model_types (of token-classification models) whose position ids start after the
# padding index (transformers' `create_position_ids_from_input_ids`): 514 positions hold 512
# tokens. A test compares this with transformers' own modelling code.
OFFSET_POSITION_TYPES = frozenset({
    "camembert", "data2vec-text", "esm", "ibert", "layoutlmv3", "lilt", "longformer", "luke",
    "markuplm", "mpnet", "roberta", "roberta-prelayernorm", "xlm-roberta", "xlm-roberta-xl", "xmod",
})
# max_seq_length without data to measure (a `check` without --data): NERArgs' own default.
WITHOUT_DATA = 128
# The shortest max_seq_length worth asking for: [CLS], one word, [SEP] and the RoBERTa family's
# second separator.
MIN_MAX_SEQ_LENGTH = 4
_POSITION_KEYS = ("max_position_embeddings", "n_positions", "max_position")


def special_tokens(model_type: str | None) -> int:
    """The special tokens NERModel adds to each sentence for a Simpletransformers model_type."""
    return 3 if model_type in EXTRA_SEP_TYPES else 2


def word_pieces(tokenizer: Any, words: Iterable[str]) -> dict[str, list[str]]:
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


def _plain_backend(tokenizer: Any) -> Any:
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
        max_length=None, stride=0, pad_to_multiple_of=None, padding_side=None)  # type: ignore[arg-type]  # as `tokenize` calls it
    backend = tokenizer.backend_tokenizer
    backend.encode_special_tokens = tokenizer.split_special_tokens
    return backend


def subword_lengths(tokenizer: Any, sentences: Sequence[Sequence[str]], model_type: str | None,
                    pieces: dict[str, list[str]] | None = None) -> list[int]:
    """Length of each sentence's features (a sentence is its words), special tokens included;
    `model_type` is the Simpletransformers one."""
    if pieces is None:
        pieces = word_pieces(tokenizer, (w for s in sentences for w in s))
    # A word that tokenizes to nothing becomes the unknown token's pieces in NERModel's features.
    empty = len(tokenizer.tokenize(tokenizer.unk_token)) if not all(pieces.values()) else 0
    per_word = {w: len(p) or empty for w, p in pieces.items()}
    extra = special_tokens(model_type)
    return [sum(per_word[w] for w in s) + extra for s in sentences]


def usable_positions(config: Mapping[str, Any], tokenizer_max: int | None = None) -> int | None:
    """How many tokens the model can take: its position embeddings (less the offset of the
    RoBERTa family's), and no more than its tokenizer's model_max_length; None when neither says.

    `config` is config.json as a dict; a tokenizer without a limit has a huge model_max_length,
    which counts as none."""
    positions = next((config[k] for k in _POSITION_KEYS
                      if isinstance(config.get(k), int) and config[k] > 0), None)
    if positions and config.get("model_type") in OFFSET_POSITION_TYPES:
        pad = config.get("pad_token_id")
        positions -= (pad if isinstance(pad, int) else 1) + 1
    if tokenizer_max is not None and not 0 < tokenizer_max < 1_000_000:
        tokenizer_max = None
    known = [n for n in (positions, tokenizer_max) if n]
    return min(known) if known else None


def choose_max_seq_length(lengths: Sequence[int] | None, requested: int | None, limit: int | None) -> int:
    """The max_seq_length a run uses: the one asked for; else the longest sentence of the data
    (`lengths`, from `subword_lengths`); else, without data, NERArgs' default. Never more than
    the model's usable positions (`limit`)."""
    length = requested or (max(lengths, default=WITHOUT_DATA) if lengths is not None else WITHOUT_DATA)
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
