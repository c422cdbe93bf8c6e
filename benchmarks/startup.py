"""Median wall time of `tsa-registry --help` and `tsa-registry list` (target: under 0.3 s each).

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = (["--help"], ["list"], ["list", "--json"])


def executable() -> str:
    beside = Path(sys.executable).with_name("tsa-registry")
    return str(beside) if beside.exists() else shutil.which("tsa-registry") or "tsa-registry"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TSA_REGISTRY_HOME": home}
        print(f"{'command':<28} {'median':>8} {'min':>8}  ({runs} runs, target < 0.300 s)")
        for args in COMMANDS:
            subprocess.run([executable(), *args], env=env, stdout=subprocess.DEVNULL, check=True)  # warm the cache
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run([executable(), *args], env=env, stdout=subprocess.DEVNULL, check=True)
                times.append(time.perf_counter() - start)
            label = "tsa-registry " + " ".join(args)
            print(f"{label:<28} {statistics.median(times):>7.3f}s {min(times):>7.3f}s")


if __name__ == "__main__":
    main()
