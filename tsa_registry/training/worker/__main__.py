"""The training process: `python -m tsa_registry.training.worker [--resume] -- RUN_DIR`.

Its standard output carries only events, one JSON line each (everything else that would print
there goes to standard error); progress.jsonl in the run gets the same lines. SIGTERM or SIGINT
cancel the run cleanly: it is marked cancelled, and `--resume` goes on from its last epoch. The
same command runs unchanged on a cluster node, with standard output sent to a file.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import traceback
from pathlib import Path
from types import FrameType
from typing import TextIO

from tsa_registry.safe_text import redact_logged_urls, redact_urls
from tsa_registry.sources.weights import UnsafeWeights
from tsa_registry.task.conll import DataError
from tsa_registry.training import events
from tsa_registry.training.process import QUIET_ENVIRONMENT
from tsa_registry.training.runs import LOCK, Run, RunError, delete_run
from tsa_registry.training.worker.model_source import ModelSourceError

# Failures that mean the run's model or data could not be had (a bug is not one: its run and
# train.log are kept).
UNAVAILABLE = (ModelSourceError, UnsafeWeights, DataError, RunError)


class _EventStream:
    """Writes each event to the stream; a stream whose reader has gone away cancels the run
    (nobody is left to see it), unless the run is `detachable` (left running in the background).
    progress.jsonl gets the events from train_run itself."""

    def __init__(self, stream: TextIO, detachable: bool = False) -> None:
        self.stream, self.open, self.started, self.detachable = stream, True, False, detachable

    def __call__(self, event: events.Event) -> None:
        self.started = self.started or isinstance(event, events.Started)
        if not self.open:
            return
        try:
            self.stream.write(events.encode(event) + "\n")
            self.stream.flush()
        except (BrokenPipeError, OSError):
            self.open = False
            if not self.detachable and not isinstance(event, events.FINAL):
                raise KeyboardInterrupt from None


def _cancel(signum: int, frame: FrameType | None) -> None:
    """The first SIGTERM cancels; more of them (Slurm signals every process of the job) would
    only break the clean-up that marks the run cancelled."""
    if signum == signal.SIGTERM:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tsa_registry.training.worker")
    parser.add_argument("run", type=Path, help="the run folder (made by `tsa-registry train`); "
                        "put it after `--` when it could look like an option")
    parser.add_argument("--resume", action="store_true", help="go on from the last saved epoch")
    parser.add_argument("--lock-fd", type=int, help="the run's lock, taken by the command that "
                        "started this process (without it, the process takes the lock itself)")
    # The opt-ins of the command that started this process; args.json's own say is not trusted.
    parser.add_argument("--trust-remote-code", action="store_true", help="let the model's code run")
    parser.add_argument("--allow-pickle", action="store_true", help="let pickle weights be loaded")
    parser.add_argument("--keep", action="store_true", help="keep the run folder even when the run cannot "
                        "start (a sweep's planned run, listed with its log until it is resumed)")
    parser.add_argument("--detachable", action="store_true", help="go on when standard output's reader goes "
                        "away (progress.jsonl keeps the events); without it, that cancels the run")
    options = parser.parse_args(argv)
    redact_logged_urls()
    for key, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(key, value)

    stream = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # libraries that print to stdout now print to stderr, not into the events
    signal.signal(signal.SIGTERM, _cancel)
    signal.signal(signal.SIGINT, _cancel)
    if hasattr(signal, "SIGUSR2"):  # Slurm's warning before a time limit: the sweep task requeues the run
        signal.signal(signal.SIGUSR2, signal.SIG_IGN)
    run = Run(options.run)
    emit = _EventStream(stream, detachable=options.detachable)
    try:
        _hold_lock(run, options.lock_fd)
    except RunError as err:  # another process trains this run: leave its records alone
        print(err, file=sys.stderr)
        emit(events.Failed(message=str(err), time=time.time()))
        return 2
    run.set_status("running", "training")
    try:
        from tsa_registry.training.worker.loop import train_run

        train_run(run, emit, resume=options.resume, trust_remote_code=options.trust_remote_code,
                  allow_pickle=options.allow_pickle)
        return 0
    except KeyboardInterrupt:
        run.set_status("cancelled", "cancelled on request", ended=time.time())
        final: events.Event = events.Cancelled(
            message=f"cancelled on request; `tsa-registry train --resume {run.path}` goes on "
                    "from the last saved epoch", time=time.time())
        code = 130
    except Exception as err:  # noqa: BLE001 - any failure must be recorded, then shown
        sys.stderr.write(redact_urls(traceback.format_exc()))
        message = redact_urls(f"{type(err).__name__}: {err}")
        if isinstance(err, UNAVAILABLE) and not (emit.started or options.resume or options.keep):
            # its model or data could not be had: nothing was done, nothing is to resume
            delete_run(run)
            emit(events.Failed(message=redact_urls(str(err)), kept=False, time=time.time()))
            return 1
        run.set_status("failed", message, ended=time.time())
        final, code = events.Failed(message=message, time=time.time()), 1
    run.append_event(final)
    emit(final)
    return code


def _hold_lock(run: Run, fd: int | None) -> None:
    """Hold the run's lock until this process ends: the descriptor handed down by the command
    that started it (flock on it again succeeds, as it is the same lock), or a new one."""
    import fcntl

    if fd is None:
        run.lock()
        return
    try:
        if os.fstat(fd).st_ino != os.stat(run.file(LOCK)).st_ino:
            raise RunError(f"--lock-fd {fd} is not the lock of {run.path}")
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise RunError(f"run {run.name} is being trained by another process right now, or "
                       f"--lock-fd {fd} is not its lock") from None
    run.lock_fd = fd


if __name__ == "__main__":
    sys.exit(main())
