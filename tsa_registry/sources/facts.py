"""ModelFacts: what can be known about a checkpoint without its weights, wherever it lives."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

if TYPE_CHECKING:
    from tsa_registry.sources.weights import LoadedWeights

WEIGHT_SUFFIXES = {".safetensors": "safetensors", ".bin": "pickle", ".pt": "pickle", ".pth": "pickle",
                   ".ckpt": "pickle", ".h5": "tensorflow", ".msgpack": "flax", ".onnx": "onnx",
                   ".gguf": "gguf"}
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
                   "vocab.txt", "vocab.json", "merges.txt", "sentencepiece.bpe.model", "spm.model",
                   "spiece.model", "tokenizer.model", "source.spm", "target.spm", "bpe.codes")


Source = Literal["local", "cache", "hub"]


@dataclass
class ModelFacts:
    """A checkpoint's metadata. `folder` holds its small files (config, tokenizer, README)."""

    model: str
    source: Source
    folder: Path
    revision: str | None = None
    config: dict[str, Any] | None = None
    config_error: str | None = None
    files: dict[str, int | None] = field(default_factory=dict)  # path in the repo -> bytes
    files_complete: bool = True  # False when only part of the repository is known (the HF cache)
    card: dict[str, Any] = field(default_factory=dict)
    card_error: str | None = None
    tokenizer_config: dict[str, Any] | None = None
    gated: bool | str = False
    safetensors_parameters: dict[str, int] | None = None  # parameters per dtype, from the headers
    weight_errors: dict[str, str] = field(default_factory=dict)  # weight file -> why it cannot be read
    notes: list[str] = field(default_factory=list)  # what the source could not find out, and why

    @property
    def remote_code(self) -> bool:
        """Loading runs code from the repository, if allowed: model or tokenizer classes."""
        return bool(self.remote_code_files)

    @property
    def remote_code_files(self) -> list[str]:
        """The files whose `auto_map` points to the repository's own code."""
        return remote_code_files(self.config, self.tokenizer_config)

    @property
    def loaded_weights(self) -> LoadedWeights:
        """The weight files transformers would load (tsa_registry.sources.weights)."""
        from tsa_registry.sources.weights import loaded_weights

        return loaded_weights(self.files, self.config, self.folder, complete=self.files_complete)

    @property
    def licence(self) -> str | None:
        value = self.card.get("license")
        return str(value) if value not in (None, "") else None

    @property
    def weight_files(self) -> dict[str, int | None]:
        return {name: size for name, size in self.files.items() if weight_format(name)}

    @property
    def tokenizer_files(self) -> list[str]:
        return [name for name in self.files if Path(name).name in TOKENIZER_FILES]


def remote_code_files(config: Any, tokenizer_config: Any) -> list[str]:
    """Which of config.json and tokenizer_config.json point to code of the model's own
    (`auto_map`): transformers runs that code when loading with trust_remote_code."""
    return [name for name, data in (("config.json", config), ("tokenizer_config.json", tokenizer_config))
            if isinstance(data, dict) and data.get("auto_map")]


def folder_remote_code(folder: Path) -> list[str]:
    """`remote_code_files` of a model folder on disk."""
    return remote_code_files(read_config(folder)[0], read_tokenizer_config(folder))


def weight_format(name: str) -> str | None:
    """"safetensors", "pickle", ... for a weight file name; None for anything else."""
    if name.endswith(".index.json"):
        return None
    return WEIGHT_SUFFIXES.get(Path(name).suffix)


def read_config(folder: Path) -> tuple[dict[str, Any] | None, str | None]:
    """config.json as a dict, or None and a message that names the file and says what is wrong."""
    path = folder / "config.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, "there is no config.json: this does not look like a Hugging Face model"
    except UnicodeDecodeError:
        return None, "config.json is not UTF-8 text"
    try:
        config = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"config.json is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
    if not isinstance(config, dict):
        return None, f"config.json holds a JSON {type(config).__name__}, not an object"
    return config, None


def read_tokenizer_config(folder: Path) -> dict[str, Any] | None:
    """tokenizer_config.json as a dict; None when absent or unreadable (the tokenizer check,
    which loads it through transformers, reports what is wrong with it)."""
    try:
        data = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class _Yaml12Loader(yaml.SafeLoader):
    """YAML with 1.2 booleans: only true/false. YAML 1.1 reads a bare `no` (Norwegian) as False."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_FRONT_MATTER = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def read_card(folder: Path) -> tuple[dict[str, Any], str | None]:
    """The YAML metadata at the top of README.md (model card), read with YAML 1.2 booleans."""
    path = folder / "README.md"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return {}, None
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, None
    try:
        data = yaml.load(match.group(1), Loader=_Yaml12Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        return {}, f"README.md: the model card's YAML metadata cannot be read{where}"
    return (data if isinstance(data, dict) else {}), None
