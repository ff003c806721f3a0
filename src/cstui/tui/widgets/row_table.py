"""The one table every screen lists rows in: a row cursor, zebra stripes, and columns
that always widen to the rows just added.

Textual's DataTable measures new rows only when it is next idle. Cells and lines drawn
before that (a busy machine draws some often) are kept in the table's caches under keys
the measuring does not change, so narrow, cut-off columns stayed on screen until the
cursor moved. :class:`RowTable` starts those caches afresh once the columns are measured,
as the table itself does after any other change.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import DataTable


class RowTable(DataTable[Text]):
    """A row-cursor table with zebra stripes whose columns never stay narrower than what
    they show."""

    def __init__(self, *, id: str | None = None, cell_padding: int = 1) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=cell_padding)

    async def _on_idle(self, event: events.Idle) -> None:
        measuring = self._require_update_dimensions or bool(self._updated_cells)
        await super()._on_idle(event)
        if measuring:  # what was drawn before the columns were measured is drawn again
            self._update_count += 1
            self.refresh()


__all__ = ["RowTable"]
