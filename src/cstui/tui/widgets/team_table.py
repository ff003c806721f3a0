"""The team view's table: every open case, redrawn in place as the store changes.

Only what changed is touched: a row whose case, age, due date and flags are the same is
left alone, a changed row has only its changed cells updated, cases come and go one by
one, and a new order is a sort of the rows already there. The cursor stays on the case
it was on (or, if that case has gone, on the same line).

Finished lines are kept too. DataTable draws a line again whenever the cursor moves or
the table scrolls, building every cell and styling the line anew, and page down or up
redraws every line on screen. Here a line is kept for what it shows (a row, at its place
in the list, with or without the cursor), until that row changes or the table's look
does: paging back and forth, the cursor moving, and the one-second re-read then hand the
screen lines it already has (whose splitting and encoding Textual also keeps).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from itertools import count

from rich.cells import cell_len, set_cell_size
from rich.text import Text, TextType
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets.data_table import ColumnKey, Row, RowKey

from cstui.models.board import (
    APPROVAL_FLAG,
    BOARD_COLUMNS,
    OVERDUE_FLAG,
    WAITING_FLAG,
    BoardRow,
    short_age,
)
from cstui.tui.text import safe
from cstui.tui.widgets.case_table import with_delay_notice_mark
from cstui.tui.widgets.row_table import RowTable

WIDTHS: dict[str, int] = {"Customer": 12, "Category": 10, "Step": 11, "Owner": 7}
"""Longest text a column shows; longer text is cut with an ellipsis. With one space
between columns, all eight fit in 80 columns beside the scroll bar."""
GAP = " "
"""Put before every cell: the table itself adds no padding, so columns sit close."""

Signature = tuple[tuple[str, str, tuple[object, ...]], ...]
RowState = tuple[object, ...]
LineKey = tuple[object, ...]

LINES_PER_ROW = 3
"""Lines kept per row before the kept lines are dropped and drawn afresh: a row without
the cursor, with it, and a spare for the mouse's hover."""


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


def row_state(row: BoardRow) -> RowState:
    """Everything a row's cells are drawn from: the same state draws the same cells."""
    due = row.due.at if row.due is not None else None
    notice = row.due is not None and row.due.delay_notice_due
    flags = (row.overdue, row.waiting, row.awaiting_approval, notice)
    return (row.case.version, short_age(row.age), due, flags)


def row_cells(row: BoardRow, zone: tzinfo) -> tuple[Text, ...]:
    """The eight cells of one case; text from the store is shown literally (``Text``)."""
    case = row.case
    if row.due is None:
        due = Text(GAP + "—")
    else:
        label = GAP + row.due.at.astimezone(zone).strftime("%d %b %H:%M")
        due = with_delay_notice_mark(Text(label, style="bold red" if row.overdue else ""), row.due)
    return (
        Text(GAP + case.id),
        Text(GAP + fit(safe(case.customer.name), WIDTHS["Customer"])),
        Text(GAP + fit(safe(case.category), WIDTHS["Category"])),
        Text(GAP + fit(case.step.label, WIDTHS["Step"])),
        Text(GAP + fit(safe(case.owner), WIDTHS["Owner"])),
        Text(f"{GAP}{short_age(row.age):>4}"),
        due,
        flags_text(row),
    )


def signature(cells: Sequence[Text]) -> Signature:
    """What a row looks like, to tell whether it needs redrawing."""
    return tuple((c.plain, str(c.style), tuple(c.spans)) for c in cells)


def as_row_key(key: RowKey | str) -> RowKey:
    """A row's key, given it or its text."""
    return RowKey(key) if isinstance(key, str) else key


@dataclass(frozen=True)
class Frame:
    """Where the table's rows are while one frame is drawn."""

    header: int
    """Lines of header at the top."""
    top: int
    """The index of the row on the first line below the header (the scroll offset)."""
    cursor: int
    hover: int
    rows: list[Row]
    """Every row, in order."""

    def line_key(self, y: int, versions: dict[RowKey, int]) -> LineKey | None:
        """What line ``y`` shows: a row's version, its place, cursor and hover on it."""
        if y < self.header:
            return (-1, y, self.hover == -1)
        index = y - self.header + self.top
        if not 0 <= index < len(self.rows):
            return None
        version = versions.get(self.rows[index].key)
        if version is None:
            return None
        return (version, index, index == self.cursor, index == self.hover)


class TeamTable(RowTable):
    """Open cases, one row each; Enter opens the case under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cell_padding=0)
        self.case_ids: list[str] = []
        self._states: dict[str, RowState] = {}
        self._shown: dict[str, Signature] = {}
        self._labels: tuple[str, ...] = ()
        self._versions: dict[RowKey, int] = {}
        """A number per row, new whenever a cell of the row is set."""
        self._version = count()
        self._lines: dict[LineKey, Strip] = {}
        """Finished lines by :meth:`Frame.line_key`, all drawn with the look ``_look``."""
        self._look: LineKey = ()

    def set_labels(self, labels: Sequence[str]) -> None:
        """(Re)build the columns with these header labels (a sort mark on one)."""
        labels = tuple(labels)
        if labels == self._labels:
            return
        if self._labels and [len(x) for x in labels] == [len(x) for x in self._labels]:
            for key, label in zip(BOARD_COLUMNS, labels, strict=True):
                self.columns[ColumnKey(key)].label = Text(GAP + label)
            self._labels = labels
            # Same widths: no new layout. But the header is drawn from DataTable's
            # caches, which only a new style (or a change to the rows) clears: without
            # this, a sort that leaves the order as it was would keep the old mark.
            self.notify_style_update()
            return
        self._labels = labels
        self.clear(columns=True)
        for key, label in zip(BOARD_COLUMNS, labels, strict=True):
            self.add_column(Text(GAP + label), key=key)
        self.case_ids, self._states, self._shown = [], {}, {}

    def show(
        self, rows: Sequence[BoardRow], zone: tzinfo, states: Sequence[RowState] | None = None
    ) -> None:
        """Show ``rows`` in this order, touching only what changed.

        A row whose state is unchanged is not drawn again; a changed row has only its
        changed cells updated; rows come and go one by one, and a new order is a sort,
        unless most rows change, when the table is rebuilt. ``states`` are the rows'
        :func:`row_state`, if worked out already (in a worker thread).
        """
        if states is None:
            states = [row_state(row) for row in rows]
        keep, line = self.current_case_id(), self.cursor_row
        ids = [row.case.id for row in rows]
        self._drop_gone(ids)
        for row, state in zip(rows, states, strict=True):
            self._put(row, state, zone)
        if list(self._states) != ids:
            order = {case_id: index for index, case_id in enumerate(ids)}
            self.sort(key=lambda values: order[values[0].plain[len(GAP) :]])
            self._states = {case_id: self._states[case_id] for case_id in ids}
        self.case_ids = ids
        if keep is not None and keep in self._states:  # the rows shown now, by case id
            self.move_cursor(row=ids.index(keep), animate=False)
        elif ids:
            self.move_cursor(row=min(max(line, 0), len(ids) - 1), animate=False)

    def _drop_gone(self, ids: list[str]) -> None:
        """Remove the rows of cases not in ``ids``; if most rows change, start again."""
        wanted = set(ids)
        gone = [case_id for case_id in self.case_ids if case_id not in wanted]
        new = [case_id for case_id in ids if case_id not in self._states]
        if len(gone) + len(new) > max(len(ids) // 2, 50):
            self.clear()  # most rows change: start again
            self._states, self._shown = {}, {}
            return
        for case_id in gone:
            self.remove_row(case_id)
            del self._states[case_id], self._shown[case_id]

    def _put(self, row: BoardRow, state: RowState, zone: tzinfo) -> None:
        case_id = row.case.id
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

    # -- drawing ---------------------------------------------------------------------
    def add_row(
        self,
        *cells: Text,
        height: int | None = 1,
        key: str | None = None,
        label: TextType | None = None,
    ) -> RowKey:
        row_key = super().add_row(*cells, height=height, key=key, label=label)
        self._versions[row_key] = next(self._version)
        return row_key

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Text,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, value, update_width=update_width)
        self._versions[as_row_key(row_key)] = next(self._version)

    def remove_row(self, row_key: RowKey | str) -> None:
        super().remove_row(row_key)
        del self._versions[as_row_key(row_key)]

    def clear(self, columns: bool = False) -> TeamTable:
        super().clear(columns)
        self._versions.clear()
        self._lines.clear()
        return self

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        frame = self._current_frame()
        if frame is None:
            return super().render_lines(crop)
        look = self._current_look()
        if look != self._look or len(self._lines) > LINES_PER_ROW * (self.row_count + 1):
            self._lines.clear()
            self._look = look
        width = self.size.width
        lines: list[Strip] = []
        for y in crop.line_range:
            key = frame.line_key(y, self._versions)
            line = None if key is None else self._lines.get(key)
            if line is None:
                line = super().render_lines(Region(0, y, width, 1))[0]
                if key is not None:
                    self._lines[key] = line
            lines.append(line)
        if crop.column_span != (0, width):
            lines = [line.crop(*crop.column_span) for line in lines]
        return lines

    def _current_look(self) -> LineKey:
        """Everything but the row and the cursor that a finished line is drawn from."""
        columns = self.ordered_columns
        return (
            self.size.width,
            self.scroll_offset.x,
            self.rich_style,
            self.background_colors,
            tuple(self.get_line_filters()),
            self.get_pseudo_class_state(),
            tuple(column.get_render_width(self) for column in columns),
            tuple(column.label.plain for column in columns),
            self._show_hover_cursor,
            (self.cursor_type, self.show_cursor, self.zebra_stripes, self.cell_padding),
            (self.show_header, self.header_height, self.show_row_labels),
        )

    def _current_frame(self) -> Frame | None:
        """Where the rows are now, or None if lines are not to be kept.

        Lines are kept for a row cursor over rows one line high, none of them fixed, and
        only while nothing but colours and the app's filters is put around a line: no
        border, padding or outline (drawn by the line's place on screen), no hatching,
        tint or opacity, no clickable link under the mouse (highlighted where drawn).
        """
        styles = self.styles
        header = self.header_height if self.show_header else 0
        plain = (
            not any(styles.gutter)
            and not any(edge for edge, _ in styles.outline)
            and not styles.has_rule("hatch")
            and not styles.tint.a
            and self.opacity == 1
            and styles.text_opacity == 1
            and not (self.auto_links and "@click" in self.hover_style.meta)
        )
        if (
            not plain
            or self.cursor_type != "row"
            or self.fixed_rows
            or self.fixed_columns
            or self.virtual_size.height != header + self.row_count
        ):
            return None
        return Frame(
            header, self.scroll_offset.y, self.cursor_row, self.hover_row, self.ordered_rows
        )

    def current_case_id(self) -> str | None:
        """The id of the case under the cursor, if any."""
        if not self.case_ids or not 0 <= self.cursor_row < len(self.case_ids):
            return None
        return self.case_ids[self.cursor_row]
