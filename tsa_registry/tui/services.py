"""What the app needs from outside, passed in so that tests point it at their own folders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tsa_registry import paths
from tsa_registry.registry import Registry, load_registry


@dataclass
class Services:
    """The registry loader and the places the app reads and writes.

    user_registry: your registry file (None: the default one in the config folder).
    runs_root: the folder of fine-tuning runs (None: the user's data folder).
    hub_endpoint: a Hub server for searches (None: HF_ENDPOINT or huggingface.co).
    """

    user_registry: Path | None = None
    runs_root: Path | None = None
    hub_endpoint: str | None = None
    loader: Callable[[Path | None], Registry] = field(default=load_registry)
    speed_sentences: int = 100  # sentences a measurement from the app times (`speed` times 200)

    def load_registry(self) -> Registry:
        return self.loader(self.user_registry)

    def user_registry_path(self) -> Path:
        """Where `add` writes: the registry file given, or the user's default one."""
        return paths.user_registry_path(self.user_registry)[0]

    def runs_path(self) -> Path:
        return self.runs_root or paths.runs_dir()


def quiet_hub_logging() -> None:
    """huggingface_hub logs its retries to stderr, which would write over the screen: the app
    reports failures itself."""
    from huggingface_hub.utils import logging as hub_logging

    hub_logging.set_verbosity_error()
