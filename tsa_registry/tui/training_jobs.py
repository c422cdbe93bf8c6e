"""The App's part in fine-tuning: start a run, follow its events in a worker, cancel it.

A run outlives any screen, so the App owns it; the run screen only reads `RunProgress`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work

from tsa_registry.formatting import percent
from tsa_registry.training import events
from tsa_registry.tui.app_state import AppState
from tsa_registry.tui.messages import RunsChanged, TrainingEvent
from tsa_registry.tui.run_progress import RunProgress

if TYPE_CHECKING:
    from pathlib import Path

    from tsa_registry.training.process import TrainingProcess
    from tsa_registry.training.request import TrainRequest


class TrainingJobs(AppState):
    """The app's part in fine-tuning: `begin_training`, `action_cancel_run`, `action_show_run`."""

    training: TrainingProcess | None = None  # while one runs
    run_progress: RunProgress | None = None

    def begin_training(self, request: TrainRequest, output: Path | None = None) -> None:
        from tsa_registry.training.process import start_training

        self.start_process(lambda: start_training(request, output, root=self.services.runs_path(), detachable=True))

    def start_process(self, start: Callable[[], TrainingProcess]) -> None:
        """Start a run's training process (a new run, or a resumed one) and follow it."""
        if self.training is not None:
            self.notify("A fine-tune is already running: cancel it first (x on its screen).", severity="warning")
            return
        try:
            process = start()
        except Exception as err:  # noqa: BLE001 - a run that cannot start is an error to show
            self.notify(f"The run could not start: {err}", severity="error", markup=False)
            return
        self.training = process
        self.run_progress = RunProgress(name=process.run.name, path=str(process.run.path),
                                        model=process.run.request().model)
        self.follow_training(process)
        self.action_show_run()
        self.post_message(RunsChanged())

    def follow_training(self, process: TrainingProcess) -> None:
        """Read the process's events in a daemon thread: unlike a worker, it does not hold the
        app open on quitting, so a run can be left going in the background."""
        threading.Thread(target=self._follow, args=(process,), name=f"follow {process.run.name}",
                         daemon=True).start()

    def _follow(self, process: TrainingProcess) -> None:
        """Each event goes to the UI as a message, until the process ends."""
        name = process.run.name
        try:
            for event in process.events():
                if not self.is_running:  # the app quit and left the run going
                    return
                self.post_message(TrainingEvent(name, event))
        except Exception as err:  # noqa: BLE001 - a broken stream ends the run as failed
            self.post_message(TrainingEvent(name, events.Failed(message=f"{type(err).__name__}: {err}", time=0.0)))
            return
        if self.run_progress is not None and self.run_progress.final is None:
            status, message = process.run.effective_status()
            final = events.Cancelled if status == "cancelled" else events.Failed
            self.post_message(TrainingEvent(name, final(message=message or "the training process ended", time=0.0)))

    def on_training_event(self, message: TrainingEvent) -> None:
        progress = self.run_progress
        if progress is None or progress.name != message.run:
            return
        event = message.event
        progress.apply(event)
        if isinstance(event, (events.Done, events.Failed, events.Cancelled)):
            self.training = None
            self.post_message(RunsChanged())
            if isinstance(event, events.Done):
                self.notify(f"Run {message.run} is complete: dev F1 {percent(event.dev_f1)}.",
                            title="Fine-tune")
            elif isinstance(event, events.Failed):
                self.notify(f"Run {message.run} failed: {event.message}", title="Fine-tune",
                            severity="error", markup=False, timeout=15)
            else:
                self.notify(f"Run {message.run} was cancelled.", title="Fine-tune", severity="warning")

    def action_show_run(self) -> None:
        from tsa_registry.tui.screens.run import RunScreen

        if self.run_progress is None:
            self.notify("No fine-tune has run yet in this session: f on a model starts one; "
                        "the Runs view (r) shows earlier runs.", severity="warning")
            return
        self.push_screen(RunScreen(self.run_progress))

    def action_cancel_run(self) -> None:
        if self.training is None:
            self.notify("No fine-tune is running.", severity="warning")
            return
        if self.run_progress is not None:
            self.run_progress.cancelling = True
        self.notify("Cancelling the fine-tune…", title="Fine-tune")
        self._cancel(self.training)

    @work(thread=True, group="cancel", exit_on_error=False)
    def _cancel(self, process: TrainingProcess) -> None:
        process.cancel()  # waits for the process to stop cleanly (it marks the run cancelled)
