"""Starting a run's training process and reading its events, for the CLI, the TUI and scripts.

    process = start_training(request)          # or resume_training(run)
    for event in process.events():             # Started, Progress, Evaluation, Warning, ...
        ...
    process.cancel()                           # from another thread, or on Ctrl-C
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from tsa_registry.training import events
from tsa_registry.training.request import TrainRequest
from tsa_registry.training.runs import Run, RunError, create_run

# Set for the training process: no wandb, no telemetry, no tokenizer threads of its own.
QUIET_ENVIRONMENT = {
    "WANDB_MODE": "disabled",
    "WANDB_DISABLED": "true",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}


class TrainingProcess:
    def __init__(self, run: Run, popen: subprocess.Popen) -> None:
        self.run = run
        self.popen = popen

    @property
    def pid(self) -> int:
        return self.popen.pid

    def events(self) -> Iterator[events.Event]:
        """Events as the process sends them, until it ends; then its final state is recorded."""
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            if not line.strip():
                continue
            try:
                yield events.decode(line)
            except ValueError as err:
                yield events.Warning(code="stream", message=str(err), time=time.time())
        self.wait()

    def cancel(self, timeout: float = 60.0) -> None:
        """Ask the process to stop (it marks the run cancelled); kill it if it does not."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._record_end(cancelled=True)

    def wait(self) -> int:
        code = self.popen.wait()
        self._record_end(cancelled=False)
        return code

    def _record_end(self, cancelled: bool) -> None:
        """A process that ended without recording how (killed, crashed) leaves a run marked
        running; mark it cancelled or failed, never complete."""
        if self.run.status().get("status") == "running":
            code = self.popen.returncode
            if cancelled:
                self.run.set_status("cancelled", "stopped on request", ended=time.time())
            else:
                self.run.set_status("failed", f"the training process ended with code {code} "
                                    f"without a result; see {self.run.file('train.log')}",
                                    ended=time.time())


def start_training(request: TrainRequest, output: Path | None = None,
                   root: Path | None = None, env: Mapping[str, str] | None = None,
                   detachable: bool = False, keep: bool = False) -> TrainingProcess:
    """Create the run directory and start its training process (with the request's opt-ins,
    which come from this invocation). `env` adds to the process's environment (a sweep's
    CUDA_VISIBLE_DEVICES). A `detachable` process goes on when its reader goes away (the
    terminal UI left it running in the background); otherwise that cancels it. A run that cannot
    start is removed, unless `keep` (a sweep's planned run, shown failed with its log)."""
    return _spawn(create_run(request, output, root), resume=False,
                  opt_ins=_opt_ins(request) + ["--detachable"] * detachable + ["--keep"] * keep, env=env)


def resume_training(run: Run, *, trust_remote_code: bool = False, allow_pickle: bool = False,
                    env: Mapping[str, str] | None = None, detachable: bool = False) -> TrainingProcess:
    """Start the training process again on a failed or cancelled run. The opt-ins are this
    invocation's: a run that needs one it was not given is refused (RunError says which)."""
    from tsa_registry.training.trust import trusted_request

    run.lock()  # RunError if another process trains it now
    try:
        status, _ = run.effective_status()
        if status == "complete":
            raise RunError(f"run {run.name} is complete; start a new run to train again")
        if status == "running":
            raise RunError(f"run {run.name} is still running (pid {run.status().get('pid')})")
        request = trusted_request(run, trust_remote_code=trust_remote_code, allow_pickle=allow_pickle,
                                  doing="resume it")
        _ensure_writable(run)
    except BaseException:
        run.release()
        raise
    return _spawn(run, resume=True, opt_ins=_opt_ins(request) + ["--detachable"] * detachable, env=env)


def _ensure_writable(run: Run) -> None:
    from tsa_registry.files import FileProblem, ensure_writable

    try:
        ensure_writable(run.path, folder=True)
    except FileProblem as problem:
        raise RunError(str(problem)) from None


def _opt_ins(request: TrainRequest) -> list[str]:
    return (["--trust-remote-code"] if request.trust_remote_code else []) + \
        (["--allow-pickle"] if request.allow_pickle else [])


def _spawn(run: Run, resume: bool, opt_ins: list[str], env: Mapping[str, str] | None = None) -> TrainingProcess:
    """The training process, handed the run's lock (an inherited descriptor) to hold for its
    life. The run folder goes last, after `--` and as an absolute path: never read as an option."""
    import os

    run.lock()
    assert run.lock_fd is not None
    command = [sys.executable, "-m", "tsa_registry.training.worker", "--lock-fd", str(run.lock_fd),
               *opt_ins]
    if resume:
        command.append("--resume")
    command += ["--", str(run.path.absolute())]
    try:
        log = open(run.file("train.log"), "a", encoding="utf-8")  # noqa: SIM115 - child keeps it
        try:
            popen = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                text=True, encoding="utf-8", bufsize=1, start_new_session=True,
                env={**os.environ, **QUIET_ENVIRONMENT, **(env or {})}, pass_fds=(run.lock_fd,),
            )
        finally:
            log.close()
    finally:
        run.release()  # the training process holds the lock now (or nobody does)
    return TrainingProcess(run, popen)
