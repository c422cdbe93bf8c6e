"""The help screen: what each screen is for and its keys, generated from the bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "tsa-registry: find, check, fine-tune and compare encoders for Norwegian targeted "
    "sentiment analysis. Every action is also in the command palette (ctrl+p), "
    "named by what it works on: \"model: check\", \"run: cancel\", \"view: runs\"."
)


class HelpScreen(ModalScreen[None]):
    """Keys of the app and of the screen underneath, with what they do."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close", id="help.close",
                        tooltip="Close the help")]

    def __init__(self, screen_bindings: list[Binding], screen_name: str) -> None:
        super().__init__()
        self.screen_bindings = screen_bindings
        self.screen_name = screen_name

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._render_help())

    def _render_help(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        table.add_row("", Text(INTRO))
        for title, bindings in ((f"{self.screen_name} screen", self.screen_bindings),
                                ("Everywhere", list(self.app.BINDINGS))):
            table.add_row("", "")
            table.add_row("", Text(title, style="bold underline"))
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    keys = ", ".join(self.app.get_key_display(Binding(k, "")) for k in binding.key.split(","))
                    table.add_row(keys, f"{binding.description}: {binding.tooltip}" if binding.tooltip
                                  else binding.description)
        table.add_row("", "")
        table.add_row("", Text("Esc closes this help.", style="dim"))
        return table
