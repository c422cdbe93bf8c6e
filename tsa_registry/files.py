"""The user's files, in and out: what may be read, whether a path can be written, and writing
a file or a folder whole.

Every command that reads a data or registry file goes through `read_text`, and every command
that writes checks its output with `ensure_writable` before any work starts, so that a bad path
costs seconds, not a finished evaluation. Messages name the path and the cause. Files that a
reader may see while they change (a run's status, a registry file, a run's best model) are
written with `write_whole` or `replace_folder`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

MiB = 1 << 20
# The largest file each kind of input may be: NoReC_tsa's train.conll is 1.7 MiB.
LIMITS = {"data": 1024 * MiB, "registry": 16 * MiB, "text": 256 * MiB}
NOT_EMPTY = "exists and is not empty"
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


class FileProblem(ValueError):
    """A file that cannot be read or written as asked; `line` is set where one is to blame."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path, self.reason, self.line = Path(path), reason, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


def read_text(path: Path | str, kind: str = "data") -> str:
    """The UTF-8 text of a regular file (or a pipe) no larger than its kind allows.

    A device such as /dev/zero, a folder, a UTF-16 file or bytes that are not UTF-8 raise
    FileProblem with what to do. A leading UTF-8 byte-order mark is dropped.
    """
    path, limit = Path(path), LIMITS[kind]
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise FileProblem(path, "is a folder, not a file")
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise FileProblem(path, "is not a regular file (a device or a socket): give a file")
        with open(path, "rb") as stream:
            raw = stream.read(limit + 1)
    except FileNotFoundError:
        raise FileProblem(path, "no such file") from None
    except OSError as err:
        raise FileProblem(path, f"cannot be read ({describe_os_error(err)})") from None
    if len(raw) > limit:
        raise FileProblem(path, f"is larger than {limit // MiB} MiB, far more than a {kind} "
                          "file holds: is it the right file?")
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise FileProblem(path, f"is {name} text (it starts with a {name} byte-order mark); "
                              f"save it as UTF-8, e.g. with `iconv -f {name} -t UTF-8`")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise FileProblem(path, f"is not UTF-8 text (byte 0x{raw[err.start]:02x}); convert it, "
                          "e.g. with `iconv -f latin1 -t utf-8`", line) from None
    return text.removeprefix("\ufeff")


def ensure_writable(path: Path | str, *, folder: bool = False, replace: bool = False,
                   empty: bool = False, inputs: Iterable[Path | str] = ()) -> None:
    """Raise FileProblem unless `path` can be written, without writing it.

    `folder`: the path is a folder to create or fill (`empty`: an existing one must be empty).
    Otherwise it is a file whose folder must exist; an existing file is refused unless
    `replace`. Whatever the flags, the path may not be one of `inputs`.
    """
    path = Path(path)
    for source in inputs:
        if _same_file(path, Path(source)):
            raise FileProblem(path, f"is also an input ({source}): writing there would destroy "
                              "it; choose another path")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
        if os.path.islink(path):
            raise FileProblem(path, f"is a symbolic link to {os.readlink(path)}, which does not "
                              "exist") from None
    except OSError as err:
        raise FileProblem(path, f"cannot be used ({describe_os_error(err)})") from None
    if mode is not None:
        if folder:
            if not stat.S_ISDIR(mode):
                raise FileProblem(path, "exists and is not a folder")
            if empty and any(os.scandir(path)):
                raise FileProblem(path, NOT_EMPTY)
            _probe(path, path)
            return
        if stat.S_ISDIR(mode):
            raise FileProblem(path, "is a folder: give a file name")
        if not stat.S_ISREG(mode):
            raise FileProblem(path, "is not a regular file (a device or a pipe)")
        if not replace:
            raise FileProblem(path, "exists: pass --force to overwrite it, or choose another path")
        try:
            with open(path, "ab"):
                pass
        except OSError as err:
            raise FileProblem(path, f"cannot be written ({describe_os_error(err)})") from None
        return
    parent = path.parent
    if folder:  # missing folders are made: the nearest one that exists must take them
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
    elif not parent.is_dir():
        raise FileProblem(path, f"the folder {parent} does not exist: create it first")
    _probe(parent, path)


def local_folder(text: str | Path) -> Path | None:
    """`text` as an existing folder, or None when nothing is there (it may name a Hub model or
    a run). A path that is there but cannot be followed (a loop of symbolic links, a link to
    nothing) or cannot be a path at all (a name over 255 bytes) raises FileProblem."""
    path = Path(text).expanduser()
    try:
        if path.is_dir():
            return path
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            raise FileProblem(path, f"is a local path that cannot be resolved: a symbolic link to "
                              f"{os.readlink(path)}, which does not exist") from None
    except OSError as err:
        raise FileProblem(path, "is a local path that cannot be resolved "
                          f"({describe_os_error(err)})") from None
    return None


def _probe(folder: Path, path: Path) -> None:
    """Create and remove a file in `folder`: the only sure test (permissions, read-only or
    immutable file systems, /proc all answer it)."""
    if not folder.is_dir():
        raise FileProblem(path, f"cannot be created: {folder} is not a folder")
    try:
        handle, name = tempfile.mkstemp(prefix=".tsa-registry-", dir=folder)
    except OSError as err:
        raise FileProblem(path, f"cannot be written: no file can be created in {folder} "
                          f"({describe_os_error(err)})") from None
    os.close(handle)
    os.unlink(name)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def describe_os_error(err: OSError) -> str:
    """The system's words for an error, without the path it repeats."""
    if err.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if err.errno == errno.ENAMETOOLONG:
        return "a name longer than the system allows: 255 bytes"
    return err.strerror or type(err).__name__


def write_whole(path: Path | str, data: str | bytes) -> None:
    """Write a file whole or not at all: into a temporary file of its own beside it, then renamed
    over it, so a reader never sees half a file and two writers never share a temporary file.
    A file that is replaced keeps its permissions."""
    path = Path(path)
    temporary = _beside(path)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def replace_folder(path: Path) -> Iterator[Path]:
    """A new folder of its own beside `path` to fill; when the block ends without an error, it
    takes the place of `path` (an old `path` is removed first), else it is removed."""
    temporary = _beside(path)
    temporary.parent.mkdir(parents=True, exist_ok=True)
    temporary.mkdir()
    try:
        yield temporary
        shutil.rmtree(path, ignore_errors=True)
        os.replace(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _beside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
