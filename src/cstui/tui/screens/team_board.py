"""What the team view shows, worked out apart from the screen: the order asked for, the
rows arranged in it (in the worker thread), one read's result, and the counters line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text

from cstui.models.board import (
    APPROVAL_FLAG,
    OVERDUE_FLAG,
    BoardRow,
    Counters,
    filter_rows,
    sort_rows,
)
from cstui.services.reports import Board
from cstui.tui.widgets.team_table import RowState, row_state


@dataclass(frozen=True)
class Order:
    """Which rows the table shows, and in what order."""

    text: str
    """The filter as typed."""
    overdue_only: bool
    column: int
    """The sort column (0-based)."""
    descending: bool


@dataclass(frozen=True)
class View:
    """The rows to show for one order, each with what its cells are drawn from."""

    order: Order
    rows: list[BoardRow]
    states: list[RowState]


def arrange(rows: Sequence[BoardRow], order: Order) -> View:
    """``rows`` filtered (if there is a filter) and sorted as ``order`` says."""
    if order.text.strip() or order.overdue_only:
        rows = filter_rows(rows, order.text, order.overdue_only)
    ordered = sort_rows(rows, order.column, order.descending)
    return View(order, ordered, [row_state(row) for row in ordered])


@dataclass(frozen=True)
class Loaded:
    """What one re-read of the store found."""

    board: Board
    leader: bool
    seconds: float
    """How long reading and working out the board took."""
    view: View
    """The board arranged in the order asked for when the read started."""
    state: tuple[object, datetime] | None = None
    """The store's token and the minute of this read (see ``TeamScreen._state``)."""


def counters_text(counters: Counters) -> Text:
    """``Open 12: Investigate 5 · ...`` then ``! Overdue 3 · Due today 1 · $ Awaiting ...``."""
    text = Text(f"Open {counters.open}", style="bold")
    steps = " · ".join(f"{step.label} {n}" for step, n in counters.per_step.items() if n)
    text.append(f": {steps}" if steps else "")
    text.append("\n")
    text.append(
        f"{OVERDUE_FLAG} Overdue {counters.overdue}",
        style="bold red" if counters.overdue else "",
    )
    text.append(f" · Due today {counters.due_today} · ")
    text.append(
        f"{APPROVAL_FLAG} Awaiting approval {counters.awaiting_approval}",
        style="bold magenta" if counters.awaiting_approval else "",
    )
    return text
