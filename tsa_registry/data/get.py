"""Get a data set into the data folder, or find it there: what `data get`, `data list` and a
command given `norec_tsa` in place of a file use."""

from __future__ import annotations

from pathlib import Path

import msgspec

from tsa_registry.data import events, store
from tsa_registry.data.convert import read_split
from tsa_registry.data.errors import DataSetError
from tsa_registry.data.hub import fetch
from tsa_registry.data.known import KNOWN, Config, DataSet, UnknownDataSet, full_name, lookup


class Got(msgspec.Struct, frozen=True):
    """The installed data set; `fetched` is False when it was already there."""

    manifest: store.Manifest
    folder: Path
    fetched: bool
    replaced: str | None = None  # why files that were there were replaced (outdated, damaged)

    def path(self, split: str) -> Path:
        return self.manifest.path(self.folder, split)


class Status(msgspec.Struct, frozen=True):
    """One config of a known data set in the data folder (`data list`)."""

    name: str
    data_set: DataSet
    config: Config
    folder: Path
    manifest: store.Manifest | None
    problem: str | None  # None: installed and intact


def get_data(name: str | DataSet, config: str | None = None, *, force: bool = False,
             offline: bool | None = None, endpoint: str | None = None,
             progress: events.Progress = events.ignore) -> Got:
    """Install data set `name` (`norec_tsa`, `norec_tsa:intensity`, or a DataSet) unless it is
    already installed and intact; `force` fetches it again. `offline=None`: HF_HUB_OFFLINE
    decides; `endpoint=None`: HF_ENDPOINT. Raises DataSetError, or UnknownDataSet for a name
    that is not known."""
    data, chosen = _resolve(name, config)
    folder = store.folder_of(data, chosen)
    manifest = store.read_manifest(folder)
    found = store.problem(folder, manifest, data)
    if found is None and manifest is not None and not force:
        return Got(manifest, folder, fetched=False)
    _ensure_writable()
    if offline is None:
        from huggingface_hub.constants import is_offline_mode

        offline = is_offline_mode()
    files = fetch(data, chosen, offline=offline, force=force, endpoint=endpoint,
                  progress=progress)
    splits = {}
    for split in data.splits:
        sentences = read_split(data, chosen, files[split.hub_name])
        if len(sentences) != split.sentences:
            raise DataSetError(
                "data.count", f"The {split.name} split of {full_name(data, chosen)} "
                f"({split.hub_name} in {data.repo_id} at {data.revision[:7]}) has "
                f"{len(sentences)} sentences; expected {split.sentences}. Nothing was installed.",
                f"Fetch it again with `tsa-registry data get {full_name(data, chosen)} --force`; "
                "if the count stays wrong, the Hub (or the mirror HF_ENDPOINT names) serves other "
                "files than the ones tsa-registry knows.")
        splits[split.name] = sentences
        progress(events.Checked(split.name, len(sentences)))
    sources = {s.name: tuple(n for n, _ in files[s.hub_name]) for s in data.splits}
    manifest = store.install(data, chosen, splits, sources)
    progress(events.Installed(str(folder)))
    replaced = None if found in (None, "not downloaded") else found
    return Got(manifest, folder, fetched=True, replaced=replaced)


def resolve_data(text: str, split: str, *, offline: bool | None = None,
                 endpoint: str | None = None, progress: events.Progress = events.ignore) -> Path:
    """The CoNLL file of `split` (train, dev or test) of data set `text` (`norec_tsa`,
    `norec_tsa:intensity`), downloaded first if it is not in the data folder."""
    data, config = lookup(text)
    try:
        wanted = data.split(split)
    except KeyError as err:
        raise UnknownDataSet(str(err.args[0])) from None
    got = get_data(data, config.name, offline=offline, endpoint=endpoint, progress=progress)
    return got.path(wanted.name)


def statuses() -> list[Status]:
    """Every config of every known data set, installed or not."""
    found = []
    for data in KNOWN.values():
        for config in data.configs:
            folder = store.folder_of(data, config)
            manifest = store.read_manifest(folder)
            found.append(Status(full_name(data, config), data, config, folder, manifest,
                                store.problem(folder, manifest, data)))
    return found


def _resolve(name: str | DataSet, config: str | None) -> tuple[DataSet, Config]:
    if isinstance(name, DataSet):
        try:
            return name, name.config(config or name.configs[0].name)
        except KeyError as err:
            raise UnknownDataSet(str(err.args[0])) from None
    return lookup(name, config)


def _ensure_writable() -> None:
    from tsa_registry.files import FileProblem, ensure_writable
    from tsa_registry.paths import datasets_dir

    try:
        ensure_writable(datasets_dir(), folder=True)
    except FileProblem as problem:
        raise DataSetError("data.write", f"{problem}; nothing was downloaded.",
                           "Choose a data folder you can write with TSA_REGISTRY_HOME.",
                           usage=True) from None
