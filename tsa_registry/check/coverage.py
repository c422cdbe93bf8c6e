"""How well a tokenizer covers Norwegian: subwords per word, unknown words, sentence lengths.

Each word is tokenized on its own, as Simpletransformers NER does (`task.lengths.word_pieces`:
the same pieces, in one batch call); a word that yields no token is replaced by the unknown token
there, so it counts as unknown here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tsa_registry.check.findings import Finding, ok, warning
from tsa_registry.check.report import CoverageSection
from tsa_registry.task.lengths import word_pieces

FERTILITY_WARNING = 2.0  # subwords per word above which the vocabulary fits Norwegian poorly
UNKNOWN_WARNING = 0.005  # share of words containing an unknown token


@dataclass
class Coverage:
    sentences: int
    words: int
    subwords: int
    unknown_words: int
    examples_unknown: list[str]
    pieces: dict[str, list[str]] = field(repr=False)  # each distinct word's subwords

    @property
    def subwords_per_word(self) -> float:
        return self.subwords / self.words if self.words else 0.0

    @property
    def unknown_rate(self) -> float:
        return self.unknown_words / self.words if self.words else 0.0

    def section(self) -> CoverageSection:
        return CoverageSection(sentences=self.sentences, words=self.words,
                               subwords_per_word=round(self.subwords_per_word, 3),
                               unknown_rate=round(self.unknown_rate, 5), unknown_examples=self.examples_unknown)


def measure(tokenizer: Any, sentences: list[list[str]]) -> Coverage:
    counts = Counter(word for sentence in sentences for word in sentence)
    pieces = word_pieces(tokenizer, counts)
    unk = tokenizer.unk_token
    unknown = {w for w, tokens in pieces.items() if not tokens or (unk is not None and unk in tokens)}
    return Coverage(
        sentences=len(sentences),
        words=sum(counts.values()),
        subwords=sum((len(pieces[w]) or 1) * n for w, n in counts.items()),
        unknown_words=sum(counts[w] for w in unknown),
        examples_unknown=sorted(unknown, key=lambda w: -counts[w])[:5],
        pieces=pieces,
    )


def coverage_findings(name: str, coverage: Coverage) -> list[Finding]:
    rate, fertility = coverage.unknown_rate, coverage.subwords_per_word
    found = []
    if rate > UNKNOWN_WARNING:
        found.append(warning(
            "coverage.unknown", f"{name}: {rate:.1%} of words contain an unknown token "
            f"(e.g. {', '.join(coverage.examples_unknown[:3])}): the model cannot see them.",
            "Check casing settings (do_lower_case) or prefer a model with a Norwegian vocabulary."))
    if fertility > FERTILITY_WARNING:
        found.append(warning(
            "coverage.fertility", f"{name}: {fertility:.2f} subwords per word: the vocabulary splits "
            "Norwegian words into many pieces (longer sequences, usually lower accuracy).",
            "Prefer a model trained on Norwegian."))
    if not found:
        found.append(ok("coverage.ok", f"{name}: {fertility:.2f} subwords per word, "
                        f"{rate:.1%} of words unknown."))
    return found
