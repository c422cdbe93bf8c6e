"""The fine-tune form's data: data set names (`norec_tsa`) made files, and a quick try's first N
sentences of each file, written once to the data folder so that the run can be resumed."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tsa_registry import paths

if TYPE_CHECKING:
    from tsa_registry.task.conll import Sentence


def resolve_names(options: dict[str, Any], endpoint: str | None = None) -> None:
    """Replace each data set name among train/dev/test with its split's file (downloaded first
    if need be; DataSetError says why not)."""
    from tsa_registry.data.get import resolve_data

    for split in ("train", "dev", "test"):
        if isinstance(options.get(split), str):
            options[split] = resolve_data(options[split], split, endpoint=endpoint)


def first_sentences(files: dict[str, Path], count: int) -> dict[str, Path]:
    """Each file's first `count` sentences, and the first sentence with each tag they lack (train
    and dev must share their tags), as a file of its own under the data folder's quick-try folder
    (named by the source's path and the count: the same try gets the same file)."""
    from tsa_registry.task.conll import read_conll, write_conll

    folder = paths.user_data_dir() / "quick-try"
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for split, source in files.items():
        digest = hashlib.sha256(str(Path(source).resolve()).encode()).hexdigest()[:10]
        target = folder / f"{Path(source).stem}-{digest}-first-{count}.conll"
        if not target.exists():
            write_conll(target, with_every_tag(read_conll(source).sentences, count))
        out[split] = target
    return out


def with_every_tag(sentences: list[Sentence], count: int) -> list[Sentence]:
    """The first `count` sentences, then the first one carrying each tag those lack, in file order."""
    chosen = set(range(min(count, len(sentences))))
    seen = {tag for i in chosen for tag in sentences[i].tags}
    for i, sentence in enumerate(sentences):
        if set(sentence.tags) - seen:
            chosen.add(i)
            seen |= set(sentence.tags)
    return [sentences[i] for i in sorted(chosen)]
