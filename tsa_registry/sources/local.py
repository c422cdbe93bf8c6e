"""Facts from a folder on disk: a downloaded model, a snapshot in the HF cache, a tiny model."""

from __future__ import annotations

from pathlib import Path

from tsa_registry.sources.facts import ModelFacts, Source, read_card, read_config, read_tokenizer_config


def facts_from_folder(folder: Path, *, model: str | None = None, source: Source = "local",
                      revision: str | None = None) -> ModelFacts:
    """Read config, card, file sizes and safetensors headers; never the weights themselves."""
    folder = Path(folder)
    files: dict[str, int | None] = {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*"))
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}
    config, config_error = read_config(folder)
    card, card_error = read_card(folder)
    facts = ModelFacts(model=model or str(folder), source=source, folder=folder, revision=revision,
                       config=config, config_error=config_error, files=files, card=card,
                       card_error=card_error, tokenizer_config=read_tokenizer_config(folder))
    loaded = facts.loaded_weights
    shards = [name for name in loaded.files if name.endswith(".safetensors") and name in files]
    if loaded.format == "safetensors" and shards:
        facts.safetensors_parameters = _parameters_from_headers(folder, shards, facts.weight_errors)
    return facts


def unreadable_safetensors(folder: Path) -> dict[str, str]:
    """Each safetensors file in `folder` whose header cannot be read (truncated, not
    safetensors), with why; empty when all can be."""
    errors: dict[str, str] = {}
    _parameters_from_headers(folder, sorted(p.name for p in Path(folder).glob("*.safetensors")), errors)
    return errors


def _parameters_from_headers(folder: Path, names: list[str], errors: dict[str, str]) -> dict[str, int] | None:
    """Parameters per dtype, from each file's header (safe_open maps the file, reads no tensor).

    A file whose header cannot be read (truncated, empty, not safetensors) goes into `errors`
    instead; the count is then left unknown rather than counted from the other shards only."""
    from safetensors import SafetensorError, safe_open

    counts: dict[str, int] = {}
    for name in names:
        try:
            with safe_open(folder / name, "np") as handle:
                for key in handle.keys():  # noqa: SIM118 - safe_open's keys(), not a dict's
                    tensor = handle.get_slice(key)
                    size = 1
                    for dim in tensor.get_shape():
                        size *= dim
                    dtype = str(tensor.get_dtype())
                    counts[dtype] = counts.get(dtype, 0) + size
        except (SafetensorError, OSError) as error:
            errors[name] = str(error) or type(error).__name__
    return None if errors else counts
