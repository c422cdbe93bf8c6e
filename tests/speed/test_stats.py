"""The statistics of a measurement: percentiles, warm-up left out, sentences with NoReC_tsa's
lengths, and batches sorted by length and padded per batch. No assertion on a time."""

from __future__ import annotations

import random

import numpy
import pytest

from tsa_registry.speed import stats
from tsa_registry.speed.sentences import WORD_PERCENTILES, builtin_sentences, word_lengths


@pytest.mark.parametrize("values", [[3.0], [1.0, 2.0], [5, 1, 4, 2, 3], [0.1] * 7 + [9.0],
                                    [random.Random(n).expovariate(1) for n in range(101)],
                                    [random.Random(7).gauss(30, 5) for _ in range(1000)]])
@pytest.mark.parametrize("q", [0, 1, 50, 90, 99, 100])
def test_percentile_equals_numpy(values, q):
    assert stats.percentile(values, q) == pytest.approx(float(numpy.percentile(values, q)), rel=1e-12)


def test_percentile_refuses_nonsense():
    with pytest.raises(ValueError):
        stats.percentile([], 50)
    with pytest.raises(ValueError):
        stats.percentile([1.0], 101)


class FakeClock:
    """A clock that advances by the number of the call being timed: call i takes i "seconds"."""

    def __init__(self) -> None:
        self.now = 0.0
        self.calls: list[int] = []

    def __call__(self) -> float:
        return self.now

    def work(self, item: int) -> None:
        self.calls.append(item)
        self.now += item


def test_timed_leaves_out_the_warmup_calls():
    clock = FakeClock()
    synced = []
    steps = []
    durations = stats.timed(clock.work, [10, 20, 30], warmup=5, clock=clock,
                            sync=lambda: synced.append(len(clock.calls)), step=steps.append)
    # Warm-up goes round the items (10, 20, 30, 10, 20); only the three counted calls are timed.
    assert clock.calls == [10, 20, 30, 10, 20, 10, 20, 30]
    assert durations == [10, 20, 30]
    assert steps == [1, 2, 3]
    assert synced == [5, 6, 7, 8]  # after the warm-up, then after each counted call
    assert stats.timed(clock.work, [], warmup=3, clock=clock) == []


def test_builtin_sentences_follow_norec_lengths():
    lengths = word_lengths(400)
    assert len(lengths) == 400 and min(lengths) >= 1 and max(lengths) <= WORD_PERCENTILES[-1][1]
    assert abs(stats.percentile(lengths, 50) - 15) <= 1
    assert abs(stats.percentile(lengths, 90) - 32) <= 1
    sentences = builtin_sentences(200)
    assert sorted(len(s.tokens) for s in sentences) == sorted(word_lengths(200))
    assert [len(s.tokens) for s in sentences] != sorted(len(s.tokens) for s in sentences)  # shuffled
    assert builtin_sentences(200) == sentences  # the same every time
    words = {w for s in sentences for w in s.tokens}
    assert {"filmen", "var"} & words and all(s.tokens[-1] == "." for s in sentences if len(s.tokens) > 1)


def test_peak_rss_sees_memory_held_inside_and_freed():
    from tsa_registry.speed.memory import PeakRss, rss_bytes

    before = rss_bytes()
    with PeakRss() as peak:
        block = bytearray(64 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])  # touch every page
        del block
    assert before is not None and peak.bytes is not None
    assert peak.bytes - before >= 48 * 1024 * 1024
    assert rss_bytes() < peak.bytes
