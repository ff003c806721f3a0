"""The team view: every open case at a glance, kept up to date as other terminals save.

Counters along the top (open per step, overdue, due today, awaiting approval); one row
per open case with its flags (``!`` overdue, ``⏸`` waiting on the customer, ``$`` a
refund awaiting approval). ``1``-``8`` sort by a column (again to reverse), ``/`` filters
as you type, ``o`` shows overdue cases only, Enter opens the case. Team leaders also
reassign (``g``) and open the approvals queue (``a``); agents see the same list read only.
The store is re-read as soon as another terminal saves (on a database server) and every
second, in a worker thread, which also filters and sorts what it read, so the event loop
only updates the rows that changed; the cursor stays on its case.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from cstui.errors import CstuiError
from cstui.models.board import (
    BOARD_COLUMNS,
    DEFAULT_SORT,
)
from cstui.services.reports import Board, ReportService
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.screens.team_board import Loaded, Order, View, arrange, counters_text
from cstui.tui.text import literal
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.team_table import TeamTable
from cstui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from cstui.models.team import Member
    from cstui.services.cases import CaseService
    from cstui.tui.screens.factory import Screens

REFRESH_SECONDS = 1.0
FILTER_DELAY = 0.12
"""Seconds of no typing before the filter is applied (typing stays smooth on long lists)."""
LEADER_ONLY = ("reassign", "approvals")
"""Actions only a team leader has; agents never see them in the footer."""

__all__ = ["FILTER_DELAY", "Loaded", "Order", "TeamScreen", "arrange"]


class TeamScreen(CstuiScreen):
    """Every open case of the team, live."""

    BINDINGS = [
        Binding("/", "filter", "Filter", id="team.filter"),
        Binding("o", "overdue_only", "Overdue", id="team.overdue"),
        Binding("enter", "open_case", "Open case", show=False, id="team.open"),
        Binding("g", "reassign", "Reassign", id="team.reassign"),
        Binding("g", "refuse('reassign cases')", show=False, id="team.reassign_refused"),
        Binding("a", "approvals", "Approvals", id="team.approvals"),
        Binding("a", "refuse('approve refunds')", show=False, id="team.approvals_refused"),
        Binding("T", "trends", "Trends", id="team.trends"),
        *[
            Binding(str(n + 1), f"sort({n})", f"Sort by {label}", show=False, id=f"team.sort{n}")
            for n, label in enumerate(BOARD_COLUMNS)
        ],
        Binding("r", "refresh", "Refresh now", show=False, id="team.refresh"),
        Binding("escape", "back", "Back", id="team.back"),
    ]

    def __init__(
        self,
        screens: Screens,
        *,
        reports: ReportService,
        cases: CaseService,
        is_team_leader: Callable[[], bool],
        members: Callable[[], list[Member]],
        zone: tzinfo,
    ) -> None:
        """``is_team_leader`` and ``members`` read the roster (in a worker)."""
        super().__init__()
        self.screens = screens
        self.service = reports
        self.cases = cases
        self.is_team_leader = is_team_leader
        self.members = members
        self.zone = zone
        self.sort_column = DEFAULT_SORT
        self.descending = False
        self.overdue_only = False
        self.leader = False
        self.board: Board | None = None
        self.last_refresh: float | None = None
        """Seconds the last re-read took (reading plus drawing), for measuring."""
        self._loading = False
        self._again = False
        self._filter_timer: Timer | None = None
        self._texts: dict[str, tuple[object, ...]] = {}
        self._read: tuple[object, datetime] | None = None
        """The store document and the minute of the last read: nothing to do until one
        of them changes (ages and overdue marks move by the minute)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="team-counters")
        yield Input(
            placeholder="/ filter: a name, owner:bob, cat:billing, step:solve…",
            id="team-filter",
            compact=True,
        )
        yield TeamTable(id="team-table")
        yield Static(id="team-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Team view"
        self.query_one(TeamTable).set_labels(self._labels())
        self.query_one(TeamTable).focus()
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.reload)

    def on_screen_resume(self) -> None:
        self.reload()

    # -- reading -------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the store in a worker thread (cheap when nothing changed).

        One read at a time: asked again while reading, it reads once more afterwards.
        """
        if not self.is_active and self.board is not None:
            return
        if self._loading:
            self._again = True
            return
        known = None if self._again else self._read
        self._loading, self._again = True, False
        order = self._order()
        self.load(lambda: self._read_board(order, known), self._loaded, group="board")

    def changed_elsewhere(self) -> None:
        """Another terminal saved: read the board now (not at the next tick)."""
        self.reload()

    def _read_board(
        self, order: Order, known: tuple[object, datetime] | None
    ) -> Loaded | Exception | None:
        """In the worker: the board in ``order``; None when the store and the minute are
        as they were at the ``known`` read."""
        started = time.perf_counter()
        try:
            state = self._state()
            if state and known and state[0] is known[0] and state[1] == known[1]:
                return None
            board = self.service.board()
            leader = self.is_team_leader()
            view = arrange(board.rows, order)
            return Loaded(board, leader, time.perf_counter() - started, view, state)
        except Exception as exc:  # shown on screen; the next read tries again
            return exc

    def _loaded(self, result: Loaded | Exception | None) -> None:
        self._loading = False
        if isinstance(result, Loaded):
            self._read = result.state
            self._apply(result)
        elif result is not None:
            self._unreadable(result)
        if self._again:
            self.reload()

    def _unreadable(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, CstuiError) else f"unexpected {type(exc).__name__}"
        self._show("#team-counters", literal(f"Cannot read the store: {message}", "bold red"))

    def _show(self, selector: str, text: Text) -> None:
        """Put ``text`` in a Static, only if it changed (an update costs a new layout)."""
        shown = (text.plain, tuple(text.spans), str(text.style))
        if self._texts.get(selector) != shown:
            self._texts[selector] = shown
            self.query_one(selector, Static).update(text)

    def _apply(self, loaded: Loaded) -> None:
        started = time.perf_counter()
        if loaded.leader != self.leader:
            self.leader = loaded.leader
            self.refresh_bindings()
        self.board = loaded.board
        self._show("#team-counters", counters_text(loaded.board.counters))
        if loaded.view.order == self._order():
            self._draw(loaded.view)
        else:  # the filter or the sort changed while reading
            self._redraw()
        self.last_refresh = loaded.seconds + time.perf_counter() - started

    def _order(self) -> Order:
        text = self.query_one("#team-filter", Input).value
        return Order(text, self.overdue_only, self.sort_column, self.descending)

    def _redraw(self) -> None:
        if self.board is not None:
            self._draw(arrange(self.board.rows, self._order()))

    def _draw(self, view: View) -> None:
        table = self.query_one(TeamTable)
        table.set_labels(self._labels())
        table.show(view.rows, self.zone, view.states)
        self._show("#team-status", self._status(len(view.rows), view.order.text))

    def _labels(self) -> list[str]:
        mark = "↓" if self.descending else "↑"
        return [
            f"{label}{mark if n == self.sort_column else ' '}"
            for n, label in enumerate(BOARD_COLUMNS)
        ]

    def _status(self, shown: int, text: str) -> Text:
        total = len(self.board.rows) if self.board else 0
        status = Text(f"Showing {shown} of {total}")
        if text.strip():
            status.append(" · filter ")
            status.append_text(literal(text.strip(), "bold"))
        if self.overdue_only:
            status.append(" · overdue only", style="bold red")
        status.append(" · 1–8 sort · / filter · o overdue", style="dim")
        if not self.leader:
            status.append(" · read only", style="yellow")
        return status

    # -- keys ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reassigning and approving are a team leader's; an agent gets a refusal instead."""
        if action in LEADER_ONLY:
            return self.leader
        if action == "refuse":
            return not self.leader
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types (once typing pauses for a moment)."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._redraw)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter goes back to the table, keeping the filter."""
        self.query_one(TeamTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens that case."""
        if event.row_key.value:
            self._open(event.row_key.value)

    def action_filter(self) -> None:
        """Type to filter the list."""
        self.query_one("#team-filter", Input).focus()

    def action_overdue_only(self) -> None:
        """Show only overdue cases, or all again."""
        self.overdue_only = not self.overdue_only
        self._redraw()

    def action_sort(self, column: int) -> None:
        """Sort by ``column``; the same column again reverses the order."""
        if column == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column, self.descending = column, False
        self._redraw()

    def action_open_case(self) -> None:
        """Open the case under the cursor."""
        if (case_id := self.query_one(TeamTable).current_case_id()) is not None:
            self._open(case_id)

    def _open(self, case_id: str) -> None:
        self.app.push_screen(self.screens.case(case_id))

    def action_reassign(self) -> None:
        """Give the case under the cursor to someone on the roster (team leaders)."""
        case_id = self.query_one(TeamTable).current_case_id()
        if case_id is None:
            self.notify("No case is selected.", severity="warning")
            return
        self.load(
            self.members, lambda members: self._choose_owner(case_id, members), group="roster"
        )

    def _choose_owner(self, case_id: str, members: list[Member]) -> None:
        items = [(f"{m.name} ({m.role.label})", m.name) for m in members]
        cases = self.cases

        def chosen(name: str | None) -> None:
            if name:
                self.save(
                    lambda: cases.assign(case_id, name),
                    lambda case: self._reassigned(case.id, case.owner),
                )

        self.app.push_screen(ChooseDialog(f"Give {case_id} to", items), chosen)

    def _reassigned(self, case_id: str, owner: str) -> None:
        self.notify(f"{case_id} now belongs to {owner}", markup=False)
        self.reload()

    def action_refuse(self, doing: str) -> None:
        """Tell an agent this is a team leader's action."""
        self.notify(f"Only a team leader can {doing}.", severity="warning", markup=False)

    def action_approvals(self) -> None:
        """Open the approvals queue (team leaders)."""
        self.app.push_screen(self.screens.approvals())

    def action_trends(self) -> None:
        """Complaints per week by category, times against targets, satisfaction."""
        self.app.push_screen(self.screens.trends(self.service))

    def action_refresh(self) -> None:
        """Re-read the store now."""
        self._read = None
        self.reload()

    def _state(self) -> tuple[object, datetime] | None:
        """The store's token and the minute now (in the worker): nothing to draw again
        until one of them changes (ages and overdue marks move by the minute)."""
        try:
            token = self.service.store_token()  # a stat; the file is read only if it changed
        except CstuiError:
            return None
        if token is None:
            return None
        minute = self.cases.clock().replace(second=0, microsecond=0)
        return token, minute  # the token itself: the same object until the store changes

    def action_back(self) -> None:
        """Esc in the filter clears it; otherwise back to the home screen."""
        box = self.query_one("#team-filter", Input)
        if self.focused is box:
            box.value = ""
            self.query_one(TeamTable).focus()
            return
        self.app.pop_screen()
