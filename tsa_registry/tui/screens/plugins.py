"""The Plugins screen: each plugin, its families, and every failure and claim conflict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tsa_registry.rows import plugin_rows
from tsa_registry.safe_text import inert
from tsa_registry.tui.messages import RegistryChanged

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.tui.app import TsaApp


class PluginsScreen(Screen):

    if TYPE_CHECKING:  # the app's own class, with its state and jobs
        app = getters.app(TsaApp)

    BINDINGS = [
        Binding("escape", "app.catalogue", "Back", id="plugins.back", tooltip="Back to the catalogue (or m)"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="plugins", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="plugin-problems"):
            yield Static(id="problems")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("plugin", "source", "families", "status")
        self.refresh_rows()
        table.focus()

    def on_registry_changed(self, message: RegistryChanged) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        registry = self.app.registry
        table = self.query_one(DataTable)
        table.clear()
        rows = plugin_rows(registry)
        for row in rows:
            source = row["source"] + (f" {row['version']}" if row["version"] else "")
            state = Text("loaded", style="green") if row["error"] is None else Text("failed", style="bold red")
            cells = (row["name"], source, ", ".join(row["families"]))
            table.add_row(*(Text(inert(value)) for value in cells), state, key=row["name"])
        failed = sum(row["error"] is not None for row in rows)
        self.sub_title = f"{len(rows)} plugins, {len(registry.families)} families, {failed} failed"
        lines: list[Text] = []
        for row in rows:
            if row["error"]:
                lines.append(Text.assemble((inert(f"{row['name']}: "), "bold red"), inert(row["error"])))
        for problem in registry.problems:
            if not any(problem.startswith(f"plugin {row['name']!r}") for row in rows):
                lines.append(Text.assemble(("catalogue: ", "bold yellow"), inert(problem)))
        for conflict in registry.conflicts:
            lines.append(Text.assemble(("claim conflict: ", "bold yellow"), inert(conflict.describe())))
        if not lines:
            lines.append(Text("Every plugin loaded; no catalogue problems.", style="dim"))
        lines.append(Text(
            "Contested model_types: higher priority wins, then a third-party family over a "
            "built-in one, then the name in alphabetical order.", style="dim"))
        self.query_one("#problems", Static).update(Group(*lines))
