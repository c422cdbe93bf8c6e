"""Run directories: create, open, list, and the status that never claims more than is true.

Layout (docs/training.md has the details):
    args.json  run.json  status.json  progress.jsonl  metrics.json  train.log
    dev.predictions.conll  test.predictions.conll  model/  checkpoints/  work/  .lock

One process trains a run at a time: `.lock` is locked (flock) from the moment the folder is made
or a resume begins, and the training process holds that lock for its whole life.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import socket
import time
from pathlib import Path
from typing import Any, Literal

from tsa_registry.files import NOT_EMPTY, FileProblem, ensure_writable, local_folder, write_whole
from tsa_registry.training.events import Event, decode, encode
from tsa_registry.training.request import TrainRequest

Status = Literal["running", "complete", "failed", "cancelled"]
LOCK = ".lock"


class RunError(LookupError):
    """A run that cannot be found or used as asked."""



class RunLocked(RunError):
    """Another process holds the run's lock: it is training it now."""

class Run:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock_fd: int | None = None  # held from create_run or lock() until the process starts

    @property
    def name(self) -> str:
        return self.path.name

    def file(self, name: str) -> Path:
        return self.path / name

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    def request(self) -> TrainRequest:
        return TrainRequest.load(self.file("args.json"))

    def info(self) -> dict[str, Any]:
        """run.json: what the training process used (model revision, data hashes, environment)."""
        return _read_json(self.file("run.json")) or {}

    def write_info(self, info: dict[str, Any]) -> None:
        _write_json(self.file("run.json"), info)

    def metrics(self) -> dict[str, Any] | None:
        return _read_json(self.file("metrics.json"))

    def write_metrics(self, metrics: dict[str, Any]) -> None:
        _write_json(self.file("metrics.json"), metrics)

    def status(self) -> dict[str, Any]:
        return _read_json(self.file("status.json")) or {"status": "failed", "message": "no status.json"}

    def set_status(self, status: Status, message: str = "", **extra: Any) -> None:
        """Write status.json atomically; `running` records this process, so that a run whose
        process died without a word is not taken for a running one."""
        try:
            before = self.status()
        except RunError:  # a damaged status.json is replaced
            before = {}
        data = {**before, "status": status, "message": message, **extra, "updated": time.time()}
        if status == "running":
            data.update(pid=os.getpid(), host=socket.gethostname(), started=time.time())
        _write_json(self.file("status.json"), data)

    def effective_status(self) -> tuple[str, str]:
        """(status, message), where a `running` run whose process is gone on this host is
        reported as failed: it was killed before it could say so."""
        data = self.status()
        status = data.get("status", "failed")
        if status == "running" and data.get("host") == socket.gethostname() \
                and not _alive(data.get("pid")):
            return "failed", "the training process ended without a word (killed?)"
        return status, data.get("message", "")

    def append_event(self, event: Event) -> None:
        with self.file("progress.jsonl").open("a", encoding="utf-8") as out:
            out.write(encode(event) + "\n")

    def events(self) -> list[Event]:
        path = self.file("progress.jsonl")
        if not path.exists():
            return []
        return [decode(line) for line in path.read_text(encoding="utf-8").splitlines() if line]

    def lock(self) -> None:
        """Take the run's lock (RunError if another process trains it); `release` or starting
        the training process hands it on."""
        import fcntl

        if self.lock_fd is not None:
            return
        try:
            fd = os.open(self.file(LOCK), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise RunError(f"{self.path}: the run folder cannot be locked ({err.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise RunLocked(f"run {self.name} is being trained by another process right now "
                           f"({self.path}): wait for it to end, or stop it first") from None
        self.lock_fd = fd

    def release(self) -> None:
        if self.lock_fd is not None:
            os.close(self.lock_fd)
            self.lock_fd = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # at interpreter exit the lock goes anyway
            self.release()

    def checkpoints(self) -> list[tuple[int, Path]]:
        """Saved epochs (epoch, folder), oldest first; each folder holds what resuming needs."""
        found = []
        for folder in self.file("checkpoints").glob("epoch-*"):
            if (folder / "state.json").exists() and folder.name[6:].isdigit():
                found.append((int(folder.name[6:]), folder))
        return sorted(found)


def ensure_run_folder(output: Path | None = None, root: Path | None = None) -> None:
    """Refuse, before any work starts, a run folder that cannot be made or written: `output`
    (new or empty), or the runs folder when there is no `output`."""
    from tsa_registry import paths

    try:
        if output is not None:
            ensure_writable(output, folder=True, empty=True)
        else:
            ensure_writable(root or paths.runs_dir(), folder=True)
    except FileProblem as problem:
        if output is None:
            hint = "set TSA_REGISTRY_HOME to a folder you can write, or pass --output"
        elif problem.reason == NOT_EMPTY:
            hint = "choose another --output, or resume it with --resume"
        else:
            hint = "choose another --output"
        raise RunError(f"{problem}; {hint}") from None


def model_slug(model: str, length: int = 160) -> str:
    """A model id or path as a file name: its last part in letters, digits and `._-`, at most
    `length` characters (a run folder's name keeps within the 255 bytes file systems allow)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", Path(model.rstrip("/")).name).strip("-")[:length] or "model"


def create_run(request: TrainRequest, output: Path | None = None, root: Path | None = None) -> Run:
    """A new run directory, `output` itself or a fresh one under the runs folder, made and
    locked for the training process that `process.start_training` hands it to."""
    ensure_run_folder(output, root)
    if output is not None:
        path = Path(output)
        path.mkdir(parents=True, exist_ok=True)
    else:
        from tsa_registry import paths

        base = root or paths.runs_dir()
        base.mkdir(parents=True, exist_ok=True)
        slug = model_slug(request.model)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path, n = base / f"{stamp}-{slug}", 1
        while not _made(path):
            n += 1
            path = base / f"{stamp}-{slug}-{n}"
    run = Run(path)
    run.lock()
    if any(entry.name != LOCK for entry in path.iterdir()):  # made meanwhile by another command
        run.release()
        raise RunError(f"{path}: {NOT_EMPTY}; choose another --output, or resume it with --resume")
    request.save(run.file("args.json"))
    _write_json(run.file("status.json"), {"status": "running", "message": "starting",
                                          "created": time.time(), "updated": time.time()})
    if output is not None:
        _link(path, root)
    return run


def delete_run(run: Run, root: Path | None = None) -> None:
    """Remove a run's folder and its link in the runs folder (for an --output run), by the
    process that holds its lock: a run that failed before its training started (nothing to
    resume; `runs` would list it as one more failed run), or one `runs rm` deletes."""
    from tsa_registry import paths

    assert run.lock_fd is not None, "only the process that holds the run's lock removes it"
    target = os.path.realpath(run.path)
    base = root or paths.runs_dir()
    for link in base.iterdir() if base.is_dir() else ():
        if link.is_symlink() and os.path.realpath(link) == target:
            link.unlink()
    shutil.rmtree(target)  # the folder itself: run.path may be one of the links just removed


def _made(path: Path) -> bool:
    try:
        path.mkdir()
    except FileExistsError:
        return False
    return True


def _link(path: Path, root: Path | None) -> None:
    """A run kept elsewhere (--output) gets a link in the runs folder, so that `runs` lists it
    and it can be named like any other; where links cannot be made, it is simply not listed."""
    from tsa_registry import paths

    base = root or paths.runs_dir()
    target = path.resolve()
    if target.parent == base.resolve():
        return
    link, n = base / path.name, 1
    while link.exists() or link.is_symlink():
        if link.is_symlink() and os.path.realpath(link) == str(target):
            return  # the same folder made again after it was deleted: its link serves again
        n += 1
        link = base / f"{path.name}-{n}"
    try:
        base.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target, target_is_directory=True)
    except OSError:
        pass


def open_run(name: str | Path, root: Path | None = None) -> Run:
    """A run by its folder, or by its name under the runs folder."""
    from tsa_registry import paths

    for candidate in (Path(name), (root or paths.runs_dir()) / str(name)):
        try:
            folder = local_folder(candidate)
        except FileProblem as problem:
            raise RunError(f"no run {_cut(str(name))!r}: {problem.reason}") from None
        if folder is not None and (folder / "args.json").is_file():
            return Run(candidate)
    raise RunError(f"no run {_cut(str(name))!r}: give a run folder or a name that "
                   "`tsa-registry runs` lists")


def list_runs(root: Path | None = None) -> list[Run]:
    """The runs in the runs folder, each once (a folder may have two links to it)."""
    from tsa_registry import paths

    base = root or paths.runs_dir()
    if not base.is_dir():
        return []
    found: dict[str, Run] = {}
    for path in sorted(base.iterdir()):
        if (path / "args.json").is_file():
            found.setdefault(os.path.realpath(path), Run(path))
    return list(found.values())


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _alive(pid: Any) -> bool:
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_json(path: Path) -> dict[str, Any] | None:
    """A run file's JSON object; None if the file is missing, RunError if it is damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:  # UnicodeDecodeError and JSONDecodeError included
        raise RunError(f"{path} is unreadable ({type(err).__name__}: {_cut(str(err))})") from None
    if not isinstance(data, dict):
        raise RunError(f"{path} is unreadable: it holds {_cut(json.dumps(data))}, not a JSON object")
    return data


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Written whole: a reader never sees half a file."""
    write_whole(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
