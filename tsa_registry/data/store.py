"""Data sets on disk: `<data folder>/datasets/<name>/<config>/{train,dev,test}.conll` plus a
`manifest.json` that records where they came from (repository, revision), their sentence counts
and sha256.

A config's folder appears whole or not at all: its files are written into a staging folder
beside it, read back, and then renamed into place (the old folder, with --force, is renamed
away first and removed after). A process that is killed halfway leaves only a staging folder
that the next `data get` removes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import msgspec

from tsa_registry import __version__
from tsa_registry.data.convert import check_read_back, conll_text
from tsa_registry.data.errors import DataSetError
from tsa_registry.data.known import Config, DataSet, full_name
from tsa_registry.files import describe_os_error
from tsa_registry.paths import datasets_dir
from tsa_registry.task.conll import Sentence

MANIFEST = "manifest.json"
_STAGING, _OLD = ".staging-", ".old-"


class FileRecord(msgspec.Struct, frozen=True):
    split: str
    file: str
    sentences: int
    bytes: int
    sha256: str
    sources: tuple[str, ...]  # the parquet files it was made from, paths in the repository


class Manifest(msgspec.Struct, frozen=True):
    name: str  # norec_tsa, norec_tsa:intensity
    data_set: str
    config: str
    repo_id: str
    revision: str
    licence: str
    fetched: str  # UTC, ISO 8601
    files: tuple[FileRecord, ...]
    tool_version: str

    def path(self, folder: Path, split: str) -> Path:
        return folder / next(f.file for f in self.files if f.split == split)


def folder_of(data: DataSet, config: Config) -> Path:
    return datasets_dir() / data.name / config.name


def read_manifest(folder: Path) -> Manifest | None:
    try:
        return msgspec.json.decode((folder / MANIFEST).read_bytes(), type=Manifest)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None


def problem(folder: Path, manifest: Manifest | None, data: DataSet) -> str | None:
    """Why the installed files cannot be used as they are, or None: none there, another
    revision than the one tsa-registry reads, or a file missing or changed since."""
    if manifest is None:
        return "not downloaded" if not folder.exists() else "damaged: no readable manifest.json"
    if manifest.revision != data.revision or manifest.repo_id != data.repo_id:
        return f"outdated: revision {manifest.revision[:7]}, tsa-registry reads {data.revision[:7]}"
    for record in manifest.files:
        try:
            content = (folder / record.file).read_bytes()
        except OSError:
            return f"damaged: {record.file} is missing"
        if hashlib.sha256(content).hexdigest() != record.sha256:
            return f"damaged: {record.file} was changed"
    return None


def install(data: DataSet, config: Config, splits: dict[str, list[Sentence]],
            sources: dict[str, tuple[str, ...]]) -> Manifest:
    """Write each split as CoNLL, check it reads back, and put the folder in place at once.
    Raises DataSetError (its folder cannot be written: a full disk, no permission)."""
    final = folder_of(data, config)
    parent = final.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(parent)
        staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-", dir=parent))
    except OSError as err:
        raise _unwritable(parent, err) from None
    try:
        records = [_write(staging, data, config, split, sentences, sources[split])
                   for split, sentences in splits.items()]
        manifest = Manifest(full_name(data, config), data.name, config.name, data.repo_id,
                            data.revision, data.licence,
                            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), tuple(records),
                            __version__)
        _write_bytes(staging / MANIFEST, msgspec.json.format(msgspec.json.encode(manifest)))
        _swap(staging, final)
    except OSError as err:
        raise _unwritable(final, err) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _write(folder: Path, data: DataSet, config: Config, split: str, sentences: list[Sentence],
           sources: tuple[str, ...]) -> FileRecord:
    content = conll_text(sentences).encode("utf-8")
    path = folder / f"{split}.conll"
    _write_bytes(path, content)
    check_read_back(path, sentences, f"{full_name(data, config)} {split}")
    return FileRecord(split, path.name, len(sentences), len(content),
                      hashlib.sha256(content).hexdigest(), sources)


def _write_bytes(path: Path, content: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def _swap(staging: Path, final: Path) -> None:
    """Put `staging` where `final` is; an existing `final` is renamed away, then removed."""
    old = None
    if final.exists():
        old = final.with_name(f"{_OLD}{os.getpid()}-{final.name}")
        os.rename(final, old)
    try:
        os.rename(staging, final)
    except OSError as err:
        if err.errno not in (errno.ENOTEMPTY, errno.EEXIST) or read_manifest(final) is None:
            raise
        # Another `data get` put the same revision in place meanwhile: keep it.
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(parent: Path) -> None:
    """Staging and old folders of processes that are gone (killed halfway)."""
    for path in parent.iterdir():
        if path.name.startswith((_STAGING, _OLD)):
            pid = path.name.split("-", 2)[1]
            if not pid.isdigit() or not _alive(int(pid)):
                shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of this process is from an earlier, failed attempt
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _unwritable(path: Path, err: OSError) -> DataSetError:
    return DataSetError("data.write", f"{path}: cannot be written ({describe_os_error(err)}); "
                        "nothing was installed.", "Free some space there, or point "
                        "TSA_REGISTRY_HOME at a folder on a disk with room.", usage=True)
