"""Home: my open cases above, every open case below."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.worker import Worker

from cstui.errors import CstuiError
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.text import literal, safe
from cstui.tui.widgets.case_table import CaseTable
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.tip_line import TipOfTheDay
from cstui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from cstui.bundle import Tip
    from cstui.models.brief import CaseBrief
    from cstui.models.refunds import RefundRecord
    from cstui.services.briefs import OpenCaseBriefs
    from cstui.services.skills import SkillsService
    from cstui.tui.screens.factory import Screens

TipLoader = Callable[[], "tuple[Tip | None, list[str]]"]
"""Today's tip and any content warnings loading it raised (may read files)."""

REFRESH_SECONDS = 2.0
FILTER_DELAY = 0.12
"""Seconds of no typing before the filter is applied (typing stays smooth)."""
FILTER_HINT = "/ filter: a name, owner:bob, cat:billing, step:solve… (esc clears)"


def filtered(cases: list[CaseBrief], text: str) -> list[CaseBrief]:
    """The cases matching every word of ``text``, as the team view's filter matches."""
    if not text.strip():
        return cases
    from cstui.models.filter_words import haystacks, words_match  # on first use, not at start

    return [
        c
        for c in cases
        if words_match(
            haystacks(
                c.id, c.customer, c.owner, c.category, f"{c.step.value} {c.step.label}", c.summary
            ),
            text,
        )
    ]


class HomeScreen(CstuiScreen):
    """The agent's start point: what is theirs, what is open, and how to log a new one."""

    AUTO_FOCUS = "#mine"
    """My cases, not the filter (hidden until ``/``)."""

    BINDINGS = [
        Binding("n", "new_case", "New case", id="home.new"),
        Binding("f", "find_caller", "Find caller", id="home.find"),
        Binding("enter", "open_case", "Open", show=False, id="home.open"),
        Binding("r", "refresh", "Refresh", id="home.refresh"),
        Binding("t", "tips", "Tips", id="home.tips"),
        Binding("s", "skills", "My skills", id="home.skills"),
        Binding("c", "refund_check", "Refund check", id="home.refund"),
        Binding("p", "approvals", "Approvals", id="home.approvals"),
        Binding("m", "my_refunds", "My refund requests", show=False, id="home.my_refunds"),
        Binding("v", "team_view", "Team view", id="home.team"),
        Binding("/", "filter", "Filter", show=False, id="home.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="home.clear_filter"),
        Binding("o", "roster", "Roster", id="home.roster"),
        Binding("d", "drafts", "Unsaved drafts", id="home.drafts"),
    ]
    drafts_kept: list[str] = []
    """The drafts kept from earlier sessions (read after the first frame); ``d`` lists them."""

    def __init__(
        self,
        screens: Screens,
        *,
        briefs: OpenCaseBriefs,
        user: str,
        clock: Callable[[], datetime],
        zone: tzinfo,
        first: list[CaseBrief] | CstuiError,
        tip: Tip | None,
        load_tip: TipLoader,
    ) -> None:
        """``first``: the open cases (or why they could not be read) for the first frame,
        read before the app started; ``briefs`` reads them again, in a worker.
        ``tip`` is today's, if read cheaply already; else ``load_tip`` reads it."""
        super().__init__()
        self.screens = screens
        self.briefs = briefs
        self.user = user
        self.clock = clock
        self.zone = zone
        self.first = first
        self.tip = tip
        self.load_tip = load_tip
        self._drawn: tuple[object, ...] = ()
        self._reader: Worker[None] | None = None
        """The read of the open cases under way, if any."""
        self._read_again = False
        self._first_resume = True
        self._cases: list[CaseBrief] = []
        """The open cases last read, most urgent first (before filtering)."""
        self._filter_timer: Timer | None = None
        self._decisions = ""
        """The refund decisions line shown (empty: hidden)."""
        self.who = screens.who_am_i()
        """Who the user is, as the roster said at start."""
        self.leads_team = self.who.leads_team
        """Whether the user leads the team (the roster is offered to them)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield TipOfTheDay(self.tip, id="tip-of-the-day")
        yield Static(id="refund-decisions", markup=False)
        yield Input(placeholder=FILTER_HINT, id="home-filter", compact=True)
        yield Static(id="mine-title", classes="table-title")
        yield CaseTable(id="mine")
        yield Static(id="all-title", classes="table-title")
        yield CaseTable(id="all")
        yield KeysFooter()

    def on_mount(self) -> None:
        # Filled before the first frame with what was read before the app started, so
        # the first frame is the finished one; every later read runs in a worker and
        # redraws only what changed meanwhile.
        if isinstance(self.first, CstuiError):
            self._unreadable(self.first)
        else:
            self._cases_read(self.first)
        self.set_interval(REFRESH_SECONDS, self.refresh_cases)
        if self.tip is None:
            self.load(self.load_tip, self._tip_loaded, group="tip", failed=self._tip_failed)
        self.query_one("#refund-decisions").display = False
        self.refresh_decisions()
        self.sub_title = safe(self.who.line)

    def refresh_decisions(self) -> None:
        """Read, in a worker, how many of the user's refund requests were decided."""
        self.load(self.screens.refund_decisions_line, self._decisions_read, group="decisions")

    def _decisions_read(self, line: str) -> None:
        if line == self._decisions:
            return  # unchanged: nothing to redraw
        self._decisions = line
        shown = self.query_one("#refund-decisions", Static)
        shown.update(Text(f"{line} (m lists your requests)" if line else ""))
        shown.display = bool(line)

    def action_my_refunds(self) -> None:
        """List the user's refund requests: status, who decided and why."""
        self.load(self.screens.my_refunds, self._show_my_refunds, group="my-refunds")

    def _show_my_refunds(self, records: list[RefundRecord]) -> None:
        if not records:
            self.notify("You have no refund requests.", markup=False)
            return
        from cstui.tui.dialogs.choose import ChooseDialog
        from cstui.tui.widgets.refund_decision import my_request_items

        cases = {r.id: r.case_id for r in records}

        def chosen(refund_id: str | None) -> None:
            case_id = cases.get(refund_id or "")
            if case_id:
                self._open(case_id)

        title = "Your refund requests (Enter opens the case)"
        self.app.push_screen(ChooseDialog(title, my_request_items(records)), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The roster is offered to a team leader only; ``d`` only while drafts are kept."""
        if action == "roster":
            return self.leads_team
        return bool(self.drafts_kept) if action == "drafts" else True

    def _tip_loaded(self, loaded: tuple[Tip | None, list[str]]) -> None:
        tip, warnings = loaded
        for warning in warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        if tip is not None:
            self.query_one(TipOfTheDay).show_tip(tip.title, tip.body)

    def _tip_failed(self, exc: CstuiError) -> None:
        self.notify(str(exc), severity="error", markup=False, timeout=10)

    def on_screen_resume(self) -> None:
        if self._first_resume:  # shown for the first time: what it shows was just read
            self._first_resume = False
            return
        self.refresh_cases()
        self.refresh_decisions()

    def refresh_cases(self) -> None:
        """Re-read open cases in a worker (cheap when nothing changed); redraw both tables.

        Only while this screen is on top: under a dialog or another screen nothing is
        read; coming back to it (``on_screen_resume``) reads again. One read at a time:
        asked again meanwhile, it reads once more when that one is done.
        """
        if not self.is_active:
            return
        if self._reader is not None and not self._reader.is_finished:
            self._read_again = True
            return
        self._reader = self.load(
            self.briefs.all, self._cases_read, group="cases", failed=self._unreadable
        )

    def changed_elsewhere(self) -> None:
        """Another terminal saved: read the open cases and refund decisions now."""
        self.refresh_cases()
        self.refresh_decisions()

    def _read_done(self) -> None:
        self._reader = None
        if self._read_again:
            self._read_again = False
            self.refresh_cases()

    def _unreadable(self, exc: CstuiError) -> None:
        self.query_one("#all-title", Static).update(Text(f"Cannot read the store: {exc}"))
        self._drawn = ()
        self._read_done()

    def _cases_read(self, cases: list[CaseBrief]) -> None:
        """Draw ``cases`` if a case changed, and each minute (due dates turn overdue)."""
        self._read_done()
        now = self.clock()
        minute = now.replace(second=0, microsecond=0)
        drawn = (tuple((c.id, c.version) for c in cases), minute)
        if drawn != self._drawn:
            self._drawn = drawn
            self._show(cases, now)

    def _show(self, cases: list[CaseBrief], now: datetime) -> None:
        self._cases = cases
        text = self.query_one("#home-filter", Input).value
        shown = filtered(cases, text)
        mine = [c for c in shown if c.owner == self.user]
        overdue = sum(1 for c in shown if (d := c.due(now)) and d.overdue)
        of_all = f" of {len(cases)}" if text.strip() else ""
        self.query_one("#mine-title", Static).update(
            Text(f"My open cases ({len(mine)})", style="bold")
        )
        title = Text(f"All open cases ({len(shown)}{of_all})", style="bold")
        if overdue:
            title.append(f"  ! {overdue} overdue", style="bold red")
        if of_all:
            title.append_text(literal(f"  · filter {text.strip()}", "dim"))
        self.query_one("#all-title", Static).update(title)
        zone = self.zone
        self.query_one("#mine", CaseTable).show(mine, now, zone)
        self.query_one("#all", CaseTable).show(shown, now, zone)

    def action_filter(self) -> None:
        """Type to filter both lists (a name, owner:bob, cat:billing, step:solve…)."""
        box = self.query_one("#home-filter", Input)
        box.add_class("-shown")
        box.focus()

    def action_clear_filter(self) -> None:
        """Clear the filter and show every case again."""
        box = self.query_one("#home-filter", Input)
        if box.value or box.has_class("-shown"):
            box.value = ""
            box.remove_class("-shown")
            self.query_one("#mine", CaseTable).focus()
            self._show(self._cases, self.clock())

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types (once typing pauses for a moment)."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(
            FILTER_DELAY, lambda: self._show(self._cases, self.clock())
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter goes to the list, keeping the filter."""
        self.query_one("#all", CaseTable).focus()

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
        self.app.push_screen(self.screens.case(case_id))

    def action_new_case(self) -> None:
        """Log a new complaint."""
        self.app.push_screen(self.screens.new_case())

    def action_find_caller(self) -> None:
        """Ask for the caller's phone or email, then show their cases, open ones first."""

        def found(contact: str | None) -> None:
            if contact and contact.strip():
                self.app.push_screen(self.screens.caller(contact))

        self.app.push_screen(
            PromptDialog("Caller's phone number or email", placeholder="0400 123 456"), found
        )

    def action_tips(self) -> None:
        """Search the quick tips and development activities."""
        self.app.push_screen(self.screens.tips())

    def action_skills(self) -> None:
        """Open my private skills log: self-assessment, actions, progress, learning."""
        self.load(self.screens.skills_log, self._open_skills, group="open-skills")

    def _open_skills(self, log: SkillsService) -> None:
        self.app.push_screen(self.screens.skills(log))

    def action_refund_check(self) -> None:
        """What is due to a customer bringing goods back: the refund checklist."""
        self.app.push_screen(self.screens.refund_check())

    def action_approvals(self) -> None:
        """Refunds above an agent's limit waiting for a team leader, and ones to record."""
        self.app.push_screen(self.screens.approvals())

    def action_drafts(self) -> None:
        """List the unsaved drafts; Enter opens the one chosen where it belongs."""
        from cstui.tui.interruptions import list_drafts

        list_drafts(self.app, self.screens, self.drafts_kept)

    def action_team_view(self) -> None:
        """Every open case of the team at a glance, live: counts, overdue, filters."""
        self.app.push_screen(self.screens.team())

    def action_roster(self) -> None:
        """The team's roster: add agents, change refund limits (team leaders)."""
        if self.leads_team:
            self.app.push_screen(self.screens.roster())

    def action_refresh(self) -> None:
        """Re-read the store and redraw now."""
        self._drawn = ()
        self.refresh_cases()
