"""The run screen: progress, a live loss plot, the log, Cancel, and the metrics at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, RichLog, Static

from tsa_registry.formatting import RUN_STATUS_STYLE, clock, percent
from tsa_registry.safe_text import inert
from tsa_registry.training.events import Done
from tsa_registry.tui.run_progress import RunProgress
from tsa_registry.tui.widgets.loss_plot import LossPlot

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.tui.app import TsaApp

REDRAW_SECONDS = 0.5


class RunScreen(Screen):
    """Shows one `RunProgress`: the live one the app follows, or a finished run read from disk."""

    if TYPE_CHECKING:  # the app's own class, with its state and jobs
        app = getters.app(TsaApp)

    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "Back", id="run.back", tooltip="Back; the run goes on"),
        Binding("x", "app.cancel_run", "Cancel run", id="run.cancel", tooltip="Stop the fine-tune (it can be resumed)"),
    ]

    def __init__(self, progress: RunProgress) -> None:
        super().__init__()
        self.progress = progress
        self._logged = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="run-status")
        yield ProgressBar(id="run-bar", show_eta=False)
        with Horizontal(id="run-body"):
            yield LossPlot(id="run-plot")
            yield Static(id="run-scores")
        yield RichLog(id="run-log", wrap=True, markup=False, auto_scroll=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"run {self.progress.name}"
        self.redraw()
        self.set_interval(REDRAW_SECONDS, self.redraw)

    def redraw(self) -> None:
        """Everything from the progress so far; cheap enough to run twice a second."""
        p = self.progress
        bar = self.query_one(ProgressBar)
        if p.total_steps:
            bar.update(total=p.total_steps, progress=p.total_steps if p.status == "complete" else p.step)
        bar.display = bool(p.total_steps) or p.final is None  # no bar waiting forever for a run that ended
        self.query_one("#run-status", Static).update(self._status_line())
        self.query_one(LossPlot).show(p.steps, p.losses, [e.step for e in p.evaluations],
                                      [e.f1 for e in p.evaluations], status=p.status)
        self.query_one("#run-scores", Static).update(self._scores())
        log = self.query_one(RichLog)
        for style, line in p.log[self._logged:]:
            log.write(Text(inert(line), style=style))  # event messages quote data and errors
        self._logged = len(p.log)

    def _status_line(self) -> Text:
        p = self.progress
        style = "bold " + RUN_STATUS_STYLE.get(p.status, "cyan")
        parts: list[str | tuple[str, str]] = [(p.status, style)]
        if p.last and p.status in ("running", "cancelling"):  # first: the line is cut at 80 columns
            parts.append(f"  {clock(p.last.eta)} left")
        if p.started:
            parts.append(f"  {p.model} on {p.started.device}")
        if p.last:
            parts.append(f"  epoch {p.last.epoch}/{p.started.epochs if p.started else '?'}"
                         f"  step {p.last.step}/{p.last.total_steps}  loss {p.last.loss:.4f}"
                         f"  {p.last.sentences_per_second:.0f} sentences/s")
        if p.status in ("running", "cancelling"):
            parts.append(("  x cancels", "dim"))
        return Text.assemble(*parts)

    def _scores(self) -> Table:
        """Dev F1 for each epoch, and at the end the best epoch, test F1 and the reference."""
        table = Table(box=None, pad_edge=False, title="span F1 %", title_style="bold")
        table.add_column("epoch")
        table.add_column("dev", justify="right")
        for e in self.progress.evaluations:
            table.add_row(f"{e.epoch}{' *' if e.best else ''}", percent(e.f1))
        done = self.progress.final
        if isinstance(done, Done):
            table.add_row("best", percent(done.dev_f1), style="bold")
            if done.test_f1 is not None:
                table.add_row("test", percent(done.test_f1), style="bold")
            reference = self.app.reference_f1(self.progress.model)
            if reference is not None:
                table.add_row("ref.", percent(reference), style="dim")
        return table
