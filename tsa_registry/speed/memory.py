"""Memory: the most resident memory (RSS) the process held while a model was timed.

No thread samples the RSS while timing: on a small machine such a thread takes the interpreter
lock and a core from the model and slows it measurably. Linux keeps the peak itself (VmHWM in
/proc/self/status), and writing "5" to /proc/self/clear_refs sets it back to the current RSS, so
the peak of the timing alone is read after it. Elsewhere the process's lifetime peak
(`ru_maxrss`) is all there is, which loading the model may already have set.
"""

from __future__ import annotations

import sys

MIB = 1024 * 1024


def rss_bytes() -> int | None:
    """The process's resident memory now, or None where it cannot be read."""
    return _status("VmRSS:") if sys.platform.startswith("linux") else _psutil_rss()


def _status(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    return None


def _psutil_rss() -> int | None:
    try:
        import psutil

        return int(psutil.Process().memory_info().rss)
    except (ImportError, OSError):
        return None


def _lifetime_peak() -> int | None:
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except (ImportError, OSError):
        return None
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, kB elsewhere


class PeakRss:
    """`with PeakRss() as peak:` ... `peak.bytes` is the most RSS held inside (None: unknown)."""

    def __init__(self) -> None:
        self.bytes: int | None = None
        self.reset = False

    def __enter__(self) -> PeakRss:
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
                clear.write("5")
            self.reset = True
        except OSError:
            self.reset = False
        return self

    def __exit__(self, *exc) -> None:
        self.bytes = _status("VmHWM:") if self.reset else _lifetime_peak()


def weights_bytes(network) -> int:
    """Bytes of a network's parameters and buffers."""
    tensors = [*network.parameters(), *network.buffers()]
    return sum(t.numel() * t.element_size() for t in tensors)


def mib(value: int | None) -> float | None:
    return None if value is None else round(value / MIB, 1)
