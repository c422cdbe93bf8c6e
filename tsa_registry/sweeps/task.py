"""One run of a sweep, as every executor runs it: the same training process as `train`.

A run folder that does not exist yet is made and trained from the start; one that exists and is
not complete goes on from its last saved epoch (`train --resume`); a complete one is left alone.
So a task started again, by `sweep resume`, by a requeue after preemption, or by Slurm after
`scontrol requeue`, never repeats a finished epoch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tsa_registry.cpus import thread_env
from tsa_registry.sweeps.folder import DONE, Sweep
from tsa_registry.training import events
from tsa_registry.training.runs import Run

if TYPE_CHECKING:
    from tsa_registry.training.process import TrainingProcess

OnEvent = Callable[[str, events.Event], None]


def run_task(sweep_path: str | Path, key: str, *, env: Mapping[str, str] | None = None,
             on_event: OnEvent | None = None, on_start: Callable[[TrainingProcess], None] | None = None) -> str:
    """Train run `key` of the sweep to its end; its final status (complete, failed, cancelled).
    `on_start` is handed the training process (to cancel it from another thread)."""
    from tsa_registry.training.process import resume_training, start_training

    sweep = Sweep(Path(sweep_path))
    request = sweep.plan().task(key).request
    folder = sweep.run_dir(key)
    if (folder / "args.json").exists():
        run = Run(folder)
        if run.status().get("status") == DONE:
            return DONE
        _forget_other_node(run)
        process = resume_training(run, trust_remote_code=request.trust_remote_code,
                                  allow_pickle=request.allow_pickle, env=env)
    else:
        process = start_training(request, folder, env=env, keep=True)
    if on_start:
        on_start(process)
    try:
        for event in process.events():
            if on_event:
                on_event(key, event)
    except BaseException:
        process.cancel()
        raise
    return str(process.run.status().get("status", "failed"))


class SlurmTask:
    """What a Slurm array task runs (submitit pickles it). `checkpoint` is submitit's hook on
    preemption or timeout: the same task again, which goes on from the run's saved epoch."""

    def __init__(self, sweep_path: str, key: str) -> None:
        self.sweep_path, self.key = sweep_path, key

    def __call__(self) -> str:
        status = run_task(self.sweep_path, self.key, env=slurm_threads())
        if status != DONE:
            run = Run(Sweep(Path(self.sweep_path)).run_dir(self.key))
            raise RuntimeError(f"run {self.key} {status}: {run.status().get('message', '')}")
        return status

    def checkpoint(self) -> object:
        import submitit

        return submitit.helpers.DelayedSubmission(SlurmTask(self.sweep_path, self.key))


def slurm_threads(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """thread_env for the CPUs Slurm allocated to the task (--cpus-per-task)."""
    cpus = environ.get("SLURM_CPUS_PER_TASK", "")
    return thread_env(int(cpus), environ) if cpus.isdigit() and int(cpus) > 0 else {}


def _forget_other_node(run: Run) -> None:
    """A Slurm task requeued onto another node finds its run `running` on the old one, where
    Slurm has ended it: mark it failed, so that it can go on from its saved epoch."""
    import socket
    import time

    status = run.status()
    if os.environ.get("SLURM_JOB_ID") and status.get("status") == "running" \
            and status.get("host") not in (None, socket.gethostname()):
        run.set_status("failed", f"ended on {status.get('host')} by Slurm (requeued)", ended=time.time())
