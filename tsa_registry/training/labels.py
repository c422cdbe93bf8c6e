"""The NoReC_tsa tag set: which tags are valid, their fixed order, and BIO repair.

Tags are `O` or `B-`/`I-` + `targ-` + polarity (`Positive`, `Negative`), optionally followed by
an intensity `-1`, `-2` or `-3`. A file uses one scheme throughout: with intensity or without.
"""

from __future__ import annotations

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


def has_intensity(tag: str) -> bool:
    """True for a tag of the intensity scheme (`B-targ-Positive-2`)."""
    return tag[-1:] in INTENSITIES


def span_type(tag: str) -> str:
    """The type a B-/I- tag marks, without its prefix: `targ-Positive` or `targ-Positive-2`."""
    return tag[2:]


def polarity_name(span_type_: str) -> str:
    """Short name of a span type for reports: `targ-Positive-2` -> `Positive-2`."""
    return span_type_.removeprefix("targ-")


def label_order(labels: Iterable[str]) -> list[str]:
    """Labels in a fixed order: `O` first, then grouped by type with B before I.

    This is the order NorBench sorts its label list in, so label ids match across runs
    whatever order the tags first appear in the data.
    """
    return sorted(set(labels), key=lambda name: (name[1:], name[0]))


def invalid_bio_positions(tags: Sequence[str]) -> list[int]:
    """Indices of I- tags that do not continue a span of the same type.

    An I- tag after O, at the start of a sentence, or after a tag of another type (another
    polarity, or another intensity) is read by NorBench and seqeval as the start of a new span.
    """
    positions = []
    previous = "O"
    for i, tag in enumerate(tags):
        if tag[0] == "I" and (previous == "O" or previous[2:] != tag[2:]):
            positions.append(i)
        previous = tag
    return positions


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
