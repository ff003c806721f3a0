"""The team view's table: every open case, redrawn in place as the store changes.

Only what changed is touched: a row whose case, age, due date and flags are the same is
left alone, a changed row has only its changed cells updated, cases come and go one by
one, and a new order is a sort of the rows already there. The cursor stays on the case
it was on (or, if that case has gone, on the same line).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from cstui.domain.reports import (
    APPROVAL_FLAG,
    BOARD_COLUMNS,
    OVERDUE_FLAG,
    WAITING_FLAG,
    BoardRow,
    short_age,
)

WIDTHS: dict[str, int] = {"Customer": 12, "Category": 10, "Step": 11, "Owner": 7}
"""Longest text a column shows; longer text is cut with an ellipsis. With one space
between columns, all eight fit in 80 columns beside the scroll bar."""
GAP = " "
"""Put before every cell: the table itself adds no padding, so columns sit close."""

Signature = tuple[tuple[str, str, tuple[object, ...]], ...]


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, with an ellipsis if cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


def flags_text(row: BoardRow) -> Text:
    """``!`` in red when overdue, ``⏸`` when waiting, ``$`` when a refund awaits approval."""
    text = Text(GAP)
    if row.overdue:
        text.append(OVERDUE_FLAG, style="bold red")
    if row.waiting:
        text.append(WAITING_FLAG, style="yellow")
    if row.awaiting_approval:
        text.append(APPROVAL_FLAG, style="bold magenta")
    return text


def row_state(row: BoardRow) -> tuple[object, ...]:
    """Everything a row's cells are drawn from: the same state draws the same cells."""
    due = row.due.at if row.due is not None else None
    flags = (row.overdue, row.waiting, row.awaiting_approval)
    return (row.case.version, short_age(row.age), due, flags)


def row_cells(row: BoardRow, zone: tzinfo) -> tuple[Text, ...]:
    """The eight cells of one case; text from the store is shown literally (``Text``)."""
    case = row.case
    if row.due is None:
        due = Text(GAP + "—")
    else:
        label = GAP + row.due.at.astimezone(zone).strftime("%d %b %H:%M")
        due = Text(label, style="bold red" if row.overdue else "")
    return (
        Text(GAP + case.id),
        Text(GAP + fit(case.customer.name, WIDTHS["Customer"])),
        Text(GAP + fit(case.category, WIDTHS["Category"])),
        Text(GAP + fit(case.step.label, WIDTHS["Step"])),
        Text(GAP + fit(case.owner, WIDTHS["Owner"])),
        Text(f"{GAP}{short_age(row.age):>4}"),
        due,
        flags_text(row),
    )


def signature(cells: Sequence[Text]) -> Signature:
    """What a row looks like, to tell whether it needs redrawing."""
    return tuple((c.plain, str(c.style), tuple(c.spans)) for c in cells)


class TeamTable(DataTable[Text]):
    """Open cases, one row each; Enter opens the case under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=0)
        self.case_ids: list[str] = []
        self._states: dict[str, tuple[object, ...]] = {}
        self._shown: dict[str, Signature] = {}
        self._labels: tuple[str, ...] = ()

    def set_labels(self, labels: Sequence[str]) -> None:
        """(Re)build the columns with these header labels (a sort mark on one)."""
        labels = tuple(labels)
        if labels == self._labels:
            return
        if self._labels and [len(x) for x in labels] == [len(x) for x in self._labels]:
            for key, label in zip(BOARD_COLUMNS, labels, strict=True):
                self.columns[ColumnKey(key)].label = Text(GAP + label)
            self._labels = labels
            self.refresh()  # same widths: no new layout
            return
        self._labels = labels
        self.clear(columns=True)
        for key, label in zip(BOARD_COLUMNS, labels, strict=True):
            self.add_column(Text(GAP + label), key=key)
        self.case_ids, self._states, self._shown = [], {}, {}

    def show(self, rows: Sequence[BoardRow], zone: tzinfo) -> None:
        """Show ``rows`` in this order, touching only what changed.

        A row whose state is unchanged is not drawn again; a changed row has only its
        changed cells updated; rows come and go one by one, and a new order is a sort,
        unless most rows change, when the table is rebuilt.
        """
        keep, line = self.current_case_id(), self.cursor_row
        wanted = {r.case.id: r for r in rows}
        ids = list(wanted)
        gone = [case_id for case_id in self.case_ids if case_id not in wanted]
        new = [case_id for case_id in ids if case_id not in self._states]
        if len(gone) + len(new) > max(len(ids) // 2, 50):
            self._rebuild(rows, zone)
        else:
            for case_id in gone:
                self.remove_row(case_id)
                del self._states[case_id], self._shown[case_id]
            for row in rows:
                self._put(row, zone)
            if list(self._states) != ids:
                order = {case_id: index for index, case_id in enumerate(ids)}
                self.sort(key=lambda values: order[values[0].plain[len(GAP) :]])
                self._states = {case_id: self._states[case_id] for case_id in ids}
        self.case_ids = ids
        if keep in wanted:
            self.move_cursor(row=ids.index(keep), animate=False)
        elif ids:
            self.move_cursor(row=min(max(line, 0), len(ids) - 1), animate=False)

    def _put(self, row: BoardRow, zone: tzinfo) -> None:
        case_id, state = row.case.id, row_state(row)
        if self._states.get(case_id) == state:
            return
        cells = row_cells(row, zone)
        sig = signature(cells)
        old = self._shown.get(case_id)
        if old is None:
            self.add_row(*cells, key=case_id)
        else:
            for index, (key, cell) in enumerate(zip(BOARD_COLUMNS, cells, strict=True)):
                if old[index] != sig[index]:
                    self.update_cell(case_id, key, cell, update_width=True)
        self._states[case_id], self._shown[case_id] = state, sig

    def _rebuild(self, rows: Sequence[BoardRow], zone: tzinfo) -> None:
        self.clear()
        self._states, self._shown = {}, {}
        for row in rows:
            self._put(row, zone)

    def current_case_id(self) -> str | None:
        """The id of the case under the cursor, if any."""
        if not self.case_ids or not 0 <= self.cursor_row < len(self.case_ids):
            return None
        return self.case_ids[self.cursor_row]
