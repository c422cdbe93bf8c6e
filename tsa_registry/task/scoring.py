"""Scoring files: gold CoNLL against predicted tags or a predictions file from any system."""

from __future__ import annotations

from pathlib import Path

from tsa_registry.task.conll import Corpus, DataError, read_conll, write_conll
from tsa_registry.task.metrics import Scores, score


def score_corpus(gold: Corpus, tags: list[list[str]], out: Path | None = None) -> Scores:
    """Scores of predicted tags for a gold corpus; the predictions written to `out` if given."""
    if out is not None:
        write_conll(out, [s.with_tags(t) for s, t in zip(gold.sentences, tags)])
    return score([s.tags for s in gold.sentences], tags)


def score_files(gold_path: Path, predicted_path: Path) -> Scores:
    """Scores of a predictions file against a gold file, sentence by sentence.

    Tags are read as written (no BIO repair): the metric reads invalid BIO the way NorBench does.
    The two files must hold the same sentences (same ids where both have them, same tokens).
    """
    gold = read_conll(gold_path, repair=False)
    predicted = read_conll(predicted_path, repair=False)
    _ensure_same_scheme(gold, predicted)
    if len(gold.sentences) != len(predicted.sentences):
        raise DataError(predicted.path, None, f"{len(predicted.sentences)} sentences, but the "
                        f"gold file {gold.path} has {len(gold.sentences)}")
    for g, p in zip(gold.sentences, predicted.sentences):
        if g.sent_id and p.sent_id and g.sent_id != p.sent_id:
            raise DataError(predicted.path, p.line, f"sentence {p.sent_id!r} where the gold file "
                            f"has {g.sent_id!r} (line {g.line}): the files are not aligned")
        if g.tokens != p.tokens:
            at = next((i for i, (a, b) in enumerate(zip(g.tokens, p.tokens)) if a != b),
                      min(len(g.tokens), len(p.tokens)))
            found = p.tokens[at] if at < len(p.tokens) else "the end of the sentence"
            wanted = g.tokens[at] if at < len(g.tokens) else "the end of the sentence"
            raise DataError(predicted.path, p.line + at, f"token {found!r} where the gold file "
                            f"has {wanted!r} (line {g.line + at}): the files are not aligned")
    return score([s.tags for s in gold.sentences], [s.tags for s in predicted.sentences])


def _ensure_same_scheme(gold: Corpus, predicted: Corpus) -> None:
    """Refuse tags with intensity on one side only: strict span F1 compares whole span types,
    so no target could match and F1 would be 0 without a word of why."""
    spans = [c for c in (gold, predicted) if any(tag != "O" for tag in c.first_line)]
    if len(spans) < 2 or gold.intensity == predicted.intensity:
        return
    tag = next(t for t in predicted.first_line if t != "O")
    has, lacks = ("with", "without") if predicted.intensity else ("without", "with")
    raise DataError(predicted.path, predicted.first_line[tag], (
        f"tag {tag}: the predictions use tags {has} intensity (-1, -2, -3) and the gold file "
        f"{gold.path} tags {lacks}; no target could match, so F1 would be 0. Score files of one "
        "scheme: a run trained with --intensity predicts intensity tags."))
