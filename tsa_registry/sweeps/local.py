"""The local executor: the runs one after another on this machine, or one per GPU at a time
(`--gpus 0,1`: each run sees only its GPU through CUDA_VISIBLE_DEVICES, and a share of the
cores).

Each GPU has a thread that takes the next run from a queue and waits on its training process;
the processes do the work, so the threads cost nothing. Ctrl-C (KeyboardInterrupt) cancels the
runs in progress, which `sweep resume` continues from their saved epochs.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from tsa_registry.cpus import cores, thread_env
from tsa_registry.sweeps.folder import Submission, Sweep
from tsa_registry.sweeps.task import OnEvent, run_task
from tsa_registry.training.runs import RunLocked


def run_local(sweep: Sweep, *, gpus: list[str] | None = None, on_event: OnEvent | None = None,
              stop: threading.Event | None = None, on_start: Callable[[Any], None] | None = None) -> dict[str, str]:
    """Run every unfinished run of the sweep; key -> final status. `stop` set: no new run starts;
    `on_start` is handed each training process as it starts (to cancel it)."""
    tasks = sweep.unfinished()
    sweep.add_submission(Submission(executor="local", keys=[t.key for t in tasks], submitted=time.time()))
    todo: queue.Queue[str] = queue.Queue()
    for task in tasks:
        todo.put(task.key)
    results: dict[str, str] = {}
    errors: list[BaseException] = []
    live: list = []  # the training processes started, to cancel on Ctrl-C

    def started(process: Any) -> None:
        live.append(process)
        if on_start:
            on_start(process)

    def worker(gpu: str | None) -> None:
        env = {"CUDA_VISIBLE_DEVICES": gpu, **thread_env(cores() // len(gpus or [gpu]))} if gpu is not None else None
        while not (stop and stop.is_set()) and not errors:
            try:
                key = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results[key] = run_task(sweep.path, key, env=env, on_event=on_event, on_start=started)
            except RunLocked:
                results[key] = "running"  # another process trains it (another sweep runner): left to it
            except Exception as err:  # noqa: BLE001 - a run that cannot start fails alone
                from tsa_registry.training.runs import Run

                results[key] = "failed"
                _record_failure(Run(sweep.run_dir(key)), err)

    if not gpus:
        worker(None)  # in this thread: Ctrl-C reaches the run directly
        return results
    threads = [threading.Thread(target=worker, args=(gpu,), daemon=True) for gpu in gpus]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)
    except KeyboardInterrupt:
        errors.append(KeyboardInterrupt())  # no new run starts
        for process in live:
            process.cancel()
        raise
    return results


def _record_failure(run, err: Exception) -> None:
    """A run refused before its process started (a changed data file, a locked run): its
    status says why, so `sweep status` lists it."""
    if run.file("args.json").exists():
        run.set_status("failed", f"{type(err).__name__}: {err}", ended=time.time())
        with run.file("train.log").open("a", encoding="utf-8") as log:
            log.write(f"{type(err).__name__}: {err}\n")
