"""The Models screen: the catalogue, a filter that narrows as you type, sorting, details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input

from tsa_registry.rows import sort_rows
from tsa_registry.tui.catalogue_rows import COLUMNS, NARROW_TABLE, catalogue_rows, matches
from tsa_registry.tui.messages import CheckChanged, LeaderboardUpdated, RegistryChanged
from tsa_registry.tui.widgets.catalogue_table import CatalogueTable
from tsa_registry.tui.widgets.detail_pane import DetailPane
from tsa_registry.tui.widgets.model_sections import show_model

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.tui.app import TsaApp

NARROW = 110  # below this width the detail pane goes under the table
SORT_KEYS = [key for key, _ in COLUMNS]


class ModelsScreen(Screen):
    """Browse the catalogue; the app's model actions work on the highlighted row."""

    if TYPE_CHECKING:  # the app's own class, with its state and jobs
        app = getters.app(TsaApp)

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="models.filter", tooltip="Type to narrow the list"),
        Binding("enter", "open_model", "Open", show=False, id="models.open",
                tooltip="The model on a screen of its own, with its check report"),
        Binding("c", "app.check", "Check", id="model.check", tooltip="Check the model from its metadata"),
        Binding("d", "app.check(True)", "Deep", id="model.deep-check",
                tooltip="Train a shrunken copy for a few steps"),
        Binding("x", "app.cancel_check", "Cancel check", show=False, id="model.cancel-check",
                tooltip="Stop the running check"),
        Binding("a", "app.add_model", "Add", id="model.add", tooltip="Add a model from the Hub"),
        Binding("f", "app.fine_tune", "Fine-tune", id="model.fine-tune", tooltip="Fine-tune this model"),
        Binding("space", "mark", "Mark", show=False, id="models.mark", tooltip="Mark the model for a sweep"),
        Binding("w", "sweep", "Sweep", show=False, id="models.sweep",
                tooltip="Compare the marked models over 5 seeds (the Sweeps screen)"),
        Binding("t", "app.measure", "Time it", id="model.measure",
                tooltip="Measure the latency here (random weights of the model's shape)"),
        Binding("s", "sort", "Sort", id="models.sort", tooltip="Sort by the next column"),
        Binding("S", "sort(True)", "Reverse", show=False, id="models.sort-reverse",
                tooltip="Reverse the sort order"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="models.next-pane",
                tooltip="Move between the filter, the table and the details"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_key = "id"
        self.reverse = False
        self.marked: list[str] = []  # for a sweep, in the order marked
        self.narrow = False  # the table's cells shortened for a narrow terminal

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="filter: id, family, language, status  ( / )", id="filter")
        with Container(id="models-body"):
            yield CatalogueTable(id="catalogue")
            yield DetailPane(id="details")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one(CatalogueTable).focus()

    @property
    def selected_id(self) -> str | None:
        return self.query_one(CatalogueTable).selected_id

    def refresh_rows(self, select: str | None = None) -> None:
        registry = self.app.registry
        rows = catalogue_rows(registry, self.app.local_f1(), self.app.measured)
        text = self.query_one("#filter", Input).value
        shown = sort_rows([r for r in rows if matches(r, text)], self.sort_key, self.reverse)
        self.narrow = self.app.size.width < NARROW_TABLE
        self.query_one(CatalogueTable).show(shown, select=select, narrow=self.narrow)
        order = "reversed" if self.reverse else ""
        header = dict(COLUMNS)[self.sort_key]
        self.sub_title = f"{len(shown)} of {len(rows)} models, by {header} {order}".rstrip() + (
            f"; marked for a sweep: {', '.join(self.marked)}" if self.marked else "")
        if not shown:
            self.query_one(DetailPane).show_message(f"No model matches {text!r}. Esc clears the filter.")
        else:
            self.show_details()

    def show_details(self) -> None:
        model_id = self.selected_id
        if model_id is None or model_id not in self.app.registry.entries:
            return
        show_model(self.query_one(DetailPane), self.app, model_id)

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.refresh_rows()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.query_one(CatalogueTable).focus()

    @on(DataTable.RowHighlighted, "#catalogue")
    def row_highlighted(self) -> None:
        self.show_details()

    @on(DataTable.HeaderSelected, "#catalogue")
    def header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        self.reverse = not self.reverse if key == self.sort_key else False
        self.sort_key = key
        self.refresh_rows()

    def on_check_changed(self, message: CheckChanged) -> None:
        if message.model == self.selected_id:
            self.show_details()
            self.query_one(DetailPane).scroll_home(animate=False)  # the check is at the top

    @on(DataTable.RowSelected, "#catalogue")
    def action_open_model(self) -> None:
        """Enter: the model on a screen of its own, with its check report."""
        from tsa_registry.tui.screens.model import ModelScreen

        if self.selected_id is not None:
            self.app.push_screen(ModelScreen(self.selected_id))

    def on_registry_changed(self, message: RegistryChanged) -> None:
        self.refresh_rows(select=message.select)

    def on_leaderboard_updated(self, message: LeaderboardUpdated) -> None:
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.query(CatalogueTable):
            self.refresh_rows()

    def on_resize(self, event: Resize) -> None:
        self.query_one("#models-body").set_class(event.size.width < NARROW, "-narrow")
        if (event.size.width < NARROW_TABLE) != self.narrow:
            self.refresh_rows()

    def key_escape(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(CatalogueTable).focus()

    def key_down(self) -> None:
        if self.focused is self.query_one("#filter", Input):
            self.query_one(CatalogueTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_mark(self) -> None:
        model = self.selected_id
        if model is not None:
            self.marked.remove(model) if model in self.marked else self.marked.append(model)
            self.refresh_rows(select=model)

    def action_sweep(self) -> None:
        from tsa_registry.tui.screens.sweeps import start_sweep

        models = self.marked or ([self.selected_id] if self.selected_id else [])
        if models:
            start_sweep(self.app, models)

    def action_sort(self, reverse: bool = False) -> None:
        if reverse:
            self.reverse = not self.reverse
        else:
            self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
            self.reverse = False
        self.refresh_rows()
