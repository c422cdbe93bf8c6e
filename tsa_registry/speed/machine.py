"""What "this machine" is for kept measurements: the CPU model, the cores, the library versions.

Read without importing torch or transformers (their versions come from the installed
packages' metadata), so that `list` and `show` can find this machine's measurements quickly.
"""

from __future__ import annotations

import platform
from functools import lru_cache


@lru_cache(maxsize=1)
def cpu_model() -> str:
    """The CPU's model name ("AMD EPYC 7763 64-Core Processor"), as the system reports it."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            for line in info:
                if line.lower().startswith(("model name", "hardware", "cpu model")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


@lru_cache(maxsize=None)
def version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(package)
    except PackageNotFoundError:
        return "not installed"


def library_versions() -> tuple[str, str]:
    """(torch, transformers) as installed."""
    return version("torch"), version("transformers")
