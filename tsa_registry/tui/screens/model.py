"""The model screen: one model's catalogue facts, local runs and check report, full size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from tsa_registry.tui.messages import CheckChanged, LeaderboardUpdated
from tsa_registry.tui.widgets.detail_pane import DetailPane
from tsa_registry.tui.widgets.model_sections import show_model

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.tui.app import TsaApp


class ModelScreen(Screen):
    """Opened with enter on a row of the Models table; esc goes back to the table."""

    if TYPE_CHECKING:  # the app's own class, with its state and jobs
        app = getters.app(TsaApp)

    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "Back", id="model-screen.back", tooltip="Back to the catalogue"),
        Binding("c", "check", "Check", id="model-screen.check", tooltip="Check the model from its metadata"),
        Binding("d", "check(True)", "Deep", id="model-screen.deep-check",
                tooltip="Train a shrunken copy for a few steps"),
        Binding("x", "app.cancel_check", "Cancel check", show=False, id="model-screen.cancel-check",
                tooltip="Stop the running check"),
        Binding("f", "app.fine_tune", "Fine-tune", id="model-screen.fine-tune", tooltip="Fine-tune this model"),
    ]

    def __init__(self, model: str) -> None:
        super().__init__()
        self.model = model

    def compose(self) -> ComposeResult:
        yield Header()
        yield DetailPane(id="model-details")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.model
        self.redraw()
        self.query_one(DetailPane).focus()  # the arrows scroll the report

    def redraw(self) -> None:
        if self.model in self.app.registry.entries:
            show_model(self.query_one(DetailPane), self.app, self.model)

    def action_check(self, deep: bool = False) -> None:
        self.app.start_check(self.model, deep=deep)

    def on_check_changed(self, message: CheckChanged) -> None:
        if message.model == self.model:
            self.redraw()
            self.query_one(DetailPane).scroll_home(animate=False)

    def on_leaderboard_updated(self, message: LeaderboardUpdated) -> None:
        self.redraw()
