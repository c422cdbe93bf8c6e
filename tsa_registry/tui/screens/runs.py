"""The Runs screen: every run beside the catalogue's reference F1, a run's loss curve, its folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tsa_registry.formatting import RUN_STATUS_STYLE, counted, display_path, percent, shorten_end, shorten_middle
from tsa_registry.safe_text import inert
from tsa_registry.tui.catalogue_rows import NARROW_TABLE
from tsa_registry.tui.messages import LeaderboardUpdated
from tsa_registry.tui.run_progress import RunProgress
from tsa_registry.tui.widgets.loss_plot import LossPlot

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.training.leaderboard import LeaderboardRow
    from tsa_registry.tui.app import TsaApp

# The run's name and data first: at 80 columns they tell rows of one model apart.
COLUMNS = ("run", "data", "dev F1", "test F1", "ref F1", "status", "epochs", "model")


class RunsScreen(Screen):

    if TYPE_CHECKING:  # the app's own class, with its state and jobs
        app = getters.app(TsaApp)
    narrow = False  # the rows are shortened for a narrow terminal (set with them)
    BINDINGS = [  # the way back first: at 80 columns the footer's end is cut
        Binding("escape", "app.catalogue", "Back", id="runs.back", tooltip="Back to the catalogue (or m)"),
        Binding("o", "open_run", "Open", id="runs.open", tooltip="The run's log, plot and metrics (or enter)"),
        Binding("x", "cancel_run", "Cancel", id="runs.cancel",
                tooltip="Stop the highlighted run (asks first if another process trains it)"),
        Binding("u", "resume_run", "Resume", id="runs.resume", tooltip="Go on with a failed or cancelled run"),
        Binding("delete,D", "delete_run", "Delete", id="runs.delete",
                tooltip="Delete the highlighted run's folder, after you confirm (not while it runs)"),
        Binding("R", "app.reload_runs", "Refresh", id="runs.refresh", tooltip="Read the runs folder again"),
        Binding("y", "copy_path", "Copy folder", show=False, id="runs.copy",
                tooltip="Copy the run's folder to the clipboard"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="leaderboard", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="run-detail"):
            yield LossPlot(id="runs-plot")
            yield Static(id="run-folder")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.refresh_rows()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def on_resize(self) -> None:
        if self.query(DataTable) and (self.app.size.width < NARROW_TABLE) != self.narrow:
            self.refresh_rows()  # names shortened, or not, for the new width

    def on_leaderboard_updated(self, message: LeaderboardUpdated) -> None:
        self.refresh_rows()

    @property
    def selected(self) -> LeaderboardRow | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((row for row in self.app.leaderboard if row.run == key), None)

    def refresh_rows(self) -> None:
        table = self.query_one(DataTable)
        keep = self.selected.run if self.selected else None
        table.clear()
        rows = self.app.leaderboard
        self.narrow = narrow = self.app.size.width < NARROW_TABLE
        for row in rows:
            name, data = row.run, row.data or ""
            if narrow:
                name = shorten_end(name, 22)
                data = shorten_middle(data, 18)
            table.add_row(  # run folders are shared: their words are shown, never acted on
                Text(inert(name)), Text(inert(data)), Text(percent(row.dev_f1), justify="right"),
                Text(percent(row.test_f1), justify="right"),
                Text(percent(row.reference_f1), justify="right", style="dim"),
                Text(inert(row.status), style=RUN_STATUS_STYLE.get(row.status, "")),
                Text(inert(f"{row.epochs.done}/{row.epochs.of}" if row.epochs else "?")),
                Text(inert(row.model or "?")), key=row.run)
        names = [row.run for row in rows]
        if keep in names:
            table.move_cursor(row=names.index(keep), animate=False)
        self.sub_title = (f"{counted(len(rows), 'run')} in {display_path(self.app.services.runs_path())}" if rows
                          else "no runs yet")
        self.show_selected()

    @on(DataTable.RowHighlighted, "#leaderboard")
    def show_selected(self) -> None:
        row = self.selected
        plot, folder = self.query_one(LossPlot), self.query_one("#run-folder", Static)
        if row is None:
            plot.show([], [])
            folder.update(Text("Runs appear here with their dev and test F1 beside the catalogue's "
                               "reference F1 (NorBench, NoReC_tsa test).", style="dim"))
            return
        progress = self.progress_of(row)
        plot.show(progress.steps, progress.losses, [e.step for e in progress.evaluations],
                  [e.f1 for e in progress.evaluations], status=progress.status)
        path = Path(row.path)
        files = sorted(p.name + ("/" if p.is_dir() else "") for p in path.iterdir()
                       if not p.name.startswith(".")) if path.is_dir() else []  # not .lock
        parts = [Text("folder", style="bold"), Text(inert(display_path(path))), Text("")]
        if row.message:
            parts += [Text(inert(row.message), style=RUN_STATUS_STYLE.get(row.status, "")), Text("")]
        if row.reference_source:
            parts += [Text(inert(f"reference: {row.reference_source}"), style="dim"), Text("")]
        parts.append(Text(inert(", ".join(files)), style="dim"))
        folder.update(Group(*parts))

    def progress_of(self, row: LeaderboardRow) -> RunProgress:
        live = self.app.run_progress
        if live is not None and live.name == row.run:
            return live
        from tsa_registry.training.runs import Run

        try:
            return RunProgress.from_run(Run(Path(row.path)))
        except (OSError, ValueError) as err:
            progress = RunProgress(name=row.run, path=row.path)
            progress.log.append(("red", f"progress.jsonl cannot be read: {err}"))
            return progress

    @on(DataTable.RowSelected, "#leaderboard")
    def action_open_run(self) -> None:
        from tsa_registry.tui.screens.run import RunScreen

        row = self.selected
        if row is not None:
            self.app.push_screen(RunScreen(self.progress_of(row)))

    def action_cancel_run(self) -> None:
        row = self.selected
        if row is not None:
            self.app.cancel_run_named(row.run, row.path)

    def action_resume_run(self) -> None:
        row = self.selected
        if row is not None:
            self.app.resume_run(row.path)

    def action_delete_run(self) -> None:
        row = self.selected
        if row is not None:
            self.app.delete_run(row.run, row.path)

    def action_copy_path(self) -> None:
        row = self.selected
        if row is not None:
            self.app.copy_to_clipboard(row.path)
            self.notify(f"Copied {row.path}", markup=False)
