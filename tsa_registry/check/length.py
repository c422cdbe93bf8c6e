"""Sentence length in subwords against the model's maximum and a chosen max_seq_length.

Simpletransformers cuts every sentence to max_seq_length subwords and silently drops the words
beyond it from evaluation and prediction output, so a cut sentence changes real scores.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from tsa_registry.check.findings import Finding, ok, warning

# RoBERTa-style position ids start after the padding index: 514 positions hold 512 tokens.
OFFSET_POSITIONS = {"roberta", "xlm-roberta", "camembert", "xlm-roberta-xl", "data2vec-text", "longformer"}
DEFAULT_MAX_SEQ_LENGTH = 128  # Simpletransformers' default


def max_positions(config: Mapping[str, Any], tokenizer_max: int | None) -> int | None:
    positions = next((config[k] for k in ("max_position_embeddings", "n_positions", "max_position")
                      if isinstance(config.get(k), int)), None)
    if positions and config.get("model_type") in OFFSET_POSITIONS:
        positions -= int(config.get("pad_token_id") or 1) + 1
    known = [n for n in (positions, tokenizer_max) if n]
    return min(known) if known else None


def suggest_max_seq_length(longest: int, limit: int | None) -> int:
    """The longest sentence rounded up to a multiple of 8, within the model's limit."""
    wanted = 8 * math.ceil(longest / 8)
    return min(wanted, limit) if limit else wanted


def length_findings(lengths: list[int], *, limit: int | None,
                    max_seq_length: int) -> tuple[dict[str, Any], list[Finding]]:
    """`lengths` are subwords per sentence of the user's data, special tokens included
    (`training.lengths.subword_lengths`)."""
    full = lengths
    longest = max(full)
    cut = sum(1 for n in full if n > max_seq_length)
    suggested = suggest_max_seq_length(longest, limit)
    info = {"max_positions": limit, "longest_sentence": longest, "sentences": len(full),
            "max_seq_length": max_seq_length, "cut": cut, "suggested_max_seq_length": suggested}
    found: list[Finding] = []
    if limit and longest > limit:
        over = sum(1 for n in full if n > limit)
        found.append(warning("length.over-model-limit", f"{over} sentences are longer than the model's "
                             f"maximum of {limit} subwords (longest: {longest}).",
                             "Split long sentences; the model cannot see past its maximum."))
    if cut:
        found.append(warning("length.cut", f"max_seq_length {max_seq_length} cuts {cut} of {len(full)} "
                             f"sentences (longest: {longest} subwords); Simpletransformers silently drops "
                             "the words beyond it from evaluation and prediction.",
                             f"Use max_seq_length {suggested} (in the suggested settings)."))
    else:
        found.append(ok("length.fits", f"All {len(full)} sentences fit max_seq_length {max_seq_length} "
                        f"(longest: {longest} subwords)."))
    return info, found
