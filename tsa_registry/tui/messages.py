"""The app's own messages: workers and the app tell screens what changed through these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tsa_registry.sources.search import HubModel
    from tsa_registry.training.events import Event


@dataclass
class CheckChanged(Message, bubble=False):
    """A model's check started, finished, failed or was cancelled (see `App.checks`)."""

    model: str


@dataclass
class RegistryChanged(Message, bubble=False):
    """The registry was reloaded (a model was added); `select` is the row to highlight."""

    select: str | None = None


@dataclass
class RunsChanged(Message, bubble=False):
    """A run started, finished or was cancelled: leaderboards and best F1s are stale."""


@dataclass
class SearchFinished(Message, bubble=False):
    """Hub search results (a list of `HubModel`), or the error to show instead."""

    query: str
    results: list[HubModel]
    error: str = ""


@dataclass
class TrainingEvent(Message, bubble=False):
    """One event of the running fine-tune (`tsa_registry.training.events`)."""

    run: str
    event: Event


@dataclass
class LeaderboardUpdated(Message, bubble=False):
    """The app read the runs again (`App.leaderboard`): tables that show F1s redraw."""
