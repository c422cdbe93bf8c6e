"""The CPU cores a process may use, and how many threads PyTorch should start on them."""

from __future__ import annotations

import os
from collections.abc import Mapping


def cores() -> int:
    """The cores this process may use (its affinity, which Slurm and taskset narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def thread_env(cpus: int, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Environment that holds a child process to `cpus` threads. PyTorch otherwise starts one
    thread per core, and processes that share the cores (runs side by side without CPU binding)
    then slow each other down many times over. A thread count the user set is kept."""
    return {name: str(max(1, cpus)) for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS") if name not in environ}
