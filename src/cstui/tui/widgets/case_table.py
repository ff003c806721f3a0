"""A table of cases that keeps its cursor on the same case when refreshed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text

from cstui.tui.text import due_text, literal, step_text
from cstui.tui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from cstui.models.brief import CaseBrief
    from cstui.models.deadline import Due

COLUMNS = ("Case", "Customer", "Step", "Owner", "Next due")

DELAY_NOTICE_MARK = "✉"
"""After a next-due date: a delay notice is due (the final response will be late)."""


def with_delay_notice_mark(text: Text, due: Due | None) -> Text:
    """``text`` (a next-due cell) with the delay-notice mark when one is due."""
    if due is not None and due.delay_notice_due:
        text.append(f" {DELAY_NOTICE_MARK}", style="bold yellow")
    return text


def next_due_cell(due: Due | None, zone: tzinfo) -> Text:
    """The next-due cell: the date (late ones marked), and the delay-notice mark."""
    return with_delay_notice_mark(due_text(due, zone), due)


class CaseTable(RowTable):
    """Open cases, one row each; Enter opens the case under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
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
                next_due_cell(case.due(now), zone),
                key=case.id,
            )
        if keep in self.case_ids:
            self.move_cursor(row=self.case_ids.index(keep), animate=False)

    def current_case_id(self) -> str | None:
        """The id of the case under the cursor, if any."""
        if not self.case_ids or not 0 <= self.cursor_row < len(self.case_ids):
            return None
        return self.case_ids[self.cursor_row]
