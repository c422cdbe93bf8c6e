"""The fine-tune form: prefilled from the suggested settings, checked as you type, then started."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Static

from tsa_registry.tui.finetune_form import form_defaults, parse_form
from tsa_registry.tui.screens.form import FormScreen

if TYPE_CHECKING:
    from pathlib import Path

    from textual import getters

    from tsa_registry.training.request import TrainRequest
    from tsa_registry.tui.app import TsaApp

FIELDS = {
    "model": ("model", "catalogue id or local model folder"),
    "train": ("train file", "NoReC_tsa CoNLL, or norec_tsa (ctrl+o picks a file)"),
    "dev": ("dev file", "scored after each epoch; norec_tsa: its dev split"),
    "test": ("test file", "optional: scored once, with the best epoch"),
    "epochs": ("epochs", ""),
    "batch_size": ("batch size", "a number, or auto to fit the GPU"),
    "gradient_accumulation_steps": ("grad. accum.", "batches a step sees: effective batch = batch size × this"),
    "learning_rate": ("learning rate", ""),
    "max_seq_length": ("max length", "subwords; blank: the longest sentence in the data"),
    "device": ("device", "auto, cpu or cuda"),
    "output": ("output folder", "optional: a new folder for the run (default: the runs folder)"),
    "quick": ("quick try", "optional: train on the first N sentences (and one for each tag they lack)"),
}


class FineTuneScreen(FormScreen):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="finetune.start", tooltip="Check the data and start the run"),
        Binding("ctrl+o", "pick", "Pick file", id="finetune.pick",
                tooltip="Choose the focused path field's file (or folder) from the working folder"),
        Binding("escape", "app.pop_screen", "Cancel", id="finetune.cancel", tooltip="Close without starting"),
    ]

    FIRST = "model"
    LABELS, PATHS, FOLDERS = FIELDS, ("train", "dev", "test", "output"), ("output",)
    if TYPE_CHECKING:  # the app's own class, with its state and jobs
        app = getters.app(TsaApp)

    def __init__(self, model: str, suggested: dict[str, Any], data: dict[str, str],
                 needs_remote_code: bool = False) -> None:
        super().__init__()
        self.defaults = form_defaults(suggested, model, data)
        self.needs_remote_code = needs_remote_code

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="finetune-form"):  # scrolls when the errors make it taller than the screen
            yield Static("Fine-tune for TSA with Simpletransformers NER", id="finetune-title")
            yield from self.field_rows(self.defaults)
            with Horizontal(classes="form-row"):
                yield Checkbox("trust remote code", self.needs_remote_code, id="trust-remote-code", compact=True)
                yield Checkbox("allow pickle weights", False, id="allow-pickle", compact=True)
            yield from self.buttons()

    def action_start(self) -> None:
        if self.query_one("#start", Button).disabled:
            return  # planning already (ctrl+s pressed again)
        options = self.parsed(parse_form)
        if options is None:
            return
        options["trust_remote_code"] = self.query_one("#trust-remote-code", Checkbox).value
        options["allow_pickle"] = self.query_one("#allow-pickle", Checkbox).value
        self.show_problem(None, "Reading the data…")
        self.query_one("#start", Button).disabled = True
        self.plan(options)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def plan(self, options: dict[str, Any]) -> None:
        """Read and check the data files and the model's settings, off the UI thread."""
        from tsa_registry.data.errors import DataSetError
        from tsa_registry.task.conll import DataError
        from tsa_registry.training.plan import PlanError, plan_training
        from tsa_registry.training.runs import RunError, ensure_run_folder
        from tsa_registry.tui.quick_try import first_sentences, resolve_names

        model, output, quick = options.pop("model"), options.pop("output"), options.pop("quick")
        try:
            ensure_run_folder(output, self.app.services.runs_path())
            resolve_names(options, endpoint=self.app.services.hub_endpoint)
            data = {k: options[k] for k in ("train", "dev", "test") if options.get(k)}
            if quick:  # the first sentences of train; dev and test stay whole, to score fairly
                options.update(first_sentences({"train": data["train"]}, quick))
            request = plan_training(model, registry=self.app.registry, **options)
        except (DataError, PlanError, RunError, DataSetError) as err:
            self.app.call_from_thread(self._plan_failed, str(err))
            return
        except Exception as err:  # noqa: BLE001 - shown in the form, never as a traceback
            self.app.call_from_thread(self._plan_failed, f"{type(err).__name__}: {err}")
            return
        self.app.call_from_thread(self._planned, request, data, output)

    def _plan_failed(self, message: str) -> None:
        self.query_one("#start", Button).disabled = False
        self.show_problem(None, message)

    def _planned(self, request: TrainRequest, data: dict[str, Any], output: Path | None) -> None:
        self.app.remember_data({k: str(v) for k, v in data.items()})
        self.dismiss()
        self.app.begin_training(request, output)
