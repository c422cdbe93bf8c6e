"""The Sweeps screens: every sweep in the sweeps folder (`v`), and one sweep's plan, each run's
state and live progress, and the results table (mean ± sd over seeds beside the catalogue's
reference) filling in as runs finish.

`start_sweep` opens the sweep form for the models marked on the Models screen; the sweep it plans
runs here (the local executor) while its screen follows it. A sweep started elsewhere
(`tsa-registry sweep`, on Slurm or in another terminal) is followed from its folder and the
scheduler's queue alike, and `u` runs what it has not completed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tsa_registry.formatting import RUN_STATUS_STYLE, counted, percent, spread
from tsa_registry.safe_text import inert

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.sweeps.folder import Sweep, TaskState
    from tsa_registry.sweeps.report import ReportRow
    from tsa_registry.tui.app import TsaApp

COLUMNS = ("run", "seed", "state", "progress", "epochs", "dev F1", "test F1")


class SweepsScreen(Screen):
    if TYPE_CHECKING:
        app = getters.app(TsaApp)
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="sweeps.back", tooltip="Back to the previous screen"),
        Binding("u", "resume", "Run here", id="sweeps.resume",
                tooltip="Run what has not completed on this machine, one run after another"),
        Binding("x", "stop", "Stop", id="sweeps.stop", tooltip="Stop the sweep running here (resumable)"),
    ]

    def __init__(self, sweep: Sweep) -> None:
        super().__init__()
        self.sweep = sweep

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="sweep-runs", cursor_type="row", zebra_stripes=True)
        yield Static(id="sweep-report")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = str(self.sweep.path)
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.reload()
        self.set_interval(1.0, self.reload)

    def reload(self) -> None:
        self.run_worker(self._read, thread=True, exclusive=True, group="sweep-states", exit_on_error=False)

    def _read(self) -> None:
        from tsa_registry.sweeps.report import sweep_report
        from tsa_registry.sweeps.slurm import queued

        states = self.sweep.states(queued(self.sweep))
        rows = sweep_report(self.sweep, self.app.registry, states=states)
        self.app.call_from_thread(self.show, states, rows)

    def show(self, states: list[TaskState], rows: list[ReportRow]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for s in states:
            table.add_row(Text(inert(s.key)), str(s.seed), Text(s.state, style=RUN_STATUS_STYLE.get(s.state, "")),
                          "" if s.progress is None else f"{s.progress:.0%}", f"{s.epochs_done}/{s.epochs}",
                          percent(s.dev_f1, "-"), percent(s.test_f1, "-"), key=s.key)
        report = Table(title="Strict span F1 (%), mean ± sd over seeds", expand=True)
        for column in ("model", "n", "dev", "test", "reference", "best epochs"):
            report.add_column(column)
        for r in rows:
            flag = " (differs)" if r.differs else ""
            report.add_row(Text(inert(r.model)), f"{r.complete}/{r.runs}", spread(r.dev.mean, r.dev.sd),
                           spread(r.test.mean, r.test.sd), spread(r.reference_f1, r.reference_sd) + flag,
                           " ".join(map(str, r.best_epochs)))
        self.query_one("#sweep-report", Static).update(report)
        done = sum(s.state == "complete" for s in states)
        self.sub_title = f"{self.sweep.path}: {done} of {len(states)} runs complete"

    def run_here(self) -> None:
        """Run the sweep's unfinished runs on this machine; the app holds the runner, so it goes
        on when this screen is closed."""
        app = self.app  # the runner's thread has no active app of its own

        def ended() -> None:
            if app.is_running:  # not after quitting
                app.call_from_thread(self._ended)

        app.sweep_jobs.start(self.sweep, on_end=ended)

    def _ended(self) -> None:
        if self.is_attached:
            self.reload()

    def action_resume(self) -> None:
        from tsa_registry.sweeps.folder import DONE
        from tsa_registry.sweeps.slurm import queued

        if self.app.sweep_jobs.running(self.sweep):
            self.notify("The sweep is already running here.", markup=False)
            return
        states = self.sweep.states(queued(self.sweep))  # one read of the folder and the queue
        if any(state.job for state in states):
            self.notify("Runs of this sweep are in the Slurm queue: `tsa-registry sweep resume` once they "
                        "have left it.", severity="warning", markup=False)
            return
        if any(state.state == "running" for state in states):
            self.notify("A run of this sweep is training in another process (`tsa-registry sweep` in another "
                        "terminal?): u once it has ended.", severity="warning", markup=False)
            return
        left = [state for state in states if state.state != DONE]
        if not left:
            self.notify("Every run is complete.", markup=False)
            return
        self.notify(f"Running {counted(len(left), 'run')} here, one after another.", markup=False)
        self.run_here()

    def action_stop(self) -> None:
        job = self.app.sweep_jobs.running(self.sweep)
        if job is None:
            self.notify("Nothing of this sweep runs here: runs on Slurm stop with scancel.", markup=False)
            return
        job.stop()
        self.notify("Sweep stopped; u (or `tsa-registry sweep resume`) goes on from the saved epochs.",
                    markup=False)


class SweepListScreen(Screen):
    """Every sweep in the sweeps folder, newest first, with how far it has come; enter follows one."""

    if TYPE_CHECKING:
        app = getters.app(TsaApp)
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="sweeplist.back", tooltip="Back to the previous screen"),
        Binding("o", "open_sweep", "Open", id="sweeplist.open", tooltip="Follow the sweep (or enter)"),
        Binding("R", "reload", "Refresh", id="sweeplist.refresh", tooltip="Read the sweeps folder again"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="sweep-list", cursor_type="row", zebra_stripes=True)
        yield Static(id="sweep-list-empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from tsa_registry import paths
        from tsa_registry.formatting import display_path

        self.sub_title = display_path(paths.sweeps_dir())
        self.query_one(DataTable).add_columns("sweep", "models", "runs", "states")
        self.sweeps: dict[str, Sweep] = {}
        self.action_reload()

    def on_screen_resume(self) -> None:
        """Back from a sweep: its runs may have moved on."""
        if self.sweeps:
            self.action_reload()

    def action_reload(self) -> None:
        self.run_worker(self._read, thread=True, exclusive=True, group="sweep-list", exit_on_error=False)

    def _read(self) -> None:
        from tsa_registry.sweeps.folder import SweepError, list_sweeps
        from tsa_registry.sweeps.slurm import queued

        rows = []
        for sweep in list_sweeps():
            try:
                plan, states = sweep.plan(), sweep.states(queued(sweep))
            except SweepError as err:
                rows.append((sweep, "?", "?", str(err)))
                continue
            models = ", ".join(dict.fromkeys(t.request.model for t in plan.tasks))
            counts: dict[str, int] = {}
            for state in states:
                counts[state.state] = counts.get(state.state, 0) + 1
            done = counts.get("complete", 0)
            rows.append((sweep, models, f"{done}/{len(states)}",
                         ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))))
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[tuple[Sweep, str, str, str]]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.sweeps = {sweep.name: sweep for sweep, *_ in rows}
        for sweep, models, runs, states in rows:
            table.add_row(Text(inert(sweep.name)), Text(inert(models)), runs, Text(inert(states)), key=sweep.name)
        self.query_one("#sweep-list-empty", Static).update(
            "" if rows else "No sweeps yet: mark models with space on the Models screen, then w; "
                            "or `tsa-registry sweep MODEL... --train FILE --dev FILE`.")
        table.focus()

    @on(DataTable.RowSelected, "#sweep-list")
    def action_open_sweep(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key in self.sweeps:
            self.app.push_screen(SweepsScreen(self.sweeps[key]))


def start_sweep(app: TsaApp, models: list[str]) -> None:
    """The sweep form for `models`, with the data of the last fine-tune or sweep form."""
    from tsa_registry.tui.screens.sweep_form import SweepFormScreen

    app.push_screen(SweepFormScreen(models, dict(app.data_files)))
