"""Where plugins come from: the entry-point group ``tsa_registry`` and a folder of ``*.py`` files.

Each source yields candidates that are not imported yet: the plugin manager imports each one on
its own, so one that fails is reported and the others still load.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

GROUP = "tsa_registry"
BUILTIN_DISTRIBUTION = "tsa-registry"
BUILTIN = "built-in"
FILE_MODULE_PREFIX = "tsa_registry_dir_plugin_"


@dataclass(frozen=True)
class Candidate:
    """A plugin found but not imported: `load()` imports it and returns the plugin object."""

    name: str
    source: str  # "built-in", the distribution that installed it, or the file's path
    module: str
    load: Callable[[], object]
    version: str | None = None
    kind: str = "entry-point"  # where its name comes from: "entry-point" or "file"

    @property
    def builtin(self) -> bool:
        return self.source == BUILTIN


def wanted_plugins() -> frozenset[str] | None:
    """The third-party plugins ``TSA_REGISTRY_PLUGINS`` allows (None: every one)."""
    wanted = os.environ.get("TSA_REGISTRY_PLUGINS")
    return None if wanted is None else frozenset(n.strip() for n in wanted.split(",") if n.strip())


def entry_point_plugins(only: Collection[str] | None = None) -> list[Candidate]:
    """Built-in plugins first, then third-party ones (only those named in `only`, if given)."""
    found = []
    for ep in entry_points(group=GROUP):
        dist = ep.dist
        builtin = dist is not None and _normalise(dist.name) == BUILTIN_DISTRIBUTION
        if only is not None and not builtin and ep.name not in only:
            continue
        source = BUILTIN if builtin else (dist.name if dist is not None else "unknown distribution")
        version = None if builtin or dist is None else dist.version
        found.append(Candidate(ep.name, source, ep.value, ep.load, version))
    return sorted(found, key=lambda c: (not c.builtin, c.name))


def folder_plugins(folder: Path) -> list[Candidate]:
    """Each ``*.py`` file of `folder` as a plugin named after the file."""
    return [Candidate(path.stem, str(path), FILE_MODULE_PREFIX + path.stem, _file_loader(path), kind="file")
            for path in sorted(folder.resolve().glob("*.py")) if path.is_file()]


def _file_loader(path: Path) -> Callable[[], object]:
    def load() -> ModuleType:
        name = FILE_MODULE_PREFIX + path.stem
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"{path} cannot be imported as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses and pickle look a module up by its name
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(name, None)
            raise
        return module

    return load


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
