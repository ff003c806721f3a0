"""The wall board: the team view read only, large and live, for a screen everyone sees.

Open cases sorted by next due (overdue first) with their step and owner, the counters
per step, overdue, due today, new today and approvals waiting, and how many each owner
has. It names no customer and shows no phone or email: a row is the case number, its
category, step, owner, age, next due and flags. It re-reads the store every second and
at once when another terminal saves (on a database server); it takes no keys but quit.
"""

from __future__ import annotations

from collections import Counter
from datetime import tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from cstui.models.board import BoardRow, short_age, sort_rows
from cstui.tui.screens.background import BackgroundWork
from cstui.tui.screens.team_board import counters_text
from cstui.tui.text import literal, safe
from cstui.tui.widgets.team_table import fit, flags_text

if TYPE_CHECKING:
    from cstui.bundle import Services
    from cstui.services.reports import Board

REFRESH_SECONDS = 1.0
NEXT_DUE_COLUMN = 6
"""The board's sort column for the next due date (soonest, so most overdue, first)."""
COLUMNS = ("Case", "Category", "Step", "Owner", "Age", "Next due", "Flags")
WIDTHS = {"Category": 12, "Step": 12, "Owner": 10}

WALL_CSS = """
WallScreen { background: $background; }
#wall-title { text-style: bold; color: $accent; padding: 0 1; }
#wall-counters { padding: 0 1 1 1; }
#wall-owners { padding: 0 1; color: $text-muted; }
#wall-table { height: 1fr; }
"""


def wall_cells(row: BoardRow, zone: tzinfo) -> tuple[Text, ...]:
    """One case's cells: nothing of the customer's, text from the store shown literally."""
    case = row.case
    due = (
        Text("—")
        if row.due is None
        else Text(
            row.due.at.astimezone(zone).strftime("%d %b %H:%M"),
            style="bold red" if row.overdue else "",
        )
    )
    return (
        Text(case.id),
        Text(fit(safe(case.category), WIDTHS["Category"])),
        Text(fit(case.step.label, WIDTHS["Step"])),
        Text(fit(safe(case.owner), WIDTHS["Owner"])),
        Text(short_age(row.age)),
        due,
        flags_text(row),
    )


def owners_text(rows: list[BoardRow]) -> Text:
    """``By owner: alice 3 · bob 1`` (most first)."""
    owners = Counter(row.case.owner for row in rows)
    listed = " · ".join(f"{safe(name)} {n}" for name, n in owners.most_common())
    return literal(f"By owner: {listed}" if listed else "No open cases")


def new_today(board: Board, zone: tzinfo) -> int:
    """Open cases logged today (in the centre's zone)."""
    today = board.now.astimezone(zone).date()
    return sum(1 for r in board.rows if r.case.created_at.astimezone(zone).date() == today)


class WallScreen(BackgroundWork, Screen[None]):
    """The board itself."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Static(id="wall-title")
        yield Static(id="wall-counters")
        yield Static(id="wall-owners")
        table: DataTable[Text] = DataTable(id="wall-table", cursor_type="none", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        self.query_one("#wall-table", DataTable).add_columns(*COLUMNS)
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.reload)

    def reload(self) -> None:
        """Re-read the board in a worker thread (one read at a time)."""
        if self._loading:
            return
        self._loading = True
        self.load(self.services.reports.board, self._show, group="wall", failed=self._failed)

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.query_one("#wall-title", Static).update(
            literal(f"Cannot read the store: {exc}", "bold red")
        )

    def _show(self, board: Board) -> None:
        self._loading = False
        zone = self.services.zone
        at = board.now.astimezone(zone).strftime("%H:%M")
        self.query_one("#wall-title", Static).update(Text(f"Team board · {at}"))
        counts = counters_text(board.counters)
        counts.append(f" · New today {new_today(board, zone)}")
        self.query_one("#wall-counters", Static).update(counts)
        self.query_one("#wall-owners", Static).update(owners_text(board.rows))
        table: DataTable[Text] = self.query_one("#wall-table", DataTable)
        table.clear()
        for row in sort_rows(board.rows, NEXT_DUE_COLUMN):
            table.add_row(*wall_cells(row, zone), key=row.case.id)

    def changed_elsewhere(self) -> None:
        """Another terminal saved: read the board now."""
        self.reload()


class WallApp(App[None]):
    """The wall board as an app of its own (no keys but quit)."""

    CSS = WALL_CSS
    TITLE = "cstui wall board"

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.board = WallScreen(services)

    def on_mount(self) -> None:
        self.push_screen(self.board)
        changes = self.services.changes
        if changes.live:
            changes.start(self._changed, lambda connected: None)

    def _changed(self) -> None:
        """In the change feed's thread: re-read on the app's thread."""
        self.post_message(events.Callback(callback=self.board.changed_elsewhere))

    def on_unmount(self) -> None:
        if self.services.changes.live:
            self.services.changes.stop()
