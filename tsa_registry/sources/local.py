"""Facts from a folder on disk: a downloaded model, a snapshot in the HF cache, a tiny model."""

from __future__ import annotations

from pathlib import Path

from tsa_registry.sources.facts import ModelFacts, read_card, read_config


def facts_from_folder(folder: Path, *, model: str | None = None, source: str = "local",
                      revision: str | None = None) -> ModelFacts:
    """Read config, card, file sizes and safetensors headers; never the weights themselves."""
    folder = Path(folder)
    files = {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*"))
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}
    config, config_error = read_config(folder)
    card, card_error = read_card(folder)
    facts = ModelFacts(model=model or str(folder), source=source, folder=folder, revision=revision,
                       config=config, config_error=config_error, files=files, card=card,
                       card_error=card_error)
    shards = [name for name in files if name.endswith(".safetensors")]
    if shards:
        facts.safetensors_parameters = _parameters_from_headers([folder / name for name in shards])
    return facts


def _parameters_from_headers(paths: list[Path]) -> dict[str, int]:
    """Parameters per dtype, from each file's header (safe_open maps the file, reads no tensor)."""
    from safetensors import safe_open

    counts: dict[str, int] = {}
    for path in paths:
        with safe_open(path, "np") as handle:
            for name in handle.keys():
                tensor = handle.get_slice(name)
                size = 1
                for dim in tensor.get_shape():
                    size *= dim
                dtype = str(tensor.get_dtype())
                counts[dtype] = counts.get(dtype, 0) + size
    return counts
