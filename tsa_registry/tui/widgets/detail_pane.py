"""The detail pane: what is known of the highlighted model, its local runs and its check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tsa_registry.details_text import render_details
from tsa_registry.safe_text import inert


class DetailPane(VerticalScroll, can_focus=True):
    """Scrollable details; `show_model()` replaces the whole content."""

    DEFAULT_CSS = """
    DetailPane { padding: 0 1; }
    DetailPane > Static { width: 1fr; }
    """

    def compose(self):
        yield Static(id="details-body")

    def show_model(self, info: dict[str, Any], sections: list[RenderableType],
                   first: Sequence[RenderableType] = ()) -> None:
        """Sections to read first (the check), the catalogue facts, then further sections (runs)."""
        parts: list[RenderableType] = []
        for section in first:
            parts += [section, Text("")]
        parts.append(render_details(info))
        for section in sections:
            parts += [Text(""), section]
        self.query_one("#details-body", Static).update(Group(*parts))

    def show_message(self, message: str) -> None:
        self.query_one("#details-body", Static).update(Text(inert(message), style="dim"))
