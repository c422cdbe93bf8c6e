"""The app's part in speed: time the highlighted model on this machine in a worker thread, as
`tsa-registry speed MODEL` does (same function, measurement kept in the same store), with its
progress for the measure screen's bar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work

from tsa_registry.safe_text import inert
from tsa_registry.tui.app_state import AppState
from tsa_registry.tui.messages import RunsChanged

if TYPE_CHECKING:
    from tsa_registry.speed.events import Progress


@dataclass
class SpeedState:
    """One measurement as it goes: its stage and count, then its p90 or why it failed."""

    model: str
    stage: str = "starting"
    done: int = 0
    total: int = 0
    status: str = "running"  # running, done, failed
    message: str = ""
    p90_ms: float | None = None


class SpeedJobs(AppState):
    speed: SpeedState | None = None  # the latest measurement

    def action_measure(self) -> None:
        from tsa_registry.tui.screens.measure import MeasureScreen

        model = self.selected_model()
        if model is None:
            return
        if self.speed is None or self.speed.status != "running":
            self.speed = SpeedState(model)
            self.measure(self.speed)
        elif self.speed.model != model:
            self.notify(f"{self.speed.model} is being timed: wait for it to end.", severity="warning", markup=False)
        self.push_screen(MeasureScreen())

    @work(thread=True, exclusive=True, group="speed", exit_on_error=False)
    def measure(self, state: SpeedState) -> None:
        from tsa_registry.speed.model_speed import measure_model
        from tsa_registry.speed.sentences import builtin_sentences
        from tsa_registry.speed.subject import SpeedError
        from tsa_registry.tui.services import quiet_hub_logging

        quiet_hub_logging()

        def progress(event: Progress) -> None:
            state.stage = event.stage + (f" ({event.detail})" if event.detail else "")
            state.done, state.total = event.done, event.total

        try:
            result = measure_model(state.model, registry=self.registry, device="cpu",
                                   sentences=builtin_sentences(self.services.speed_sentences), on_progress=progress)
        except Exception as err:  # noqa: BLE001 - shown on the measure screen, never as a traceback
            message = str(err) if isinstance(err, SpeedError) else f"{type(err).__name__}: {err}"
            self.call_from_thread(self._measured, state, None, message)
            return
        self.call_from_thread(self._measured, state, result.measurements[0].latency.p90_ms, "")

    def _measured(self, state: SpeedState, p90_ms: float | None, message: str) -> None:
        state.status, state.p90_ms, state.message = ("failed" if p90_ms is None else "done"), p90_ms, message
        if p90_ms is None:
            self.notify(inert(f"{state.model} could not be timed: {message}"), severity="error", markup=False)
            return
        self.notify(inert(f"{state.model}: p90 {p90_ms:.0f} ms a sentence on this machine."), title="Speed",
                    markup=False)
        self.post_message(RunsChanged())  # measurements are read with the runs: the latency column redraws
