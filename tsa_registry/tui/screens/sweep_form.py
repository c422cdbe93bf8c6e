"""The sweep form: the marked models over seeds (and learning rates and epochs), on data given
here as in the fine-tune form; started, it opens the Sweeps screen, which runs it on this machine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from tsa_registry.safe_text import inert
from tsa_registry.tui.screens.form import FormScreen
from tsa_registry.tui.sweep_form import parse_sweep_form, sweep_defaults

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.sweeps.folder import Sweep
    from tsa_registry.tui.app import TsaApp

FIELDS = {
    "train": ("train file", "NoReC_tsa CoNLL, or norec_tsa (ctrl+o picks a file)"),
    "dev": ("dev file", "scored after each epoch; norec_tsa: its dev split"),
    "test": ("test file", "optional: scored once, with each run's best epoch"),
    "seeds": ("seeds", "a count of fixed seeds (5: 101 ... 505), or a list: 1,2,3"),
    "learning_rates": ("learning rates", "optional, comma-separated: each model's own when blank"),
    "epochs": ("epochs", "optional, comma-separated: each model's own when blank"),
}


class SweepFormScreen(FormScreen):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="sweepform.start", tooltip="Plan the sweep and run it here"),
        Binding("ctrl+o", "pick", "Pick file", id="sweepform.pick", tooltip="Choose the focused data field's file"),
        Binding("escape", "app.pop_screen", "Cancel", id="sweepform.cancel", tooltip="Close without starting"),
    ]

    FIRST = "seeds"
    LABELS, PATHS = FIELDS, ("train", "dev", "test")
    if TYPE_CHECKING:
        app = getters.app(TsaApp)

    def __init__(self, models: list[str], data: dict[str, str]) -> None:
        super().__init__()
        self.models = models
        self.defaults = sweep_defaults(data)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="sweep-form"):
            yield Static(inert(f"Sweep {', '.join(self.models)} over seeds"), id="sweep-form-title", markup=False)
            yield from self.field_rows(self.defaults)
            yield from self.buttons()

    def action_start(self) -> None:
        if self.query_one("#start", Button).disabled:
            return  # planning already (ctrl+s pressed again)
        options = self.parsed(parse_sweep_form)
        if options is None:
            return
        self.show_problems({}, "Reading the data and the models…")
        self.query_one("#start", Button).disabled = True
        self.plan(options)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def plan(self, options: dict[str, Any]) -> None:
        """Check the data and each model, then make the sweep folder, off the UI thread."""
        from tsa_registry.data.errors import DataSetError
        from tsa_registry.sweeps.folder import SweepError, create_sweep, new_sweep_path
        from tsa_registry.sweeps.plan import plan_sweep
        from tsa_registry.task.conll import DataError
        from tsa_registry.training.plan import PlanError
        from tsa_registry.tui.quick_try import resolve_names

        try:
            resolve_names(options, endpoint=self.app.services.hub_endpoint)
            data = {k: options[k] for k in ("train", "dev", "test") if options.get(k)}
            plan = plan_sweep(self.models, registry=self.app.registry, **options)
            sweep = create_sweep(plan, new_sweep_path())
        except (DataError, PlanError, SweepError, DataSetError, ValueError) as err:
            self.app.call_from_thread(self._plan_failed, str(err))
            return
        except Exception as err:  # noqa: BLE001 - shown in the form, never as a traceback
            self.app.call_from_thread(self._plan_failed, f"{type(err).__name__}: {err}")
            return
        self.app.call_from_thread(self._planned, sweep, data)

    def _plan_failed(self, message: str) -> None:
        self.query_one("#start", Button).disabled = False
        self.show_problems({}, message)

    def _planned(self, sweep: Sweep, data: dict[str, Any]) -> None:
        from tsa_registry.tui.screens.sweeps import SweepsScreen

        self.app.remember_data({k: str(v) for k, v in data.items()})
        self.dismiss()
        screen = SweepsScreen(sweep)
        self.app.push_screen(screen)
        screen.run_here()
