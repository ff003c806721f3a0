"""Home: my open cases above, every open case below."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from cstui.errors import CstuiError
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.widgets.case_table import CaseTable
from cstui.tui.widgets.guidance_panel import TipOfTheDay
from cstui.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from cstui.domain.brief import CaseBrief

REFRESH_SECONDS = 2.0


class HomeScreen(CstuiScreen):
    """The agent's start point: what is theirs, what is open, and how to log a new one."""

    BINDINGS = [
        Binding("n", "new_case", "New case", id="home.new"),
        Binding("f", "find_caller", "Find caller", id="home.find"),
        Binding("enter", "open_case", "Open", show=False, id="home.open"),
        Binding("r", "refresh", "Refresh", id="home.refresh"),
        Binding("t", "tips", "Tips", id="home.tips"),
        Binding("s", "skills", "My skills", id="home.skills"),
        Binding("c", "refund_check", "Refund check", id="home.refund"),
        Binding("p", "approvals", "Approvals", id="home.approvals"),
        Binding("v", "team_view", "Team view", id="home.team"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield TipOfTheDay(id="tip-of-the-day")
        yield Static(id="mine-title", classes="table-title")
        yield CaseTable(id="mine")
        yield Static(id="all-title", classes="table-title")
        yield CaseTable(id="all")
        yield KeysFooter()

    def on_mount(self) -> None:
        # Filled before the first frame, so the first frame is the finished one; shown
        # again (``on_screen_resume``), it redraws only what changed meanwhile.
        self._drawn: tuple[object, ...] = ()
        self.refresh_cases()
        self.set_interval(REFRESH_SECONDS, self.refresh_cases)

    def on_screen_resume(self) -> None:
        self.refresh_cases()

    def refresh_cases(self) -> None:
        """Re-read open cases (cheap when nothing changed) and redraw both tables.

        Only while this screen is on top: under a dialog or another screen nothing is
        read; coming back to it (``on_screen_resume``) reads again.
        """
        if not self.is_active:
            return
        try:
            cases = self.workspace.briefs.all()
        except CstuiError as exc:
            self.query_one("#all-title", Static).update(Text(f"Cannot read the store: {exc}"))
            self._drawn = ()
            return
        # Redrawn when a case changed, and each minute (due dates turn overdue).
        now = self.workspace.clock()
        minute = now.replace(second=0, microsecond=0)
        drawn = (tuple((c.id, c.version) for c in cases), minute)
        if drawn != self._drawn:
            self._drawn = drawn
            self._show(cases, now)

    def _show(self, cases: list[CaseBrief], now: datetime) -> None:
        user = self.workspace.user
        mine = [c for c in cases if c.owner == user]
        overdue = sum(1 for c in cases if (d := c.due(now)) and d.overdue)
        self.query_one("#mine-title", Static).update(
            Text(f"My open cases ({len(mine)})", style="bold")
        )
        title = Text(f"All open cases ({len(cases)})", style="bold")
        if overdue:
            title.append(f"  ! {overdue} overdue", style="bold red")
        self.query_one("#all-title", Static).update(title)
        zone = self.workspace.zone
        self.query_one("#mine", CaseTable).show(mine, now, zone)
        self.query_one("#all", CaseTable).show(cases, now, zone)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens that case."""
        if event.row_key.value:
            self._open(event.row_key.value)

    def action_open_case(self) -> None:
        """Open the case under the cursor of the focused table."""
        table = self.focused if isinstance(self.focused, CaseTable) else None
        if table is not None and (case_id := table.current_case_id()):
            self._open(case_id)

    def _open(self, case_id: str) -> None:
        from cstui.tui.screens.case import CaseScreen

        self.app.push_screen(CaseScreen(case_id))

    def action_new_case(self) -> None:
        """Log a new complaint."""
        from cstui.tui.screens.new_case import NewCaseScreen

        self.app.push_screen(NewCaseScreen())

    def action_find_caller(self) -> None:
        """Ask for the caller's phone or email, then start a case with their history beside it."""
        from cstui.tui.screens.new_case import NewCaseScreen

        def found(contact: str | None) -> None:
            if contact:
                self.app.push_screen(NewCaseScreen(contact=contact.strip()))

        self.app.push_screen(
            PromptDialog("Caller's phone number or email", placeholder="0400 123 456"), found
        )

    def action_tips(self) -> None:
        """Search the quick tips and development activities."""
        from cstui.tui.screens.tips import TipsScreen

        self.app.push_screen(TipsScreen())

    def action_skills(self) -> None:
        """Open my private skills log: self-assessment, actions, progress, learning."""
        from cstui.tui.screens.skills import SkillsScreen

        try:
            service = self.workspace.skills
        except CstuiError as exc:
            self.show_error(exc)
            return
        self.app.push_screen(SkillsScreen(service))

    def action_refund_check(self) -> None:
        """What is due to a customer bringing goods back: the refund checklist."""
        from cstui.tui.screens.refund_check import RefundCheckScreen

        self.app.push_screen(RefundCheckScreen())

    def action_approvals(self) -> None:
        """Refunds above an agent's limit waiting for a team leader, and ones to record."""
        from cstui.tui.screens.approvals import ApprovalsScreen

        self.app.push_screen(ApprovalsScreen())

    def action_team_view(self) -> None:
        """Every open case of the team at a glance, live: counts, overdue, filters."""
        from cstui.tui.screens.team import TeamScreen

        self.app.push_screen(TeamScreen())

    def action_refresh(self) -> None:
        """Re-read the store and redraw now."""
        self._drawn = ()
        self.refresh_cases()
