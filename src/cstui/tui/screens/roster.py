"""The roster, for a team leader: who is on the team, their role and refund limit.

Adding an agent and changing a limit go through the team service, so the checks and the
audit trail are those of ``cstui team add``.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from cstui.errors import CstuiError
from cstui.models.roles import Role
from cstui.models.team import Member, Roster
from cstui.services.team import TeamService
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.text import literal, safe
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.title_bar import TitleBar

"""How each role is written for people."""


class RosterScreen(CstuiScreen):
    """Everyone on the team; ``a`` adds an agent, ``l`` changes the selected one's limit."""

    BINDINGS = [
        Binding("a", "add_agent", "Add agent", id="roster.add"),
        Binding("l", "change_limit", "Change limit", id="roster.limit"),
        Binding("escape", "back", "Back", id="roster.back"),
    ]

    def __init__(self, team: TeamService) -> None:
        super().__init__()
        self.team = team
        self.roster = Roster()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(Text("Reading the roster…"), id="roster-title", classes="table-title")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Roster"
        table = self.query_one(DataTable)
        for label in ("Name", "Role", "Refund limit"):
            table.add_column(label, key=label)
        table.focus()
        self.read_roster()

    def read_roster(self) -> None:
        """Read the roster again (in a worker) and show it."""
        self.load(self.team.roster, self._show, group="roster", failed=self._unreadable)

    def _unreadable(self, exc: CstuiError) -> None:
        self.query_one("#roster-title", Static).update(literal(f"Cannot read the roster: {exc}"))

    def _show(self, roster: Roster) -> None:
        self.roster = roster
        count = len(roster.members)
        title = f"The team: {count} {'person' if count == 1 else 'people'}"
        self.query_one("#roster-title", Static).update(Text(title, style="bold"))
        table = self.query_one(DataTable)
        selected = self.selected()
        table.clear()
        for member in roster.members:
            table.add_row(
                literal(member.name),
                Text(member.role.label),
                Text(f"{member.refund_limit:.2f}", justify="right"),
                key=member.name,
            )
        if selected is not None and roster.get(selected.name) is not None:
            table.move_cursor(row=table.get_row_index(selected.name))

    def selected(self) -> Member | None:
        """The member under the cursor, if any."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.roster.get(str(row_key.value))

    def action_add_agent(self) -> None:
        """Ask for the new agent's login name, then their refund limit; add them."""

        def named(name: str | None) -> None:
            if name:
                self._ask_limit(name.strip(), Role.AGENT, "")

        self.app.push_screen(
            PromptDialog("Login name of the agent to add", placeholder="bob"), named
        )

    def action_change_limit(self) -> None:
        """Ask for a new refund limit for the person under the cursor."""
        member = self.selected()
        if member is not None:
            self._ask_limit(member.name, member.role, f"{member.refund_limit:.2f}")

    def _ask_limit(self, name: str, role: Role, current: str) -> None:
        def given(limit: str | None) -> None:
            if limit:
                self._put(name, role, limit)

        question = f"Refund limit for {safe(name)} (the most they may refund without approval)"
        self.app.push_screen(PromptDialog(question, placeholder="100", value=current), given)

    def _put(self, name: str, role: Role, limit: str) -> None:
        """Save ``name`` with ``role`` and ``limit`` through the team service."""
        self.save(lambda: self.team.add(name, role.value, limit), self._saved)

    def _saved(self, member: Member) -> None:
        limit = f"{member.refund_limit:.2f}"
        self.notify(f"{member.name}: {member.role.label}, limit {limit}", markup=False)
        self.read_roster()

    def action_back(self) -> None:
        """Back to home."""
        self.app.pop_screen()
