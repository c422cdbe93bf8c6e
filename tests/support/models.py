"""Tiny models built once per test session and shared by every test that asks for the same kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tsa_registry.tiny import build_tiny_model


class TinyModels:
    """`get(arch, **options)` builds a model with `build_tiny_model` on first use, then reuses it.

    Treat the folders as read-only: copy one (`shutil.copytree`) before changing it.
    """

    def __init__(self, root: Path):
        self.root = root
        self._built: dict[str, Path] = {}

    def get(self, arch: str = "bert", **options: Any) -> Path:
        key = json.dumps([arch, options], sort_keys=True, default=str)
        if key not in self._built:
            folder = self.root / f"{arch}-{len(self._built)}"
            self._built[key] = build_tiny_model(folder, arch, **options)
        return self._built[key]
