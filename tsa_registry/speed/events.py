"""Progress of a measurement, as typed events through a callback (a CLI bar, later the TUI's)."""

from __future__ import annotations

from collections.abc import Callable

import msgspec


class Progress(msgspec.Struct, frozen=True):
    model: str  # as given
    stage: str  # "loading", "latency", "throughput", "end to end", "int8", "scoring"
    done: int = 0
    total: int = 0  # 0: no count to show
    detail: str = ""  # e.g. "2 threads", "batch 32"


OnProgress = Callable[[Progress], None]


def ignore(event: Progress) -> None:
    return None
