"""The measure screen: a progress bar while the highlighted model is timed, then its latency."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from tsa_registry.safe_text import inert

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.tui.app import TsaApp


class MeasureScreen(ModalScreen[None]):
    """Follows `app.speed`; esc closes it and the timing goes on (its result lands in the table)."""

    if TYPE_CHECKING:  # the app's own class, with its state and jobs
        app = getters.app(TsaApp)

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="measure.back",
                        tooltip="Back to the catalogue; the timing goes on")]

    def compose(self) -> ComposeResult:
        with Vertical(id="measure-box"):
            yield Static(id="measure-title")
            yield ProgressBar(id="measure-bar", show_eta=False)
            yield Static(id="measure-status")
            yield Static(Text("esc: back (the timing goes on; the p90 ms column shows the result)", style="dim"))

    def on_mount(self) -> None:
        self.redraw()
        self.set_interval(0.25, self.redraw)

    def redraw(self) -> None:
        state = self.app.speed
        if state is None:
            return
        self.query_one("#measure-title", Static).update(
            Text.assemble(("Timing ", "bold"), (inert(state.model), "bold"), " on this machine's CPU"))
        bar = self.query_one(ProgressBar)
        if state.status == "done":
            bar.update(total=1, progress=1)
            line = Text(f"done: p90 {state.p90_ms:.0f} ms a sentence (one sentence a call)", style="green")
        elif state.status == "failed":
            bar.display = False
            line = Text(inert(f"failed: {state.message}"), style="red")
        else:
            bar.update(total=state.total or None, progress=state.done)
            line = Text(inert(state.stage))
        self.query_one("#measure-status", Static).update(line)
