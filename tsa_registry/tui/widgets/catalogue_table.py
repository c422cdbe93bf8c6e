"""The catalogue as a table: one row per checkpoint, the cursor kept on the same model."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from tsa_registry.formatting import STATUS_STYLE
from tsa_registry.safe_text import inert
from tsa_registry.tui.catalogue_rows import COLUMNS, cells

RIGHT = {"parameters", "reference_f1", "local_f1", "p90_ms"}


class CatalogueTable(DataTable):
    """Rows keyed by model id; `show(rows)` redraws and keeps the highlighted model if it is still there."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        for key, header in COLUMNS:
            self.add_column(Text(header, justify="right" if key in RIGHT else "left"), key=key)

    @property
    def selected_id(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def show(self, rows: list[dict[str, Any]], select: str | None = None, narrow: bool = False) -> None:
        keep = select or self.selected_id
        self.clear()
        for row in rows:
            values = cells(row, narrow)
            styled = [
                Text(inert(value), style=STATUS_STYLE.get(value, "") if key == "status" else "",
                     justify="right" if key in RIGHT else "left")
                for (key, _), value in zip(COLUMNS, values)
            ]
            self.add_row(*styled, key=row["id"])
        ids = [row["id"] for row in rows]
        if keep in ids:
            self.move_cursor(row=ids.index(keep), animate=False)
