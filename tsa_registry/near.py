""""Did you mean": the catalogue ids closest to one that was mistyped.

A catalogue id is typed whole (`ltg/norbert3-base`) or by its name alone (`norbert3-base`), in
any case; both count, through difflib's ratio (the measure click uses for commands and options).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.75  # below this a guess is more often wrong than right
MARGIN = 0.05  # ids this close to the best guess are offered with it


def near_ids(word: str, ids: Iterable[str], *, most: int = 3) -> list[str]:
    """The ids close to `word`, closest first: the best one and those almost as close."""
    ids = list(ids)
    if word in ids:
        return []
    typed = {word.lower(), word.lower().rpartition("/")[2]}
    scores: dict[str, float] = {}
    for name in ids:
        keys = {name.lower(), name.lower().rpartition("/")[2]}
        scores[name] = max(difflib.SequenceMatcher(None, a, b).ratio() for a in typed for b in keys)
    ranked = sorted((name for name in ids if scores[name] >= CUTOFF), key=lambda name: -scores[name])
    return [name for name in ranked if scores[name] >= scores[ranked[0]] - MARGIN][:most]


def did_you_mean(word: str, ids: Iterable[str]) -> str:
    """'Did you mean ltg/norbert3-base (in the catalogue)?', or '' when no id is close."""
    found = near_ids(word, ids)
    if not found:
        return ""
    return f"Did you mean {' or '.join(found)} (in the catalogue)?"
