"""Removing a run and stopping one that another process trains: `runs rm`, and the terminal UI's
delete and cancel. A running run is only ever stopped, never removed under its process."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

from tsa_registry.training.runs import Run, RunError, delete_run


def is_running(run: Run) -> bool:
    return run.effective_status()[0] == "running"


def remove_run(run: Run, root: Path | None = None) -> None:
    """Delete the run's folder and the links to it in the runs folder; RunError for a running run."""
    if is_running(run):
        raise RunError(f"run {run.name} is running: cancel it first (x in the terminal UI's Runs view), "
                       "then remove it")
    try:
        run.lock()  # a run that a process is resuming right now is left alone
    except RunError:
        raise RunError(f"run {run.name} is being trained right now: cancel it first") from None
    try:
        delete_run(run, root)
    finally:
        run.release()


def stop_run(run: Run) -> None:
    """Ask the process that trains a run on this machine to stop (SIGTERM: it marks the run
    cancelled and can be resumed); RunError when the run is not running here."""
    data = run.status()
    if not is_running(run):
        raise RunError(f"run {run.name} is not running")
    pid, host = data.get("pid"), data.get("host")
    if host != socket.gethostname() or not isinstance(pid, int):
        raise RunError(f"run {run.name} runs on {host or 'another machine'}: stop it there")
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass  # it ended meanwhile
    except PermissionError:
        raise RunError(f"run {run.name} belongs to another user's process ({pid})") from None
