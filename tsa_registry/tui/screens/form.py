"""What the app's forms share (fine-tune, sweep): labelled text fields, every wrong field marked
and named at once with the values kept, ctrl+o to pick a path field's file, and Start/Cancel."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tsa_registry.safe_text import inert


class FormScreen(ModalScreen[None]):
    """LABELS: field name -> (label, placeholder); PATHS: the fields ctrl+o fills (FOLDERS with
    a folder). A subclass composes `field_rows` and `buttons`, and has `action_start`."""

    LABELS: ClassVar[dict[str, tuple[str, str]]] = {}
    PATHS: ClassVar[tuple[str, ...]] = ()
    FOLDERS: ClassVar[tuple[str, ...]] = ()
    FIRST: ClassVar[str] = ""  # the field focused first once the data fields are filled in

    def on_mount(self) -> None:
        values = self.values()
        self.query_one(f"#field-{next((n for n in ('train', 'dev') if not values[n]), self.FIRST)}", Input).focus()

    def parsed(self, parse: Callable[[Mapping[str, str]], dict[str, Any]]) -> dict[str, Any] | None:
        """The form's values through `parse`; None after marking every wrong field (FormErrors)."""
        from tsa_registry.tui.finetune_form import FormErrors

        try:
            return parse(self.values())
        except FormErrors as err:
            self.show_problems(err.errors)
            self.query_one(f"#field-{next(iter(err.errors))}", Input).focus()
            return None

    def field_rows(self, defaults: dict[str, str]) -> ComposeResult:
        for name, (label, hint) in self.LABELS.items():
            with Horizontal(classes="form-row"):
                yield Label(label, classes="form-label")
                yield Input(defaults[name], placeholder=hint, id=f"field-{name}", compact=True)

    def buttons(self) -> ComposeResult:
        yield Static(id="form-message")
        with Horizontal(id="form-buttons"):
            yield Button("Start (ctrl+s)", variant="primary", id="start", compact=True)
            yield Button("Cancel (esc)", id="cancel", compact=True)

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#field-{name}", Input).value for name in self.LABELS}

    def show_problem(self, field: str | None, message: str) -> None:
        self.show_problems({field: message} if field else {}, message if not field else "")

    def show_problems(self, errors: dict[str, str], message: str = "") -> None:
        """Mark every wrong field and list each one's problem; the values stay as typed."""
        for name in self.LABELS:
            self.query_one(f"#field-{name}", Input).set_class(name in errors, "-wrong")
        lines = [f"{self.LABELS[name][0]}: {problem}" for name, problem in errors.items()]
        lines += [message] if message else []
        self.query_one("#form-message", Static).update(Text(inert("\n".join(lines))))  # quotes files and models
        self.query_one("#form-message").set_class(bool(errors) or bool(message), "-error")

    def action_pick(self) -> None:
        """The file picker for the focused path field (else the first empty data field)."""
        from tsa_registry.tui.screens.file_picker import pick_into

        focused = self.focused
        name = (focused.id or "").removeprefix("field-") if isinstance(focused, Input) else ""
        if name not in self.PATHS:
            name = next((n for n in ("train", "dev") if not self.values()[n].strip()), "train")
        pick_into(self, self.query_one(f"#field-{name}", Input), self.LABELS[name][0], folders=name in self.FOLDERS)

    def action_start(self) -> None:
        raise NotImplementedError

    @on(Input.Changed)
    def data_field_changed(self, event: Input.Changed) -> None:
        """A data file that cannot be used is marked as it is typed."""
        from tsa_registry.tui.finetune_form import data_file_problem

        name = (event.input.id or "").removeprefix("field-")
        if name in ("train", "dev", "test"):
            problem = data_file_problem(event.value, required=name != "test")
            event.input.set_class(bool(problem and event.value), "-wrong")
            shown = f"{self.LABELS[name][0]}: {problem}" if problem and event.value else ""
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
