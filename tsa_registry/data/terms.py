"""Which known data set a CoNLL file is, and the condition a model trained on it inherits.

NoReC_tsa is CC BY-NC 4.0: a model fine-tuned on it may not be used or distributed
commercially. A file is recognised by where it lies (a data set folder `data get` wrote) or by
its SHA-256: that of a file in an installed data set's manifest, or of the CoNLL files `data get`
writes, which are byte for byte the ones ltgoslo/norec_tsa publishes (tsa_conll/ and
tsa-conll-intensity/ at commit 9d2469a), so copies of those are recognised too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import msgspec

from tsa_registry.data.known import KNOWN, DataSet
from tsa_registry.licences import licence_class

PUBLISHED_SHA256 = {
    "6c894d51f00cad393d6a389c3ecf538816b701fc67018eeb41b176825035e862": "norec_tsa",  # train
    "4a29902a4fe82ebef14a0491dc300aecfbfd8804f6e42f0b6d13b733bafb2516": "norec_tsa",  # dev
    "03a80f681bfb9dde1cdc64b8b2cd9d209b4133a4b7857d356e3f5cbdf859a1d6": "norec_tsa",  # train, intensity
    "a2800c6f9af370e5b4524eec47a4032601d87db42e277c05be05e969a6473464": "norec_tsa",  # dev, intensity
}


class DataTerms(msgspec.Struct, frozen=True):
    """The data set a model was trained on and the condition it carries; saved with the run."""

    data_set: str
    licence: str
    caveat: str


def terms_of(*files: str | Path | None) -> DataTerms | None:
    """The terms of the first of `files` that is a known data set's file; None for other data."""
    for file in files:
        if file is not None and (data := _data_set_of(Path(file))) is not None:
            return DataTerms(data.name, data.licence, caveat(data))
    return None


def caveat(data: DataSet) -> str:
    return (f"Fine-tuned on {data.name} ({data.licence_name}): the data's non-commercial "
            "condition applies to this model; do not use or distribute it commercially."
            if licence_class(data.licence) == "non-commercial" else f"Fine-tuned on {data.name} ({data.licence_name}).")


def _data_set_of(path: Path) -> DataSet | None:
    from tsa_registry.data import store
    from tsa_registry.paths import datasets_dir

    try:
        resolved = path.resolve()
        relative = resolved.relative_to(datasets_dir().resolve())
    except (OSError, ValueError):
        relative = None
    if relative is not None and relative.parts and relative.parts[0] in KNOWN:
        return KNOWN[relative.parts[0]]
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    if digest in PUBLISHED_SHA256:
        return KNOWN[PUBLISHED_SHA256[digest]]
    for data in KNOWN.values():
        for config in data.configs:
            manifest = store.read_manifest(store.folder_of(data, config))
            if manifest is not None and any(record.sha256 == digest for record in manifest.files):
                return data
    return None
