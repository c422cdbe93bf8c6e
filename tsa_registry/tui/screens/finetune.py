"""The fine-tune form: prefilled from the suggested settings, checked as you type, then started."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from tsa_registry.safe_text import inert
from tsa_registry.tui.finetune_form import FormErrors, data_file_problem, form_defaults, parse_form

if TYPE_CHECKING:
    from pathlib import Path

    from textual import getters

    from tsa_registry.training.request import TrainRequest
    from tsa_registry.tui.app import TsaApp

LABELS = {
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
PATHS = ("train", "dev", "test", "output")


class FineTuneScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", id="finetune.start", tooltip="Check the data and start the run"),
        Binding("ctrl+o", "pick", "Pick file", id="finetune.pick",
                tooltip="Choose the focused path field's file (or folder) from the working folder"),
        Binding("escape", "app.pop_screen", "Cancel", id="finetune.cancel", tooltip="Close without starting"),
    ]

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
            for name, (label, hint) in LABELS.items():
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(self.defaults[name], placeholder=hint, id=f"field-{name}", compact=True)
            with Horizontal(classes="form-row"):
                yield Checkbox("trust remote code", self.needs_remote_code, id="trust-remote-code", compact=True)
                yield Checkbox("allow pickle weights", False, id="allow-pickle", compact=True)
            yield Static(id="form-message")
            with Horizontal(id="form-buttons"):
                yield Button("Start (ctrl+s)", variant="primary", id="start", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        first_empty = next((n for n in ("train", "dev") if not self.defaults[n]), "model")
        self.query_one(f"#field-{first_empty}", Input).focus()

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#field-{name}", Input).value for name in LABELS}

    def show_problem(self, field: str | None, message: str) -> None:
        self.show_problems({field: message} if field else {}, message if not field else "")

    def show_problems(self, errors: dict[str, str], message: str = "") -> None:
        """Mark every wrong field and list each one's problem; the values stay as typed."""
        for name in LABELS:
            self.query_one(f"#field-{name}", Input).set_class(name in errors, "-wrong")
        lines = [f"{LABELS[name][0]}: {problem}" for name, problem in errors.items()] + ([message] if message else [])
        self.query_one("#form-message", Static).update(Text(inert("\n".join(lines))))  # quotes files and models
        self.query_one("#form-message").set_class(bool(errors) or bool(message), "-error")

    def action_pick(self) -> None:
        from pathlib import Path

        from tsa_registry.tui.screens.file_picker import FilePicker

        focused = self.focused
        name = (focused.id or "").removeprefix("field-") if isinstance(focused, Input) else ""
        if name not in PATHS:
            name = next((n for n in ("train", "dev") if not self.values()[n].strip()), "train")
        field = self.query_one(f"#field-{name}", Input)
        start = Path(field.value).expanduser().parent if field.value.strip() else None

        def chosen(path: Path | None) -> None:
            if path is not None:
                field.value = str(path)
            field.focus()

        self.app.push_screen(FilePicker(LABELS[name][0], start, folders=name == "output"), chosen)

    @on(Input.Changed)
    def field_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name in ("train", "dev", "test"):
            problem = data_file_problem(event.value, required=name != "test")
            event.input.set_class(bool(problem and event.value), "-wrong")
            shown = f"{LABELS[name][0]}: {problem}" if problem and event.value else ""
            self.query_one("#form-message", Static).update(Text(inert(shown)))

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#start")
    def start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.dismiss()

    def action_start(self) -> None:
        try:
            options = parse_form(self.values())
        except FormErrors as err:
            self.show_problems(err.errors)
            self.query_one(f"#field-{next(iter(err.errors))}", Input).focus()
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
