"""Add a community model: a Hub id or a Hub search, then its check, then the entry on confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from tsa_registry.safe_text import inert
from tsa_registry.tui.messages import CheckChanged, SearchFinished
from tsa_registry.tui.widgets.model_sections import check_section

if TYPE_CHECKING:
    from textual import getters

    from tsa_registry.catalogue import CatalogueEntry
    from tsa_registry.tui.app import TsaApp


class AddModelScreen(Screen[str | None]):
    """Dismissed with the id that was added, or None."""

    if TYPE_CHECKING:  # the app's own class, with its state and jobs
        app = getters.app(TsaApp)

    BINDINGS = [
        Binding("ctrl+f", "search", "Search Hub", id="add.search", tooltip="Search the Hub for Norwegian encoders"),
        Binding("ctrl+r", "check", "Check", id="add.check", tooltip="Check the Hub id in the field"),
        Binding("ctrl+s", "add", "Add", id="add.add", tooltip="Add the checked model to your registry file"),
        Binding("escape", "close", "Close", id="add.close", tooltip="Close without adding"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.model: str | None = None  # the model being checked
        self.entry: CatalogueEntry | None = None  # to add, once its check is done

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Hub id (org/name): enter checks it · words: ctrl+f searches the Hub",
                    id="hub-query")
        yield Static(id="add-message")
        yield DataTable(id="search-results", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="add-check"):
            yield Static(id="add-report")
        with Horizontal(id="add-buttons"):
            yield Button("Add to my registry (ctrl+s)", variant="success", id="add", disabled=True, compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"add a model to {self.app.services.user_registry_path()}"
        table = self.query_one(DataTable)
        table.add_columns("id", "downloads", "likes", "task", "languages")
        table.display = False
        self.query_one("#hub-query", Input).focus()

    def say(self, message: str, style: str = "dim") -> None:
        self.query_one("#add-message", Static).update(Text(inert(message), style=style))

    # -- search --------------------------------------------------------------------------------
    def action_search(self) -> None:
        query = self.query_one("#hub-query", Input).value.strip()
        self.say(f"Searching the Hub for {query or 'Norwegian encoders'}… (esc closes)")
        self.search(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, query: str) -> None:
        from tsa_registry.sources.search import SearchError, search_hub
        from tsa_registry.tui.services import quiet_hub_logging

        quiet_hub_logging()
        try:
            results = search_hub(query, endpoint=self.app.services.hub_endpoint)
        except SearchError as err:
            self.post_message(SearchFinished(query, [], str(err)))
            return
        self.post_message(SearchFinished(query, results))

    def on_search_finished(self, message: SearchFinished) -> None:
        table = self.query_one(DataTable)
        if message.error:
            self.say(message.error, "red")
            self.notify(inert(message.error), title="Hub search", severity="error", markup=False)
            return
        table.clear()
        for model in message.results:  # the Hub's words: Text, so never read as markup
            cells = (model.id, model.downloads or 0, model.likes or 0, model.pipeline_tag or "",
                     ",".join(model.languages))
            table.add_row(*(Text(inert(value)) for value in cells), key=model.id)
        table.display = bool(message.results)
        if message.results:
            table.focus()
            self.say(f"{len(message.results)} Norwegian encoders on the Hub; enter checks the highlighted one.")
        else:
            self.say(f"No Norwegian encoder on the Hub matches {message.query!r}.", "yellow")

    @on(DataTable.RowSelected, "#search-results")
    def result_chosen(self, event: DataTable.RowSelected) -> None:
        self.query_one("#hub-query", Input).value = str(event.row_key.value)
        self.action_check()

    # -- check and add -------------------------------------------------------------------------
    @on(Input.Submitted, "#hub-query")
    def action_check(self) -> None:
        model = self.query_one("#hub-query", Input).value.strip()
        if not model or " " in model:  # words, not an id: search for them
            self.action_search()
            return
        self.model, self.entry = model, None
        self.query_one("#add", Button).disabled = True
        self.say(f"Checking {model} from its metadata…")
        self.app.start_check(model)

    def on_check_changed(self, message: CheckChanged) -> None:
        if message.model != self.model:
            return
        state = self.app.checks[message.model]
        parts: list[Any] = [check_section(state)]
        if state.status == "done" and state.report is not None:
            from tsa_registry.check.entry import EntryError, entry_from_report

            try:
                self.entry = entry_from_report(state.report, self.app.registry)
            except EntryError as err:
                parts.append(Text(inert(err), style="red"))
            else:
                parts += [Text(""), Text("Entry to add", style="bold"), Text(inert(self._describe(self.entry)))]
                self.say(f"Checked {self.model}: ctrl+s adds it to your registry file.", "green")
        elif state.status == "failed":
            self.say(f"{state.message} (ctrl+f searches the Hub instead)", "red")
        self.query_one("#add", Button).disabled = self.entry is None
        self.query_one("#add-report", Static).update(Group(*parts))

    @staticmethod
    def _describe(entry: CatalogueEntry) -> str:
        data = entry.to_dict()
        shown = {k: v for k, v in data.items() if v not in (None, "", [], {}) and k != "references"}
        return "\n".join(f"{key} = {value!r}" for key, value in shown.items())

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        if self.entry is None:
            self.notify("Check a model first: type its Hub id and press enter.", severity="warning")
            return
        from tsa_registry.tui.screens.confirm import ConfirmScreen

        path = self.app.services.user_registry_path()
        replacing = " (it replaces the entry there)" if self.entry.id in self.app.registry.entries else ""
        self.app.push_screen(ConfirmScreen(f"Add {self.entry.id} to {path}{replacing}?"), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        from tsa_registry.user_registry import add_entry

        entry = self.entry
        if entry is None:
            return
        try:
            path = add_entry(entry, self.app.services.user_registry_path())
        except Exception as err:  # noqa: BLE001 - an unwritable file is shown, not raised
            self.notify(f"Could not write the registry file: {err}", severity="error", markup=False)
            return
        self.notify(f"Added {entry.id} to {path}.", title="Registry", markup=False)
        self.app.reload_registry(notify=False)
        self.dismiss(entry.id)

    def action_close(self) -> None:
        self.dismiss(None)
