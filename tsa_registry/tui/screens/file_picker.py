"""A file or folder picker over the working folder (Textual's DirectoryTree), for the form's paths."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DirectoryTree, Footer, Input, Static


class FilePicker(ModalScreen[Path | None]):
    """Dismissed with the chosen path, or None. `folders`: pick a folder (enter on it) instead."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="picker.close", tooltip="Close without choosing"),
        Binding("backspace", "up", "Up", id="picker.up", tooltip="The folder above"),
    ]

    def __init__(self, title: str, start: Path | None = None, folders: bool = False) -> None:
        super().__init__()
        self.title_text, self.folders = title, folders
        self.start = start if start is not None and start.is_dir() else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            how = "enter picks the folder, space opens it" if self.folders else "enter picks a file"
            yield Static(f"{self.title_text}: {how}; backspace goes up, esc closes", id="picker-title",
                         markup=False)
            yield DirectoryTree(self.start, id="picker-tree")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    def action_up(self) -> None:
        tree = self.query_one(DirectoryTree)
        tree.path = Path(tree.path).resolve().parent

    @on(DirectoryTree.FileSelected)
    def file_selected(self, event: DirectoryTree.FileSelected) -> None:
        if not self.folders:
            self.dismiss(event.path)

    @on(DirectoryTree.DirectorySelected)
    def folder_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        if self.folders:
            self.dismiss(event.path)


def pick_into(screen: Screen, field: Input, title: str, *, folders: bool = False) -> None:
    """Open the picker where the field's path is (else the working folder); the chosen path
    goes into the field, which gets the focus back."""
    start = Path(field.value).expanduser().parent if field.value.strip() else None

    def chosen(path: Path | None) -> None:
        if path is not None:
            field.value = str(path)
        field.focus()

    screen.app.push_screen(FilePicker(title, start, folders=folders), chosen)
