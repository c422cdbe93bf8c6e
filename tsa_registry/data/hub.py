"""A data set's parquet files from the Hub, through huggingface_hub, at the pinned revision.

Online: one `dataset_info` call first (a single request, no retries: a Hub that cannot be reached
fails here within a second instead of after huggingface_hub's back-off), then the file tree (names
and sizes), then `hf_hub_download` of each file of the config, which the HF cache keeps. Offline
(HF_HUB_OFFLINE=1): the files the HF cache already holds for that revision. HF_ENDPOINT, HF_TOKEN
and the cache location are huggingface_hub's own settings.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from tsa_registry.data import events
from tsa_registry.data.errors import DataSetError, explain, not_cached
from tsa_registry.data.known import Config, DataSet

TIMEOUT = 10.0  # seconds for the first answer of the Hub


Files = dict[str, list[tuple[str, Path]]]  # Hub split -> (path in the repository, file on disk)


def fetch(data: DataSet, config: Config, *, offline: bool, force: bool = False,
          endpoint: str | None = None, progress: events.Progress = events.ignore) -> Files:
    """The parquet files of each split, in name order, in the HF cache. Raises DataSetError.
    `endpoint=None`: HF_ENDPOINT, or huggingface.co."""
    from tsa_registry.sources.errors import token_problem

    progress(events.Resolving(data.repo_id, data.revision, offline))
    try:
        if offline:
            return _from_cache(data, config, endpoint)
        if problem := token_problem():
            raise DataSetError("data.token", f"{problem[0].upper()}{problem[1:]}.",
                               "Copy the token again from the Hub's settings page.")
        return _download(data, config, force, endpoint, progress)
    except DataSetError:
        raise
    except Exception as error:
        raise explain(error, data, config) from error


def _download(data: DataSet, config: Config, force: bool, endpoint: str | None,
              progress: events.Progress) -> Files:
    from huggingface_hub import HfApi, hf_hub_download
    from huggingface_hub.hf_api import RepoFile

    api = HfApi(endpoint=endpoint)
    api.dataset_info(data.repo_id, revision=data.revision, timeout=TIMEOUT)
    tree = api.list_repo_tree(data.repo_id, repo_type="dataset", revision=data.revision,
                              recursive=True)
    sizes = {item.path: item.size for item in tree if isinstance(item, RepoFile)}
    wanted = _by_split(data, config, sizes)
    names = [name for files in wanted.values() for name in files]
    total = sum(sizes[name] or 0 for name in names) if all(sizes[n] for n in names) else None
    done, local = 0, {}
    for index, name in enumerate(names, 1):
        progress(events.Downloading(name, index, len(names), sizes[name], done, total))
        local[name] = Path(hf_hub_download(data.repo_id, name, repo_type="dataset",
                                           revision=data.revision, force_download=force,
                                           endpoint=endpoint))
        done += sizes[name] or 0
        progress(events.Downloaded(name, index, len(names), done, total))
    return {split: [(name, local[name]) for name in files] for split, files in wanted.items()}


def _from_cache(data: DataSet, config: Config, endpoint: str | None) -> Files:
    from huggingface_hub import snapshot_download

    folder = Path(snapshot_download(data.repo_id, repo_type="dataset", revision=data.revision,
                                    allow_patterns=list(config.files.values()),
                                    local_files_only=True, endpoint=endpoint))
    present = {p.relative_to(folder).as_posix(): None for p in folder.rglob("*") if p.is_file()}
    try:
        wanted = _by_split(data, config, present)
    except DataSetError:
        raise not_cached(data, config) from None
    return {split: [(name, folder / name) for name in files] for split, files in wanted.items()}


def _by_split(data: DataSet, config: Config, files: dict) -> dict[str, list[str]]:
    """The repository's files of each split, by the config's globs; every split needs one."""
    wanted = {}
    for split, pattern in config.files.items():
        wanted[split] = sorted(name for name in files if fnmatch.fnmatchcase(name, pattern))
        if not wanted[split]:
            raise DataSetError(
                "data.layout", f"{data.repo_id} at {data.revision[:7]} has no file for the "
                f"{split} split of config {config.name} (none matches {pattern!r}).",
                "The repository's layout is not the one tsa-registry knows: upgrade "
                "tsa-registry, or give the data as file paths.")
    return wanted
