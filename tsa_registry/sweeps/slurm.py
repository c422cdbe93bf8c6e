"""The Slurm executors, through submitit: `slurm` submits one job array per sweep (throttled by
--parallel), each task running the sweep's run as `train` would (sweeps/task.py); `sbatch` writes
the same job script for users who submit by hand.

Options come from a named profile in the Slurm profiles file (`tsa-registry paths`), then the
command line:

    [profiles.saga]
    account = "nn9851k"
    partition = "accel"
    time = "12:00:00"          # or minutes
    gpus_per_task = 1
    cpus_per_task = 4
    mem = "32G"
    setup = ["module load Python/3.11.3-GCCcore-12.3.0", "source ~/tsa/.venv/bin/activate"]

Task state comes from the run folders and `squeue`, never from submitit's own (it needs Slurm's
accounting database, which small clusters lack, and never settles for a killed task).
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tsa_registry.sweeps.folder import Submission, Sweep

# Requeues after preemption or a time limit: each goes on from the run's last saved epoch.
MAX_REQUEUES = 20
PROFILE_KEYS = {"account", "partition", "time", "gpus_per_task", "cpus_per_task", "mem", "setup", "parallel", "qos"}
_QUEUE_STATES = {"PENDING": "queued", "CONFIGURING": "queued", "REQUEUED": "queued", "REQUEUE_HOLD": "queued",
                 "REQUEUE_FED": "queued", "SUSPENDED": "queued", "RUNNING": "running", "COMPLETING": "running"}


class SlurmError(RuntimeError):
    """Slurm options or a submission that cannot work; the message says what to change."""


def load_profile(name: str) -> dict[str, Any]:
    from tsa_registry import paths

    path = paths.clusters_path()
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8")).get("profiles", {})
    except FileNotFoundError:
        raise SlurmError(f"--profile {name}: {path} does not exist; write [profiles.{name}] there "
                         "(docs/sweeps.md shows one)") from None
    except (OSError, ValueError) as err:
        raise SlurmError(f"{path} is unreadable: {err}") from None
    if name not in profiles:
        raise SlurmError(f"{path} has no [profiles.{name}]; it has: {', '.join(sorted(profiles)) or 'none'}")
    profile = profiles[name]
    unknown = sorted(set(profile) - PROFILE_KEYS)
    if unknown:
        raise SlurmError(f"{path} [profiles.{name}]: unknown key {unknown[0]!r}; "
                         f"known: {', '.join(sorted(PROFILE_KEYS))}")
    return dict(profile)


def slurm_parameters(profile: str | None, parallel: int | None, **given: Any) -> dict[str, Any]:
    """submitit's SlurmExecutor parameters: the profile's, with the command line's on top."""
    chosen = load_profile(profile) if profile else {}
    renamed = {"time_limit": "time"}
    for key, value in given.items():
        if value not in (None, ()):
            chosen[renamed.get(key, key)] = list(value) if isinstance(value, tuple) else value
    if parallel:
        chosen["parallel"] = parallel
    parameters: dict[str, Any] = {"time": _minutes(chosen.get("time", 60)),
                                  "additional_parameters": {"requeue": True}, "signal_delay_s": 120}
    for ours, theirs in (("account", "account"), ("partition", "partition"), ("cpus_per_task", "cpus_per_task"),
                         ("mem", "mem"), ("qos", "qos"), ("setup", "setup"), ("parallel", "array_parallelism")):
        if chosen.get(ours) not in (None, ""):
            parameters[theirs] = chosen[ours]
    if chosen.get("gpus_per_task"):
        parameters["gpus_per_node"] = int(chosen["gpus_per_task"])
    return parameters


def _minutes(value: Any) -> int:
    """`90`, `"90"`, `"1:30:00"` or `"1-12:00:00"` -> minutes."""
    text = str(value).strip()
    try:
        days, _, clock = text.rpartition("-")
        parts = [int(p) for p in clock.split(":")]
        if len(parts) == 1:
            minutes = parts[0]
        else:
            parts = ([0] * (3 - len(parts)) + parts)[-3:]
            minutes = parts[0] * 60 + parts[1] + (parts[2] > 0)
        return minutes + int(days or 0) * 24 * 60
    except ValueError:
        raise SlurmError(f"time {text!r}: give minutes (90) or HH:MM:SS") from None


def submit(sweep: Sweep, parameters: dict[str, Any]) -> Submission:
    """One job array of the sweep's unfinished runs; recorded in jobs.json."""
    import submitit

    from tsa_registry.sweeps.task import SlurmTask

    keys = [t.key for t in sweep.unfinished()]
    folder = sweep.path.absolute() / "slurm"
    executor = submitit.SlurmExecutor(folder=folder / "%j", max_num_timeout=MAX_REQUEUES)
    executor.update_parameters(job_name=f"tsa-sweep-{sweep.name}"[:60], **parameters)
    try:
        with executor.batch():
            jobs = [executor.submit(SlurmTask(str(sweep.path.absolute()), key)) for key in keys]
    except (submitit.core.utils.FailedJobError, OSError, subprocess.SubprocessError) as err:
        raise SlurmError(f"sbatch refused the sweep: {str(err).strip()}") from None
    job_id = jobs[0].job_id.partition("_")[0] if jobs else None
    submission = Submission(executor="slurm", keys=keys, submitted=time.time(), job_id=job_id, folder=str(folder))
    sweep.add_submission(submission)
    return submission


def write_sbatch(sweep: Sweep, parameters: dict[str, Any]) -> Path:
    """SWEEP/sweep.sbatch: a job array with a task per unfinished run, for `sbatch` by hand."""
    from submitit.slurm.slurm import _make_sbatch_string

    keys = [t.key for t in sweep.unfinished()]
    index = sweep.path / "tasks.txt"
    index.write_text("".join(k + "\n" for k in keys), encoding="utf-8")
    command = " ".join(shlex.quote(part) for part in (sys.executable, "-m", "tsa_registry.sweeps",
                                                      str(sweep.path.absolute())))
    folder = sweep.path.absolute() / "slurm"  # sbatch makes no folders: the logs go straight in
    folder.mkdir(exist_ok=True)
    script = _make_sbatch_string(command=command + ' "$SLURM_ARRAY_TASK_ID"', folder=folder,
                                 job_name=f"tsa-sweep-{sweep.name}"[:60], map_count=len(keys), **parameters)
    path = sweep.path / "sweep.sbatch"
    # No submitit in the task to catch the early warning signal, nor a wckey of its own.
    lines = [line for line in script.splitlines(keepends=True)
             if not line.startswith(("#SBATCH --signal=", "#SBATCH --wckey=", "export SUBMITIT_EXECUTOR"))]
    path.write_text("".join(lines), encoding="utf-8")
    sweep.add_submission(Submission(executor="sbatch", keys=keys, submitted=time.time(), folder=str(folder)))
    return path


def queued(sweep: Sweep) -> dict[str, tuple[str, str]]:
    """key -> (Slurm task id, queued|running) for the sweep's tasks still in Slurm's queue."""
    found: dict[str, tuple[str, str]] = {}
    for submission in sweep.jobs().submissions:
        if submission.executor != "slurm" or not submission.job_id:
            continue
        for task_id, state in _squeue(submission.job_id):
            array, _, index = task_id.partition("_")
            i = int(index) if index.isdigit() else 0
            if i < len(submission.keys) and state in _QUEUE_STATES:
                found[submission.keys[i]] = (task_id, _QUEUE_STATES[state])
    return found


def _squeue(job_id: str) -> list[tuple[str, str]]:
    try:
        out = subprocess.run(["squeue", "-h", "-r", "-j", job_id, "-o", "%i|%T"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [tuple(line.split("|", 1)) for line in out.splitlines() if "|" in line]  # type: ignore[misc]
