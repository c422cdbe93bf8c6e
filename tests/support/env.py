"""Environment for tests that touch the Hugging Face client: set before huggingface_hub is imported.

huggingface_hub reads HF_ENDPOINT, HF_HOME and HF_HUB_OFFLINE once, at import, so conftest.py
calls `isolate_hub_environment()` first thing. The endpoint is a loopback port reserved here and
served later, on first use, by `tests.support.hub.HubServer`; until then connections are refused
(there is no internet in tests either way).
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
from pathlib import Path

_RESERVED: dict[str, object] = {}


def isolate_hub_environment() -> socket.socket:
    """Point the HF client at a reserved loopback port and a fresh HF_HOME; return the socket."""
    if "socket" in _RESERVED:
        return _RESERVED["socket"]  # type: ignore[return-value]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    home = Path(tempfile.mkdtemp(prefix="tsa-hf-home-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ.update({
        "HF_ENDPOINT": f"http://127.0.0.1:{sock.getsockname()[1]}",
        "HF_HOME": str(home),
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HF_HUB_DISABLE_XET": "1",
        "HF_HUB_ETAG_TIMEOUT": "5",
        "HF_HUB_DOWNLOAD_TIMEOUT": "10",
        "TRANSFORMERS_VERBOSITY": "error",
        "TOKENIZERS_PARALLELISM": "false",
        "WANDB_DISABLED": "true",
        "TSA_REGISTRY_HOME": str(home / "tsa-registry"),  # never the developer's registry or runs
    })
    for name in ("TSA_REGISTRY_FILE", "TSA_REGISTRY_PLUGINS", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN",
                 "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE",
                 "TRANSFORMERS_CACHE"):
        os.environ.pop(name, None)
    _RESERVED.update(socket=sock, home=home)
    return sock
