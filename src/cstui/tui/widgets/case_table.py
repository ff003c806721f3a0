"""A table of cases that keeps its cursor on the same case when refreshed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from cstui.tui.text import due_text, literal, step_text

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief

COLUMNS = ("Case", "Customer", "Step", "Owner", "Next due")


class CaseTable(DataTable[Text]):
    """Open cases, one row each; Enter opens the case under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.case_ids: list[str] = []

    def on_mount(self) -> None:
        for label in COLUMNS:
            self.add_column(label, key=label)

    def show(self, cases: Sequence[CaseBrief], now: datetime, zone: tzinfo) -> None:
        """Replace the rows with ``cases``; the cursor stays on the case it was on."""
        keep = self.current_case_id()
        self.clear()
        self.case_ids = [c.id for c in cases]
        for case in cases:
            self.add_row(
                Text(case.id),
                literal(case.customer),
                step_text(case.step, case.waiting),
                literal(case.owner),
                due_text(case.due(now), zone),
                key=case.id,
            )
        if keep in self.case_ids:
            self.move_cursor(row=self.case_ids.index(keep), animate=False)

    def current_case_id(self) -> str | None:
        """The id of the case under the cursor, if any."""
        if not self.case_ids or not 0 <= self.cursor_row < len(self.case_ids):
            return None
        return self.case_ids[self.cursor_row]
