"""The Textual app: Models, Runs and Plugins views, app-wide actions, long work in workers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tsa_registry.registry import Registry, load_registry
from tsa_registry.tui.check_jobs import CheckJobs
from tsa_registry.tui.commands import PaletteCommands
from tsa_registry.tui.messages import LeaderboardUpdated, RunsChanged
from tsa_registry.tui.run_actions import RunActions
from tsa_registry.tui.screens.models import ModelsScreen
from tsa_registry.tui.screens.plugins import PluginsScreen
from tsa_registry.tui.services import Services
from tsa_registry.tui.speed_jobs import SpeedJobs

if TYPE_CHECKING:
    from tsa_registry.speed.results import Measurement
    from tsa_registry.training.leaderboard import LeaderboardRow


def _runs_screen() -> Screen:
    from tsa_registry.tui.screens.runs import (
        RunsScreen,  # imports plotext: not at start
    )

    return RunsScreen()


class TsaApp(CheckJobs, RunActions, SpeedJobs):
    TITLE = "tsa-registry"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere find it too
    COMMANDS = App.COMMANDS | {PaletteCommands}
    SCREENS = {"models": ModelsScreen, "runs": _runs_screen, "plugins": PluginsScreen}
    MODES = {"models": "models", "runs": "runs", "plugins": "plugins"}
    BINDINGS = [
        Binding("m", "catalogue", "Models", show=False, id="view.models", tooltip="Back to the catalogue"),
        Binding("r", "switch_mode('runs')", "Runs", id="view.runs", tooltip="Runs beside reference F1s"),
        Binding("v", "sweeps", "Sweeps", show=False, id="view.sweeps",
                tooltip="Every sweep, from here, the command line or Slurm"),
        Binding("p", "switch_mode('plugins')", "Plugins", show=False, id="view.plugins",
                tooltip="Plugins, families, failures"),
        Binding("question_mark,f1", "help", "Help", id="view.help", tooltip="Keys and screens"),
        Binding("q", "quit", "Quit", show=False, id="app.quit", tooltip="Leave tsa-registry"),
    ]

    def on_mount(self) -> None:
        self.reload_registry(notify=False)
        for problem in self.registry.problems:
            self.notify(problem, title="Registry", severity="warning", markup=False, timeout=10)
        self.switch_mode("models")
        self.load_runs()  # in a worker, after the first screen is drawn

    # -- runs ----------------------------------------------------------------------------------
    def on_runs_changed(self, message: RunsChanged) -> None:
        self.load_runs()

    def action_reload_runs(self) -> None:
        self.load_runs()

    @work(thread=True, exclusive=True, group="runs", exit_on_error=False)
    def load_runs(self) -> None:
        from tsa_registry.speed.store import latest_here, load_all
        from tsa_registry.training.leaderboard import leaderboard

        measured = latest_here(load_all())  # the latency `list` shows; a damaged line is skipped
        try:
            rows = leaderboard(registry=self.registry, root=self.services.runs_path())
        except Exception as err:  # noqa: BLE001
            self.call_from_thread(self.notify, f"The runs could not be read: {err}", severity="error", markup=False)
            rows = self.leaderboard
        self.call_from_thread(self._leaderboard_loaded, rows, measured)

    def _leaderboard_loaded(self, rows: list[LeaderboardRow], measured: dict[str, Measurement]) -> None:
        self.leaderboard, self.measured = rows, measured
        self.screen.post_message(LeaderboardUpdated())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The last line of defence: work that failed unexpectedly is shown, never a traceback."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.name or 'A task'} failed: {type(error).__name__}: {error}",
                        severity="error", markup=False, timeout=15)

    # -- actions -------------------------------------------------------------------------------
    def action_catalogue(self) -> None:
        """The Models table, from wherever: screens opened over it (a model, a run) are closed."""
        self.switch_mode("models")
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_sweeps(self) -> None:
        from tsa_registry.tui.screens.sweeps import SweepListScreen

        if not isinstance(self.screen, SweepListScreen):
            self.push_screen(SweepListScreen())

    def action_help(self) -> None:
        from tsa_registry.tui.screens.help import HelpScreen

        screen = self.screen
        bindings = [b for b in screen.BINDINGS if isinstance(b, Binding)]
        self.push_screen(HelpScreen(bindings, type(screen).__name__.removesuffix("Screen")))

    def action_focus_filter(self) -> None:
        self.switch_mode("models")
        self.call_after_refresh(self.models_screen.action_focus_filter)

    def action_add_model(self) -> None:
        from tsa_registry.tui.screens.add_model import AddModelScreen

        def added(model: str | None) -> None:
            if model:
                self.switch_mode("models")
                self.models_screen.refresh_rows(select=model)

        self.push_screen(AddModelScreen(), added)

    def action_fine_tune(self) -> None:
        from tsa_registry.tui.screens.finetune import FineTuneScreen

        model = self.selected_model()
        if model is None:
            return
        entry = self.registry.entries[model]
        suggested = {**self.registry.suggested_args_for(entry), **self.check_suggestions(model)}
        self.push_screen(FineTuneScreen(model, suggested, self.data_files, needs_remote_code=entry.remote_code))

    async def action_quit(self) -> None:
        training = self.training
        sweeps = self.sweep_jobs.any_running()
        from tsa_registry.tui.screens.confirm import ConfirmScreen

        if sweeps:
            def stop_and_quit(stop: bool | None) -> None:
                if stop:
                    for job in sweeps:
                        job.stop()
                    self.exit(message=f"Stopped the sweep; `tsa-registry sweep resume {sweeps[0].sweep.path}` "
                                      "goes on from the saved epochs.")

            names = ", ".join(job.sweep.name for job in sweeps)
            also = (f" The fine-tune run {training.run.name} goes on in the background." if training else "")
            self.push_screen(ConfirmScreen(
                f"Sweep {names} is running here. Quit and stop it? The run in progress is cancelled; u in "
                f"the Sweeps view (v) or `tsa-registry sweep resume` goes on from its saved epoch.{also}",
                yes="Quit, stop the sweep (y)", no="Stay (n)"), stop_and_quit)
            return
        if training is None:
            self.exit()
            return

        def answer(leave: bool | None) -> None:
            if leave:  # the process goes on (it was started detachable) and records its own end
                self.exit(message=f"Run {training.run.name} goes on in the background: "
                                  "`tsa-registry runs` shows it.")

        self.push_screen(ConfirmScreen(
            f"Run {training.run.name} is still training. Quit and leave it going in the background? "
            "`tsa-registry runs` and the Runs view show it; x there cancels it.",
            yes="Quit, leave it running (y)", no="Stay (n)"), answer)


def create_app(
    *,
    user_registry: Path | None = None,
    runs_root: Path | None = None,
    hub_endpoint: str | None = None,
    loader: Callable[[Path | None], Registry] = load_registry,
    speed_sentences: int = 100,
) -> TsaApp:
    """The app, given where your registry file and runs are (defaults: the user's own)."""
    return TsaApp(Services(user_registry=user_registry, runs_root=runs_root, hub_endpoint=hub_endpoint,
                           loader=loader, speed_sentences=speed_sentences))
