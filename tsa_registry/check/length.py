"""Length findings: the user's sentences, in subwords, against the model's usable positions and
max_seq_length (the rules themselves are in task/lengths.py, shared with `train`).

Simpletransformers cuts every sentence to max_seq_length subwords and silently drops the words
beyond it from evaluation and prediction output, so a cut sentence changes real scores.
"""

from __future__ import annotations

from tsa_registry.check.findings import Finding, ok, warning
from tsa_registry.check.report import LengthSection
from tsa_registry.formatting import counted
from tsa_registry.task.lengths import choose_max_seq_length


def length_findings(lengths: list[int], *, limit: int | None,
                    max_seq_length: int) -> tuple[LengthSection, list[Finding]]:
    """`lengths` are subwords per sentence of the user's data, special tokens included
    (`task.lengths.subword_lengths`)."""
    longest = max(lengths)
    cut = sum(1 for n in lengths if n > max_seq_length)
    suggested = choose_max_seq_length(lengths, None, limit)  # what `train` chooses by itself
    info = LengthSection(max_positions=limit, longest_sentence=longest, sentences=len(lengths),
                         max_seq_length=max_seq_length, cut=cut, suggested_max_seq_length=suggested)
    found: list[Finding] = []
    if limit and longest > limit:
        over = sum(1 for n in lengths if n > limit)
        found.append(warning("length.over-model-limit", f"Longer than the model's maximum of {limit} "
                             f"subwords: {counted(over, 'sentence')} (longest: {longest}).",
                             "Split long sentences; the model cannot see past its maximum."))
    sentences = counted(len(lengths), "sentence")
    if cut:
        found.append(warning("length.cut", f"max_seq_length {max_seq_length} cuts {cut} of {sentences} "
                             f"(longest: {longest} subwords); Simpletransformers silently drops "
                             "the words beyond it from evaluation and prediction.",
                             f"Use max_seq_length {suggested} (in the suggested settings)."))
    else:
        found.append(ok("length.fits", f"Every sentence fits max_seq_length {max_seq_length} "
                        f"({sentences}; longest: {longest} subwords)."))
    return info, found
