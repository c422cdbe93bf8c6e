"""Where a run's base model comes from: a local folder, or a Hub snapshot pinned to a commit.

Weights are loaded from safetensors only, unless the user allowed pickle (`--allow-pickle`):
unpickling a checkpoint can run code. Which files count is the rule in sources/weights.py, the
one `check` applies too.
"""

from __future__ import annotations

import platform
import socket
import sys
from pathlib import Path
from typing import Any

from tsa_registry.sources.weights import ensure_safe_weights

# The small files NERModel needs besides the weights.
_FILES = ["*.json", "*.txt", "*.model", "*.py", "sentencepiece*", "spiece*", "*.tiktoken"]


class ModelSourceError(RuntimeError):
    """The base model cannot be fetched as asked; the message says what to do."""


def resolve_model(model: str, revision: str | None, *, allow_pickle: bool,
                  trust_remote_code: bool) -> tuple[Path, dict[str, Any]]:
    """A local folder holding the model, and what to record of it (id, revision, path)."""
    folder = Path(model).expanduser()
    if folder.is_dir():
        ensure_safe_weights(folder, allow_pickle)  # UnsafeWeights says why not
        return folder.resolve(), {"id": model, "revision": revision, "path": str(folder.resolve())}
    from huggingface_hub import snapshot_download

    from tsa_registry.sources.errors import explain, token_problem

    if problem := token_problem():
        raise ModelSourceError(f"{model}: {problem}")

    patterns = [p for p in _FILES if p != "*.py" or trust_remote_code] + ["*.safetensors"]
    if allow_pickle:
        patterns.append("*.bin")
    try:
        path = Path(snapshot_download(model, revision=revision, allow_patterns=patterns))
    except Exception as err:  # explain() raises again what is none of the Hub's errors
        failure = explain(err, model, revision)
        raise ModelSourceError(f"{failure.message} {failure.fix}".strip()) from err
    ensure_safe_weights(path, allow_pickle)
    return path, {"id": model, "revision": path.name, "path": str(path)}


def environment(device: str) -> dict[str, Any]:
    """Versions and hardware, for run.json."""
    import simpletransformers
    import torch
    import transformers

    from tsa_registry import __version__

    info = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "host": socket.gethostname(),
        "tsa_registry": __version__,
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "simpletransformers": getattr(simpletransformers, "__version__", "unknown"),
        "device": device,
        "cpu_threads": torch.get_num_threads(),
    }
    if device == "cuda":
        info["gpu"] = torch.cuda.get_device_name(0)
        info["cuda"] = torch.version.cuda
    return info
