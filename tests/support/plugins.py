"""Installing plugin distributions for tests, without touching the test environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def pip_install(target: Path, *distributions: Path) -> None:
    """Install distributions with pip into a folder of their own, which the tests put on
    PYTHONPATH: the test environment itself is left as it is."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), *map(str, distributions)],
        check=True,
    )
