"""Which weight files transformers will load for a model folder: one rule for check and train.

`from_pretrained` on a folder (transformers 5, `_get_resolved_checkpoint_files`) reads, in order:
the file config.json names in `transformers_weights`; `model.safetensors`; the shards listed in
`model.safetensors.index.json`; `pytorch_model.bin`; the shards of `pytorch_model.bin.index.json`.
Any other file (`adapter_model.safetensors`, `model.bin`, ...) is never loaded, so its format says
nothing about what loading runs. A shard whose name does not end in `.safetensors` is unpickled
(transformers decides by the name), even when the index is the safetensors one.

tsa-registry loads a model with `use_safetensors=True` unless the user passed `--allow-pickle`,
and only after this rule said the files are safetensors, so both agree on the files.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

SAFE, SAFE_INDEX = "model.safetensors", "model.safetensors.index.json"
PICKLE, PICKLE_INDEX = "pytorch_model.bin", "pytorch_model.bin.index.json"
ADAPTER = "adapter_config.json"


@dataclass(frozen=True)
class LoadedWeights:
    """What transformers would read: `format` of the weights (None: it finds none), the files
    (index first), and `problem`: why loading them would fail or is not safe to allow."""

    format: Literal["safetensors", "pickle"] | None
    files: tuple[str, ...] = ()
    problem: str | None = None

    def refusal(self, allow_pickle: bool) -> str | None:
        """Why these weights must not be loaded now; None when they may."""
        if self.problem:
            return self.problem
        if self.format is None:
            hint = "" if allow_pickle else f"; if it has {PICKLE} only, pass --allow-pickle"
            return (f"no weights that transformers loads ({SAFE}, {SAFE_INDEX} and its shards, "
                    f"or {PICKLE}){hint}")
        if self.format == "pickle" and not allow_pickle:
            return (f"the weights transformers loads are pickle ({', '.join(self.files)}): "
                    "unpickling can run code. Pass --allow-pickle if you trust the model")
        return None


def loaded_weights(files: Collection[str], config: Mapping[str, Any] | None, folder: Path | None,
                   *, complete: bool = True) -> LoadedWeights:
    """The weights `from_pretrained` would read, from the repository's file names (`files`,
    paths relative to its root), its config and the index files found in `folder`.
    `complete=False`: `files` is only part of the repository (the HF cache)."""
    if ADAPTER in files:
        return LoadedWeights(None, (ADAPTER,), f"{ADAPTER} makes transformers load an adapter's "
                             "weights as well (through PEFT), which tsa-registry does not vet")
    named = (config or {}).get("transformers_weights")
    if named is not None:
        return _named(str(named), files, folder, complete)
    if SAFE in files:
        return LoadedWeights("safetensors", (SAFE,))
    if SAFE_INDEX in files:
        return _sharded(SAFE_INDEX, files, folder, complete)
    if PICKLE in files:
        return LoadedWeights("pickle", (PICKLE,))
    if PICKLE_INDEX in files:
        return _sharded(PICKLE_INDEX, files, folder, complete)
    return LoadedWeights(None)


class UnsafeWeights(ValueError):
    """Weights that must not be loaded as asked; the message names the folder and says why."""


def ensure_safe_weights(folder: Path, allow_pickle: bool) -> str:
    """The format of the weights transformers will load from `folder` ("safetensors" or, with
    `allow_pickle`, "pickle"); UnsafeWeights when they must not be loaded (`train` refuses the
    model before anything starts, the training process again before it loads them)."""
    loaded = folder_weights(folder)
    refusal = loaded.refusal(allow_pickle)
    if refusal or loaded.format is None:
        raise UnsafeWeights(f"{folder}: {refusal}.")
    return loaded.format


def folder_weights(folder: Path) -> LoadedWeights:
    """The rule applied to a folder on disk (a model folder, a run's model, a checkpoint)."""
    from tsa_registry.sources.facts import read_config

    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} \
        if folder.is_dir() else set()
    return loaded_weights(names, read_config(folder)[0], folder)


def _named(name: str, files: Collection[str], folder: Path | None, complete: bool) -> LoadedWeights:
    """config.json's `transformers_weights`: transformers takes that file and no other."""
    where = f"config.json names {name!r} in transformers_weights"
    if not _inside(name):
        return LoadedWeights(None, (name,), f"{where}, a path outside the model folder")
    if name.endswith(".safetensors.index.json"):
        return _sharded(name, files, folder, complete)
    if complete and name not in files:
        return LoadedWeights(None, (name,), f"{where}, which is not there")
    if name.endswith(".safetensors"):
        return LoadedWeights("safetensors", (name,))
    return LoadedWeights("pickle", (name,))


def _sharded(index: str, files: Collection[str], folder: Path | None, complete: bool) -> LoadedWeights:
    shards, problem = _shards(index, folder)
    if problem:
        return LoadedWeights(None, (index,), problem)
    outside = [s for s in shards if not _inside(s)]
    if outside:
        return LoadedWeights(None, (index,), f"{index} names {outside[0]!r}, a path outside the model folder")
    missing = [s for s in shards if s not in files]
    if complete and missing:
        return LoadedWeights(None, (index,), f"{index} names {missing[0]!r}, which is not there")
    pickled = [s for s in shards if not s.endswith(".safetensors")]
    if index.endswith(".safetensors.index.json") and pickled:
        return LoadedWeights(None, (index, *shards), f"{index} names {pickled[0]!r}, which is not a "
                             "safetensors file: transformers would unpickle it")
    return LoadedWeights("pickle" if pickled else "safetensors", (index, *shards))


def _shards(index: str, folder: Path | None) -> tuple[list[str], str | None]:
    """The shard names in an index's weight_map, or why the index cannot be read."""
    if folder is None or not (folder / index).is_file():
        return [], f"{index} could not be read (it is not among the files fetched)"
    try:
        data = json.loads((folder / index).read_text(encoding="utf-8"))
        names = sorted({str(v) for v in data["weight_map"].values()})
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return [], f"{index} is not a valid index (a JSON object with a weight_map)"
    if not names:
        return [], f"{index} lists no shards"
    return names, None


def _inside(name: str) -> bool:
    normal = posixpath.normpath(name.replace("\\", "/"))
    return bool(name) and not normal.startswith(("/", "../")) and normal != ".." and ":" not in normal
