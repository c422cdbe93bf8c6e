"""Timing and its statistics: percentiles, warm-up left out, sentences per second.

The first calls of a model are slow for reasons that say nothing of its speed (memory being
allocated, kernels chosen, caches filled), so each timing starts with warm-up calls that are
not counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated linearly between the closest ranks: numpy's
    default method (the tests compare), without importing numpy."""
    if not values:
        raise ValueError("no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def timed(call: Callable[[T], Any], items: Sequence[T], *, warmup: int,
          clock: Callable[[], float] = time.perf_counter, sync: Callable[[], None] | None = None,
          step: Callable[[int], None] | None = None) -> list[float]:
    """Seconds each `call(item)` took, in the order of `items`, after `warmup` calls (on the
    first items, again and again if there are fewer) that are not counted. `sync` waits for
    queued work (CUDA) before the clock is read; `step(i)` hears each counted call."""
    if not items:
        return []
    for i in range(warmup):
        call(items[i % len(items)])
    if sync:
        sync()
    durations = []
    for i, item in enumerate(items):
        started = clock()
        call(item)
        if sync:
            sync()
        durations.append(clock() - started)
        if step:
            step(i + 1)
    return durations


def per_second(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")
