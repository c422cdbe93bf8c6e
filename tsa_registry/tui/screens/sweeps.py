"""The Sweeps screen: a sweep's plan, each run's state and live progress, and the results table
(mean ± sd over seeds beside the catalogue's reference) filling in as runs finish.

`start_sweep` plans a sweep of the models marked on the Models screen, on the data of the last
fine-tune form, and runs it here (the local executor) while the screen follows it. A sweep
started elsewhere (`tsa-registry sweep`, Slurm) is followed from its folder alike.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tsa_registry.formatting import RUN_STATUS_STYLE, percent, spread
from tsa_registry.safe_text import inert
from tsa_registry.sweeps.plan import FIXED_SEEDS

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.sweeps.folder import Sweep, TaskState
    from tsa_registry.sweeps.report import ReportRow
    from tsa_registry.tui.app import TsaApp

# What a sweep started from the Models screen runs: NorBench's five seeds, each model's defaults.
TUI_SEEDS: list[int] = list(FIXED_SEEDS[:5])
TUI_EPOCHS: list[int] | None = None
COLUMNS = ("run", "seed", "state", "progress", "epochs", "dev F1", "test F1")


class SweepsScreen(Screen):
    if TYPE_CHECKING:
        app = getters.app(TsaApp)
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="sweeps.back", tooltip="Back to the previous screen"),
        Binding("x", "stop", "Stop", id="sweeps.stop", tooltip="Cancel the runs in progress (resumable)"),
    ]

    def __init__(self, sweep: Sweep) -> None:
        super().__init__()
        self.sweep = sweep
        self.stop_event = threading.Event()
        self.processes: list[Any] = []  # training processes this screen started

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
        """Run the sweep's unfinished runs on this machine, in a thread; the screen follows them."""
        from tsa_registry.sweeps.local import run_local

        def run() -> None:
            run_local(self.sweep, stop=self.stop_event, on_start=self.processes.append)
            self.app.call_from_thread(self.reload)

        self.run_worker(run, thread=True, group="sweep-run", name="The sweep", exit_on_error=False)

    def action_stop(self) -> None:
        self.stop_event.set()
        for process in self.processes:
            process.cancel(timeout=0)
        self.notify("Sweep stopped; `tsa-registry sweep resume` goes on from the saved epochs.", markup=False)


def start_sweep(app: TsaApp, models: list[str]) -> None:
    """Plan a sweep of `models` on the last fine-tune form's data, and run it with its screen."""
    from tsa_registry.sweeps.folder import SweepError, create_sweep, new_sweep_path
    from tsa_registry.task.conll import DataError
    from tsa_registry.training.plan import PlanError

    files = app.data_files
    if not files.get("train") or not files.get("dev"):
        app.notify("Give the data once in the fine-tune form (f): the sweep uses its files, or run "
                   "`tsa-registry sweep MODEL... --train FILE --dev FILE`.", severity="warning", markup=False)
        return
    from tsa_registry.sweeps.plan import plan_sweep

    try:
        plan = plan_sweep(models, seeds=TUI_SEEDS, epochs=TUI_EPOCHS, registry=app.registry,
                          train=Path(files["train"]), dev=Path(files["dev"]),
                          test=Path(files["test"]) if files.get("test") else None)
        sweep = create_sweep(plan, new_sweep_path())
    except (DataError, PlanError, SweepError, ValueError) as err:
        app.notify(str(err), title="Sweep", severity="error", markup=False)
        return
    screen = SweepsScreen(sweep)
    app.push_screen(screen)
    screen.run_here()
