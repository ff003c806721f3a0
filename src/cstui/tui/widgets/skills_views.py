"""Pieces of the My skills tabs: the actions and learning tables, details, charter figures.

Everything typed by the person (needs, reflections...) is shown as ``Text``, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.table import Table
from rich.text import Text

from cstui.models.content import Development
from cstui.models.figures import NOTE, WindowFigures, charter_rows
from cstui.models.policy import Policy
from cstui.models.skills import Action, ActionStatus, LearningEntry, SelfAssessment
from cstui.tui.text import OVERDUE_MARK, literal
from cstui.tui.widgets.row_table import RowTable

CELL_WIDTH = 36
"""Typed text in a table row is cut to this many columns (the detail below shows it all)."""

STATUS_STYLES: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "",
    ActionStatus.DOING: "bold cyan",
    ActionStatus.DONE: "green",
}


class KeyedTable(RowTable):
    """A row-cursor table whose rows are keyed by an id, kept under the cursor on refresh."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[int] = []

    def on_mount(self) -> None:
        for label in self.COLUMNS:
            self.add_column(label, key=label)

    def current_key(self) -> int | None:
        """The id of the row under the cursor, if any."""
        if not self.keys or not 0 <= self.cursor_row < len(self.keys):
            return None
        return self.keys[self.cursor_row]

    def _fill(self, rows: Sequence[tuple[int, list[Text]]]) -> None:
        keep = self.current_key()
        self.clear()
        self.keys = [key for key, _ in rows]
        for key, cells in rows:
            self.add_row(*cells, key=str(key))
        if keep in self.keys:
            self.move_cursor(row=self.keys.index(keep), animate=False)


def due_cell(action: Action, overdue: bool) -> Text:
    """The due date; overdue ones get a ``!`` as well as colour."""
    if overdue:
        return Text(f"{OVERDUE_MARK} {action.due.isoformat()}", style="bold red")
    return Text(action.due.isoformat())


def status_cell(status: ActionStatus) -> Text:
    """The status, coloured."""
    return Text(status.value, style=STATUS_STYLES[status])


def one_line(text: str, width: int = 0) -> Text:
    """Typed text folded onto one line, shown literally; cut with an ellipsis past ``width``."""
    shown = literal(" ".join(text.split()))
    if width:
        shown.truncate(width, overflow="ellipsis")
    return shown


class ActionTable(KeyedTable):
    """Improvement actions: due date, status and what needs to happen."""

    COLUMNS = ("#", "Statement", "Due", "Status", "What needs to happen")

    def show(self, actions: Sequence[Action], overdue: Callable[[Action], bool]) -> None:
        """Replace the rows with ``actions``."""
        self._fill(
            [
                (
                    a.id,
                    [
                        Text(f"#{a.id}"),
                        Text(a.statement),
                        due_cell(a, overdue(a)),
                        status_cell(a.status),
                        one_line(a.need, CELL_WIDTH),
                    ],
                )
                for a in actions
            ]
        )


class LearningTable(KeyedTable):
    """The learning log: date, kind and what."""

    COLUMNS = ("Date", "Kind", "What")

    def show(self, entries: Sequence[LearningEntry]) -> None:
        """Replace the rows with ``entries``."""
        self._fill(
            [
                (e.id, [Text(e.on.isoformat()), Text(e.kind.label), one_line(e.what, CELL_WIDTH)])
                for e in entries
            ]
        )


def action_detail(
    action: Action,
    content: SelfAssessment,
    development: Development,
    overdue: bool,
) -> Text:
    """Everything about one action, typed text shown literally."""
    statement = content.statement(action.statement)
    text = Text()
    text.append(f"#{action.id} ", style="bold")
    text.append_text(status_cell(action.status))
    text.append(" · due ")
    text.append_text(due_cell(action, overdue))
    if overdue:
        text.append(" overdue", style="bold red")
    text.append(f"\n{action.statement} ", style="bold")
    text.append(statement.text if statement else "(no longer in the assessment)", style="italic")
    text.append("\nWhat needs to happen: ", style="bold")
    text.append_text(literal(action.need))
    text.append("\nWhat I will initiate: ", style="bold")
    text.append_text(literal(action.initiate))
    activities = {a.id: a for a in development.activities}
    readings = {r.id: r for r in development.readings}
    for activity_id in action.activities:
        text.append("\nActivity: ", style="bold")
        found = activities.get(activity_id)
        text.append_text(literal(found.title if found else activity_id))
    for reading_id in action.readings:
        text.append("\nReading: ", style="bold")
        book = readings.get(reading_id)
        text.append_text(literal(f"{book.title} ({book.author})" if book else reading_id))
    return text


def learning_detail(entry: LearningEntry) -> Text:
    """One learning log entry with its reflection."""
    text = Text()
    text.append(f"{entry.on.isoformat()} · {entry.kind.label}\n", style="bold")
    text.append_text(literal(entry.what))
    text.append("\n")
    if entry.reflection:
        text.append_text(literal(entry.reflection, "italic"))
    else:
        text.append("No reflection written.", style="dim")
    return text


def performance_table(figures: Sequence[WindowFigures], policy: Policy) -> Table:
    """The charter figures for each window next to the policy's targets."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("")
    for window in figures:
        table.add_column(f"Last {window.weeks} weeks", justify="right")
    table.add_column("Target", style="dim")
    for label, values, target in charter_rows(figures, policy):
        table.add_row(label, *values, target)
    return table


def performance_note() -> Text:
    """How to read the figures."""
    return Text(NOTE, style="dim")
