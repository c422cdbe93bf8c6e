"""The App's part in fine-tuning: start a run, follow its events in a worker, cancel it.

A run outlives any screen, so the App owns it; the run screen only reads `RunProgress`.
"""

from __future__ import annotations

from typing import Any

from textual import work

from tsa_registry.formatting import percent
from tsa_registry.tui.messages import RunsChanged, TrainingEvent
from tsa_registry.tui.run_progress import RunProgress


class TrainingJobs:
    """Mixed into the App: `begin_training`, `action_cancel_run`, `action_show_run`."""

    training: Any = None  # the TrainingProcess while one runs
    run_progress: RunProgress | None = None

    def begin_training(self, request: Any) -> None:
        from tsa_registry.training.process import start_training

        if self.training is not None:
            self.notify("A fine-tune is already running: cancel it first (x on its screen).", severity="warning")
            return
        try:
            process = start_training(request, root=self.services.runs_path())
        except Exception as err:  # noqa: BLE001 - a run that cannot start is an error to show
            self.notify(f"The run could not start: {err}", severity="error", markup=False)
            return
        self.training = process
        self.run_progress = RunProgress(name=process.run.name, path=str(process.run.path), model=request.model)
        self.follow_training(process)
        self.action_show_run()
        self.post_message(RunsChanged())

    @work(thread=True, exclusive=True, group="training", exit_on_error=False)
    def follow_training(self, process: Any) -> None:
        """Read the process's events until it ends; each goes to the UI as a message."""
        from tsa_registry.training import events

        name = process.run.name
        try:
            for event in process.events():
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
        progress.apply(message.event)
        kind = getattr(message.event, "kind", "")
        if kind in ("done", "failed", "cancelled"):
            self.training = None
            self.post_message(RunsChanged())
            if kind == "done":
                self.notify(f"Run {message.run} is complete: dev F1 {percent(message.event.dev_f1)}.",
                            title="Fine-tune")
            elif kind == "failed":
                self.notify(f"Run {message.run} failed: {message.event.message}", title="Fine-tune",
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
    def _cancel(self, process: Any) -> None:
        process.cancel()  # waits for the process to stop cleanly (it marks the run cancelled)
