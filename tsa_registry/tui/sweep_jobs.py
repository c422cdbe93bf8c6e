"""Sweeps the app runs on this machine: one runner a sweep folder, held by the app, so that it
goes on when its screen is closed, a screen opened later finds it (and can stop it), and `u`
never starts the same sweep twice (two runners would fight over a run's lock)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the app's first screen does without the sweeps' modules
    from tsa_registry.sweeps.folder import Sweep


class LocalSweep:
    """The local executor over one sweep, in a thread of its own; `stop` cancels the runs it
    started (resumable) and starts no new one."""

    def __init__(self, sweep: Sweep, on_end: Callable[[], None]) -> None:
        self.sweep, self.on_end = sweep, on_end
        self.stop_event = threading.Event()
        self.processes: list[Any] = []  # the training processes started, to cancel
        self.lock = threading.Lock()  # a process starting while `stop` runs is cancelled all the same
        self.thread = threading.Thread(target=self._run, name=f"sweep {sweep.name}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    @property
    def running(self) -> bool:
        return self.thread.is_alive()

    def stop(self) -> None:
        """No new run starts; the one in progress is asked to stop (it marks itself cancelled,
        its saved epochs kept). The asking waits in a thread of its own, which the app's exit
        waits for, so that a run is never left marked running."""
        with self.lock:
            self.stop_event.set()
            for process in self.processes:
                self._cancel(process)

    def _started(self, process: Any) -> None:
        with self.lock:
            self.processes.append(process)
            if self.stop_event.is_set():
                self._cancel(process)

    def _cancel(self, process: Any) -> None:
        threading.Thread(target=process.cancel, name=f"cancel {self.sweep.name}").start()

    def _run(self) -> None:
        from tsa_registry.sweeps.local import run_local

        try:
            run_local(self.sweep, stop=self.stop_event, on_start=self._started)
        finally:
            with contextlib.suppress(RuntimeError):  # the app has exited: nobody to tell
                self.on_end()


class SweepJobs:
    """The app's local sweeps, by folder."""

    def __init__(self) -> None:
        self.by_path: dict[str, LocalSweep] = {}

    def running(self, sweep: Sweep) -> LocalSweep | None:
        job = self.by_path.get(str(sweep.path.resolve()))
        return job if job is not None and job.running else None

    def any_running(self) -> list[LocalSweep]:
        return [job for job in self.by_path.values() if job.running]

    def start(self, sweep: Sweep, on_end: Callable[[], None]) -> LocalSweep:
        job = self.running(sweep)
        if job is None:
            job = LocalSweep(sweep, on_end)
            self.by_path[str(sweep.path.resolve())] = job
            job.start()
        return job
