"""A real single-node Slurm for the tests (scripts/slurm/start), shared by pytest-xdist workers.

Any worker that needs it calls the start script, which is idempotent and takes a lock, so
workers may all call it. A Slurm this session started is stopped at its end by the controller
(`stop_if_started`); one that was already up (CI starts it first) is left alone. Slurm that
cannot be set up fails the test: the Slurm tests never skip.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "slurm"
STATE = Path(os.environ.get("TSA_SLURM_DIR", "/tmp/tsa-slurm"))  # fixed: never under pytest's tmp_path
MARKER = Path("/run/tsa-slurm.started-by-pytest")


def slurm_up() -> bool:
    """`scontrol ping` first: sinfo retries for seconds when slurmctld is down."""
    try:
        ping = subprocess.run(["scontrol", "ping"], capture_output=True, text=True, timeout=10)
        if "is UP" not in ping.stdout:
            return False
        state = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return state.stdout.split()[:1] in (["idle"], ["mixed"], ["allocated"])


@pytest.fixture(scope="session")
def slurm_cluster() -> None:
    if slurm_up():
        return
    if os.geteuid() != 0:
        pytest.fail("Slurm is not running, and only root can set it up: run `sudo scripts/slurm/start`")
    started = subprocess.run([str(SCRIPTS / "start"), str(STATE)], capture_output=True, text=True, timeout=300)
    if started.returncode != 0:
        pytest.fail(f"scripts/slurm/start failed ({started.returncode}):\n{started.stdout}\n{started.stderr}")
    if not MARKER.exists():
        MARKER.write_text(f"{os.getpid()}\n")


def stop_if_started(session: pytest.Session) -> None:
    """From pytest_sessionfinish: the controller stops a Slurm that a test started."""
    if hasattr(session.config, "workerinput") or not MARKER.exists():
        return
    subprocess.run([str(SCRIPTS / "stop")], timeout=300, check=False)
    MARKER.unlink(missing_ok=True)


def wait_until(check: Callable[[], object], timeout: float, what: str, every: float = 0.3) -> object:
    """check()'s first true value; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
