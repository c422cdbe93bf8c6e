"""Strict span F1 for targeted sentiment, computed exactly as NorBench's TSA evaluator does.

NorBench (ltgoslo/norbench, evaluation_scripts/tsa_utils.py) scores with its copy of Batista's
NER-Evaluation code. What that means, all of it reproduced here:

- Spans: read by `tags.spans`: a B- tag, or an I- tag that does not continue a span of the
  same type, starts a span; O ends one. Invalid BIO is thus read the way seqeval's default mode
  reads it, not rejected as in its strict IOB2 mode.
- Only span types that occur in the gold data count; predicted spans of other types are dropped.
- Each predicted span is *correct* (same extent and type as a gold span), *incorrect* (same
  extent but another type, or overlapping a gold span: the first such gold span in order), or
  *spurious*. Gold spans that no predicted span matched or overlapped are *missed*.
  "Overlapping" is tested on ranges that leave out each span's last token, as that code does.
- precision = correct / (correct + incorrect + spurious),
  recall = correct / (correct + incorrect + missed), summed over all sentences first.

Target-only scores are the same evaluator's `exact` scheme: a span with the right extent counts
as correct whatever its polarity.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence

from tsa_registry.task.tags import Span, polarity_name, spans


@dataclasses.dataclass
class Counts:
    correct: int = 0
    incorrect: int = 0
    missed: int = 0
    spurious: int = 0

    @property
    def precision(self) -> float:
        actual = self.correct + self.incorrect + self.spurious
        return self.correct / actual if actual else 0.0

    @property
    def recall(self) -> float:
        possible = self.correct + self.incorrect + self.missed
        return self.correct / possible if possible else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.correct += other.correct
        self.incorrect += other.incorrect
        self.missed += other.missed
        self.spurious += other.spurious

    def to_dict(self) -> dict:
        return {"f1": self.f1, "precision": self.precision, "recall": self.recall,
                **dataclasses.asdict(self)}


@dataclasses.dataclass
class Scores:
    strict: Counts
    target_only: Counts
    per_polarity: dict[str, Counts]
    confusion: dict[str, dict[str, int]]  # gold polarity -> predicted polarity -> count
    gold_spans: int
    predicted_spans: int
    sentences: int

    @property
    def f1(self) -> float:
        return self.strict.f1

    def to_dict(self) -> dict:
        """The JSON shape of `evaluate --json` and `score --json` (see docs/training.md)."""
        strict = self.strict.to_dict()
        return {
            "f1": strict["f1"], "precision": strict["precision"], "recall": strict["recall"],
            "counts": {k: strict[k] for k in ("correct", "incorrect", "missed", "spurious")},
            "per_polarity": {k: v.to_dict() for k, v in self.per_polarity.items()},
            "target_only": self.target_only.to_dict(),
            "polarity_confusion": self.confusion,
            "gold_spans": self.gold_spans,
            "predicted_spans": self.predicted_spans,
            "sentences": self.sentences,
        }


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Scores:
    """Score predicted tag sequences against gold ones, sentence by sentence.

    Both must hold the same number of sentences with the same number of tags each; a
    mismatch raises ValueError naming the sentence (0-based index).
    """
    gold, predicted = list(gold), list(predicted)
    if len(gold) != len(predicted):
        raise ValueError(f"{len(predicted)} predicted sentences for {len(gold)} gold sentences")
    types = sorted({t[2:] for tags in gold for t in tags if t != "O"})
    gold_spans: list[list[Span]] = []
    pred_spans: list[list[Span]] = []
    for i, (gold_tags, pred_tags) in enumerate(zip(gold, predicted)):
        if len(gold_tags) != len(pred_tags):
            raise ValueError(f"sentence {i}: {len(pred_tags)} predicted tags for {len(gold_tags)} gold tags")
        gold_spans.append([s for s in spans(gold_tags) if s.type in types])
        pred_spans.append([s for s in spans(pred_tags) if s.type in types])

    strict, exact = Counts(), Counts()
    confusion: Counter[tuple[str, str]] = Counter()
    per_type = {t: Counts() for t in types}
    for g, p in zip(gold_spans, pred_spans):
        s, e = _match(g, p, confusion)
        strict.add(s)
        exact.add(e)
        for t in types:
            per_type[t].add(_match([x for x in g if x.type == t], [x for x in p if x.type == t])[0])
    names = {t: polarity_name(t) for t in types}
    return Scores(
        strict=strict,
        target_only=exact,
        per_polarity={names[t]: per_type[t] for t in types},
        confusion={names[a]: {names[b]: confusion[a, b] for b in types} for a in types},
        gold_spans=sum(map(len, gold_spans)),
        predicted_spans=sum(map(len, pred_spans)),
        sentences=len(gold),
    )


def _match(gold: list[Span], pred: list[Span],
           confusion: Counter | None = None) -> tuple[Counts, Counts]:
    """NorBench's per-sentence scenarios, for the strict and the exact (target-only) scheme."""
    strict, exact = Counts(), Counts()
    matched: list[Span] = []
    for p in pred:
        if p in gold:
            strict.correct += 1
            exact.correct += 1
            matched.append(p)
            if confusion is not None:
                confusion[p.type, p.type] += 1
            continue
        for g in gold:
            if g.start == p.start and g.end == p.end:  # right extent, wrong polarity
                strict.incorrect += 1
                exact.correct += 1
                matched.append(g)
                if confusion is not None:
                    confusion[g.type, p.type] += 1
                break
            if max(g.start, p.start) < min(g.end, p.end) - 1:  # overlap, last tokens left out
                strict.incorrect += 1
                exact.incorrect += 1
                matched.append(g)
                break
        else:
            strict.spurious += 1
            exact.spurious += 1
    missed = sum(1 for g in gold if g not in matched)
    strict.missed += missed
    exact.missed += missed
    return strict, exact
