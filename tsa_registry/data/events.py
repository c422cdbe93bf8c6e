"""Typed progress of fetching a data set, sent through a callback: the CLI draws a progress bar
from it, the terminal UI a ProgressBar. Byte counts cover the files that are downloaded."""

from __future__ import annotations

from collections.abc import Callable

import msgspec


class Resolving(msgspec.Struct, frozen=True, tag="resolving"):
    """Asking the Hub for the files (or, offline, the HF cache)."""

    repo_id: str
    revision: str
    offline: bool


class Downloading(msgspec.Struct, frozen=True, tag="downloading"):
    """File `index` of `count` is being fetched; `done` of `total` bytes are already here."""

    file: str
    index: int
    count: int
    size: int | None
    done: int
    total: int | None


class Downloaded(msgspec.Struct, frozen=True, tag="downloaded"):
    file: str
    index: int
    count: int
    done: int
    total: int | None


class Checked(msgspec.Struct, frozen=True, tag="checked"):
    """One split read from parquet: every row is valid and the sentence count is right."""

    split: str
    sentences: int


class Installed(msgspec.Struct, frozen=True, tag="installed"):
    folder: str


Event = Resolving | Downloading | Downloaded | Checked | Installed
Progress = Callable[[Event], None]


def ignore(event: Event) -> None:
    """The callback when nobody listens."""
