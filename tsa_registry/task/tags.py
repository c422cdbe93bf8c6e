"""The NoReC_tsa tag set: which tags are valid, their fixed order, the one span reader, BIO repair.

Tags are `O` or `B-`/`I-` + `targ-` + polarity (`Positive`, `Negative`), optionally followed by
an intensity `-1`, `-2` or `-3`. A file uses one scheme throughout: with intensity or without.

Spans are read one way everywhere (the metric, BIO repair, prediction output), the way
NorBench's evaluator and seqeval's default mode read them: a B- tag, or an I- tag that does not
continue a span of the same type (after O, at the sentence start, or after another type), starts
a span; O ends one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

POLARITIES = ("Positive", "Negative")
INTENSITIES = ("1", "2", "3")

PLAIN_TAGS = frozenset(
    ["O"] + [f"{p}-targ-{pol}" for p in "BI" for pol in POLARITIES]
)
INTENSITY_TAGS = frozenset(
    ["O"] + [f"{p}-targ-{pol}-{i}" for p in "BI" for pol in POLARITIES for i in INTENSITIES]
)
ALL_TAGS = PLAIN_TAGS | INTENSITY_TAGS


def label_order(labels: Iterable[str]) -> list[str]:
    """Labels in a fixed order: `O` first, then grouped by type with B before I.

    This is the order NorBench sorts its label list in, so label ids match across runs
    whatever order the tags first appear in the data.
    """
    return sorted(set(labels), key=lambda name: (name[1:], name[0]))


# The labels of NoReC_tsa without intensity, in label order: what a model for the task predicts.
LABELS = label_order(PLAIN_TAGS)


def has_intensity(tag: str) -> bool:
    """True for a tag of the intensity scheme (`B-targ-Positive-2`)."""
    return tag[-1:] in INTENSITIES


def polarity_name(span_type: str) -> str:
    """Short name of a span type for reports: `targ-Positive-2` -> `Positive-2`."""
    return span_type.removeprefix("targ-")


@dataclasses.dataclass(frozen=True, slots=True)
class Span:
    start: int  # first token
    end: int  # one past the last token
    type: str  # e.g. "targ-Positive"


def spans(tags: Sequence[str]) -> list[Span]:
    """The spans of a tag sequence, read as the module docstring says."""
    found = []
    start, kind = 0, None
    for i, tag in enumerate(tags):
        if tag == "O":
            if kind is not None:
                found.append(Span(start, i, kind))
                kind = None
        elif kind is None:
            start, kind = i, tag[2:]
        elif tag[0] == "B" or tag[2:] != kind:
            found.append(Span(start, i, kind))
            start, kind = i, tag[2:]
    if kind is not None:
        found.append(Span(start, len(tags), kind))
    return found


def invalid_bio_positions(tags: Sequence[str]) -> list[int]:
    """Indices of I- tags that start a span (they continue none of the same type)."""
    return [span.start for span in spans(tags) if tags[span.start][0] == "I"]


def repair_bio(tags: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """Turn each I- tag that starts a span into B-; return the tags and how many changed.

    The spans stay what NorBench's evaluator reads, so scores do not change; the model just
    never learns from tag sequences that are not valid BIO.
    """
    positions = invalid_bio_positions(tags)
    if not positions:
        return tuple(tags), 0
    repaired = list(tags)
    for i in positions:
        repaired[i] = "B" + repaired[i][1:]
    return tuple(repaired), len(positions)
