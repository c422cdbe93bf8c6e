"""The App's part in checks: run the compatibility check for one model in a worker.

The check is the same core function `tsa-registry check` calls; a check that downloads or
trains (--deep) runs in a thread so the UI never freezes, and a newer check cancels an older one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from tsa_registry.safe_text import inert, redact_urls
from tsa_registry.tui.app_state import AppState
from tsa_registry.tui.checks import CheckState, CheckStatus
from tsa_registry.tui.messages import CheckChanged

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from tsa_registry.check.report import Report


class CheckCancelled(Exception):
    """Raised from the check's progress callback to stop a check the user cancelled."""


class CheckJobs(AppState):
    """The app's part in checks: `action_check`, `action_cancel_check`, and `checks` by model id."""

    checks: dict[str, CheckState]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checks = {}

    def action_check(self, deep: bool = False) -> None:
        model = self.selected_model()
        if model is not None:
            self.start_check(model, deep=deep)

    def start_check(self, model: str, *, deep: bool = False) -> None:
        for state in self.checks.values():  # one check at a time: a new one replaces the old
            if state.status == "running":
                state.status, state.message = "cancelled", f"cancelled: {model} was checked instead"
        self.checks[model] = CheckState(model, deep)
        self.screen.post_message(CheckChanged(model))
        self.run_check(model, deep)

    def action_cancel_check(self) -> None:
        running = [w for w in self.workers if w.group == "check" and not w.is_finished]
        if not running:
            self.notify("No check is running.", severity="warning")
            return
        for worker in running:
            worker.cancel()
        for state in self.checks.values():
            if state.status == "running":
                self._finish_check(state, "cancelled", message="cancelled")

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def run_check(self, model: str, deep: bool) -> None:
        from tsa_registry.check import check_model
        from tsa_registry.tui.services import quiet_hub_logging

        quiet_hub_logging()
        worker = get_current_worker()
        state = self.checks[model]

        def progress(step: str) -> None:
            if worker.is_cancelled:
                raise CheckCancelled
            state.step = step
            self.call_from_thread(self.screen.post_message, CheckChanged(model))

        try:
            report = check_model(model, registry=self.registry, deep=deep, progress=progress)
        except CheckCancelled:
            return
        except Exception as err:  # noqa: BLE001 - shown in the detail pane, never as a traceback
            if not worker.is_cancelled:
                message = redact_urls(f"{type(err).__name__}: {err}")
                self.call_from_thread(self._finish_check, state, "failed", message=message)
            return
        if not worker.is_cancelled:  # a cancelled check's late answer is dropped
            self.call_from_thread(self._finish_check, state, "done", report=report)

    def _finish_check(self, state: CheckState, status: CheckStatus, *, report: Report | None = None,
                      message: str = "") -> None:
        if self.checks.get(state.model) is not state or state.status == "cancelled":
            return  # a newer check replaced this one, or the user cancelled it: drop the late answer
        state.status, state.report, state.message = status, report, message
        self.screen.post_message(CheckChanged(state.model))
        if status == "failed":
            self.notify(inert(f"The check of {state.model} failed: {message}"), severity="error", markup=False)
        elif report is not None:  # the verdict where the eye is, whichever screen is shown
            reason = f": {report.reason}" if report.reason else ""
            severity: SeverityLevel = "information" if report.verdict.startswith("compatible") else "warning"
            self.notify(inert(f"{state.model}: {report.verdict}{reason}. Enter on the model shows the report."),
                        title="Deep check" if state.deep else "Check", severity=severity, markup=False,
                        timeout=10)

    def check_suggestions(self, model: str) -> dict[str, Any]:
        """NERArgs the last finished check of a model suggests (empty without one)."""
        state = self.checks.get(model)
        if state is None or state.status != "done" or state.report is None:
            return {}
        # max_seq_length is left to the data (the longest sentence) unless the check measured it
        return {k: v for k, v in state.report.suggested_args.items() if k != "max_seq_length"}
