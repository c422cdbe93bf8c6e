"""The sentences a model is timed on: the user's CoNLL file, or built-in Norwegian sentences
whose lengths in words follow NoReC_tsa's.

The built-in ones are made from the project's own template sentences (check/norwegian.py), cut or
joined to lengths drawn evenly over the distribution of NoReC_tsa train's sentence lengths,
kept here as numbers only (percentiles of words a sentence). The model's own tokenizer then
decides how many subwords each becomes.
"""

from __future__ import annotations

import random
from pathlib import Path

from tsa_registry.task.conll import Sentence

# Percentile -> words a sentence in NoReC_tsa train (8,634 sentences, mean 16.7, longest 103).
WORD_PERCENTILES = (
    (0, 1), (5, 2), (10, 3), (15, 4), (20, 6), (25, 7), (30, 9), (35, 11), (40, 12), (45, 14),
    (50, 15), (55, 16), (60, 18), (65, 20), (70, 21), (75, 23), (80, 26), (85, 28), (90, 32),
    (95, 39), (97.5, 45), (99, 53), (100, 103),
)
BUILT_IN = "built-in"


def word_lengths(n: int) -> list[int]:
    """`n` sentence lengths in words, spread evenly over NoReC_tsa's distribution."""
    lengths = []
    for i in range(n):
        q = (i + 0.5) * 100 / n
        for (q0, w0), (q1, w1) in zip(WORD_PERCENTILES, WORD_PERCENTILES[1:]):
            if q <= q1:
                lengths.append(max(1, round(w0 + (w1 - w0) * (q - q0) / (q1 - q0))))
                break
    return lengths


def builtin_sentences(n: int = 200, *, seed: int = 0) -> list[Sentence]:
    """`n` Norwegian sentences (Bokmål and Nynorsk) with NoReC_tsa's lengths, in a fixed shuffled
    order (so that latency is not timed from the shortest to the longest)."""
    from tsa_registry.task.norwegian import tagged_sentences

    pool = [words[:-1] if words[-1] in ".?!" else words for words, _ in tagged_sentences(400, seed=seed)]
    lengths = word_lengths(n)
    random.Random(seed).shuffle(lengths)
    sentences, at = [], 0
    for i, length in enumerate(lengths):
        words: list[str] = []
        while len(words) < length:
            if words:
                words.append(",")
            words += pool[at % len(pool)]
            at += 1
        words = words[:length - 1] + ["."] if length > 1 else words[:1]
        sentences.append(Sentence(f"built-in-{i + 1}", tuple(words), ("O",) * len(words)))
    return sentences


def read_sentences(path: Path, limit: int | None = None) -> list[Sentence]:
    """The sentences of a CoNLL file (tags, if any, are ignored); the first `limit` of them.
    DataError names the file and line of anything malformed."""
    from tsa_registry.task.conll import DataError, read_conll

    sentences = read_conll(path, labelled=False, repair=False).sentences
    if not sentences:
        raise DataError(path, None, "holds no sentences to time")
    return sentences[:limit] if limit else sentences
