"""The sweep folder: plan.json (the plan), jobs.json (what was submitted where) and runs/, where
each run is an ordinary run folder (`runs`, `evaluate` and `predict` take it as any other).

    SWEEP/plan.json  SWEEP/jobs.json  SWEEP/runs/<key>/  SWEEP/slurm/ (the scheduler's logs)

Each run's state is read from its run folder (status.json, metrics.json, progress.jsonl): the one
record, whoever ran it, so `sweep status` re-attaches from the folder alone, plus the scheduler's
queue for runs that have not started.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import msgspec

from tsa_registry.files import write_whole
from tsa_registry.sweeps.plan import SweepPlan, SweepTask
from tsa_registry.training.leaderboard import metric_f1, metric_number
from tsa_registry.training.runs import Run, RunError

DONE = "complete"


class SweepError(LookupError):
    """A sweep folder that cannot be made or read as asked."""


class Submission(msgspec.Struct, kw_only=True):
    """One submission: the executor, its job id (Slurm's array id) and the run of each task."""

    executor: str  # local, slurm or sbatch
    keys: list[str]  # task i runs keys[i]
    submitted: float
    job_id: str | None = None
    folder: str | None = None  # the scheduler's logs


class Jobs(msgspec.Struct):
    submissions: list[Submission] = []


class TaskState(msgspec.Struct, kw_only=True):
    """A run as `sweep status` shows it."""

    key: str
    model: str
    seed: int
    learning_rate: float
    epochs: int
    state: str  # pending, queued, running, complete, failed, cancelled
    message: str = ""
    run: str
    epochs_done: int = 0
    progress: float | None = None  # of the run's steps, 0-1, while it runs
    job: str | None = None  # the scheduler's id (12_3)
    dev_f1: float | None = None
    test_f1: float | None = None
    best_epoch: int | None = None
    duration: float | None = None
    peak_gpu_memory: int | None = None
    log_tail: str | None = None  # the end of train.log of a failed run


class Sweep:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @property
    def name(self) -> str:
        return self.path.name

    def plan(self) -> SweepPlan:
        try:
            return msgspec.json.decode(self.path.joinpath("plan.json").read_bytes(), type=SweepPlan)
        except FileNotFoundError:
            raise SweepError(f"{self.path}: no plan.json; give a folder `tsa-registry sweep` made") from None
        except (OSError, msgspec.DecodeError, msgspec.ValidationError) as err:
            raise SweepError(f"{self.path / 'plan.json'} is unreadable: {err}") from None

    def run_dir(self, key: str) -> Path:
        return self.path / "runs" / key

    def jobs(self) -> Jobs:
        path = self.path / "jobs.json"
        if not path.exists():
            return Jobs()
        return msgspec.json.decode(path.read_bytes(), type=Jobs)

    def add_submission(self, submission: Submission) -> None:
        jobs = self.jobs()
        jobs.submissions.append(submission)
        write_whole(self.path / "jobs.json", msgspec.json.format(msgspec.json.encode(jobs), indent=2).decode() + "\n")

    def done(self, key: str) -> bool:
        run = Run(self.run_dir(key))
        try:
            return run.file("args.json").exists() and run.status().get("status") == DONE
        except RunError:
            return False

    def unfinished(self) -> list[SweepTask]:
        return [t for t in self.plan().tasks if not self.done(t.key)]

    def states(self, queued: dict[str, tuple[str, str]] | None = None) -> list[TaskState]:
        """Every run's state; `queued` is the scheduler's view (key -> (job id, its state))."""
        return [self._state(t, (queued or {}).get(t.key)) for t in self.plan().tasks]

    def _last_executor(self) -> str | None:
        submissions = self.jobs().submissions
        return submissions[-1].executor if submissions else None

    def _state(self, task: SweepTask, queued: tuple[str, str] | None) -> TaskState:
        request = task.request
        state = TaskState(key=task.key, model=request.model, seed=request.seed, learning_rate=request.learning_rate,
                          epochs=request.epochs, state="pending", run=str(self.run_dir(task.key)),
                          job=queued[0] if queued else None)
        run = Run(self.run_dir(task.key))
        if not run.file("args.json").exists():
            if queued:
                state.state = queued[1]
            return state
        try:
            status, state.message = run.effective_status()
            metrics = run.metrics() or {}
        except RunError as err:
            state.state, state.message = "failed", str(err)
            return state
        state.state = status
        if queued and status != DONE:
            state.state = queued[1]  # requeued or restarted: the queue knows best
        elif status == "running" and queued is None and self._last_executor() == "slurm":
            state.state, state.message = "failed", "the task left the queue while running (cancelled or killed?)"
        state.epochs_done = metric_number(metrics.get("epochs_done")) or 0  # read as `runs` reads them
        state.dev_f1 = metric_f1(metrics.get("dev"))
        state.test_f1 = metric_f1(metrics.get("test"))
        state.best_epoch = metric_number(metrics.get("best_epoch")) if state.dev_f1 is not None else None
        state.duration = metric_number(metrics.get("duration"))
        state.peak_gpu_memory = metric_number(metrics.get("peak_gpu_memory"))
        if state.state == "running":
            state.progress = _progress(run)
        if state.state in ("failed", "cancelled"):
            state.log_tail = log_tail(run.file("train.log"))
        return state


def create_sweep(plan: SweepPlan, path: Path) -> Sweep:
    """A new sweep folder holding `plan` (refused when `path` has anything in it)."""
    if path.exists() and any(path.iterdir()):
        raise SweepError(f"{path} is not empty; choose another --output, or `tsa-registry sweep resume {path}`")
    try:
        (path / "runs").mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SweepError(f"{path}: cannot make the sweep folder ({err.strerror})") from None
    write_whole(path / "plan.json", msgspec.json.format(msgspec.json.encode(plan), indent=2).decode() + "\n")
    return Sweep(path)


def open_sweep(path: str | Path) -> Sweep:
    """A sweep by its folder, or by its name under the sweeps folder."""
    from tsa_registry import paths

    for candidate in (Path(path), paths.sweeps_dir() / str(path)):
        if (candidate / "plan.json").is_file():
            return Sweep(candidate)
    raise SweepError(f"no sweep {str(path)!r}: give the folder `tsa-registry sweep` made")


def list_sweeps(root: Path | None = None) -> list[Sweep]:
    """The sweeps in the sweeps folder (or `root`), newest first."""
    from tsa_registry import paths

    base = root or paths.sweeps_dir()
    found = []
    try:
        for path in base.iterdir():
            with contextlib.suppress(OSError):  # removed meanwhile, or unreadable: not listed
                found.append((path.joinpath("plan.json").stat().st_mtime, Sweep(path)))
    except OSError:
        return []
    return [sweep for _, sweep in sorted(found, key=lambda pair: pair[0], reverse=True)]


def new_sweep_path() -> Path:
    from tsa_registry import paths

    base = paths.sweeps_dir()
    stamp, n = time.strftime("%Y%m%d-%H%M%S"), 1
    path = base / stamp
    while path.exists():
        n += 1
        path = base / f"{stamp}-{n}"
    return path


def log_tail(path: Path, lines: int = 12) -> str | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return "\n".join(text.rstrip().splitlines()[-lines:]) or None


def _progress(run: Run) -> float | None:
    """The fraction of steps done, from the last progress line."""
    try:
        with run.file("progress.jsonl").open("rb") as stream:
            stream.seek(0, 2)
            stream.seek(max(0, stream.tell() - 4096))
            tail = stream.read().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in reversed(tail):
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if data.get("event") == "progress" and data.get("total_steps"):
            return data["step"] / data["total_steps"]
    return None
