"""The fine-tune form's data: data set names (`norec_tsa`) made files, and a quick try's first N
sentences of each file, written once to the data folder so that the run can be resumed."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tsa_registry import paths


def resolve_names(options: dict[str, Any], endpoint: str | None = None) -> None:
    """Replace each data set name among train/dev/test with its split's file (downloaded first
    if need be; DataSetError says why not)."""
    from tsa_registry.data.get import resolve_data

    for split in ("train", "dev", "test"):
        if isinstance(options.get(split), str):
            options[split] = resolve_data(options[split], split, endpoint=endpoint)


def first_sentences(files: dict[str, Path], count: int) -> dict[str, Path]:
    """Each file's first `count` sentences, as a file of its own under the data folder's quick-try
    folder (named by the source's path and the count: the same try gets the same file)."""
    from tsa_registry.task.conll import read_conll, write_conll

    folder = paths.user_data_dir() / "quick-try"
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for split, source in files.items():
        digest = hashlib.sha256(str(Path(source).resolve()).encode()).hexdigest()[:10]
        target = folder / f"{Path(source).stem}-{digest}-first-{count}.conll"
        if not target.exists():
            write_conll(target, read_conll(source).sentences[:count])
        out[split] = target
    return out
