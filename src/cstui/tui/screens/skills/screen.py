"""My skills: a private self-assessment, three and three, actions, progress and learning.

Only the current user's log is ever opened here; there is no way to name anyone else's.
Each tab is a widget of its own, given what it shows; what the person does there comes
back as a message, and the screen saves it. The rating keys (w a b n) work only while the
statement list has focus. Saves run one after another, in the order made, so fast rating
never loses a key press; the log is re-read (in a worker) once they have all landed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import TabbedContent

from cstui.errors import CstuiError
from cstui.models.skill_scores import rated
from cstui.models.skills import Action, Assessment, LearningEntry, Rating, Statement
from cstui.services.skills import SkillsService
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.skills_action import SkillsActionDialog
from cstui.tui.dialogs.skills_learning import SkillsLearningDialog
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.screens.skills.progress_text import progress_view
from cstui.tui.text import safe
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.skills.actions import ActionsTab
from cstui.tui.widgets.skills.assess import AssessTab
from cstui.tui.widgets.skills.learning import LearningTab
from cstui.tui.widgets.skills.performance import PerformanceTab
from cstui.tui.widgets.skills.progress import ProgressTab
from cstui.tui.widgets.skills.three import ThreeTab
from cstui.tui.widgets.skills_assess import StatementList
from cstui.tui.widgets.skills_views import performance_table
from cstui.tui.widgets.title_bar import TitleBar

TABS: tuple[tuple[str, str], ...] = (
    ("tab-assess", "Assess"),
    ("tab-three", "Three & three"),
    ("tab-actions", "Actions"),
    ("tab-progress", "Progress"),
    ("tab-learning", "Learning log"),
    ("tab-performance", "My performance"),
)
FOCUS_IN_TAB: dict[str, str] = {
    "tab-assess": "#assess-list",
    "tab-three": "#three-strengths",
    "tab-actions": "#actions-table",
    "tab-progress": "#progress-scroll",
    "tab-learning": "#learning-table",
    "tab-performance": "#performance-scroll",
}
DEFAULT_DUE_DAYS = 30
"""A new action is due this many days ahead unless changed."""
ASSESS_ACTIONS = frozenset({"rate", "move", "factor"})
ACTIONS_ON_TAB = {
    "complete": "tab-assess",
    "cycle_status": "tab-actions",
    "log_learning": "tab-learning",
}
"""Keys offered only while their tab is shown."""


@dataclass(frozen=True)
class SkillsLog:
    """One read of the log, for every tab but Assess."""

    latest: Assessment | None
    candidates: tuple[list[str], list[str]]
    actions: list[Action]
    progress: Text
    learning: list[LearningEntry]
    performance: Table


class SkillsScreen(CstuiScreen):
    """The current user's skills log, in six tabs."""

    BINDINGS = [
        Binding("w", "rate('well')", "Well", id="skills.well"),
        Binding("a", "rate('adequate')", "Adequate", id="skills.adequate"),
        Binding("b", "rate('better')", "Better", id="skills.better"),
        Binding("n", "rate('na')", "N/a", id="skills.na"),
        Binding("backspace", "rate('')", "Clear rating", show=False, id="skills.clear"),
        Binding("delete", "rate('')", "", show=False, id="skills.clear_delete"),
        Binding("right", "move(1)", "Next statement (also ])", show=False, id="skills.next"),
        Binding("right_square_bracket", "move(1)", "", show=False, id="skills.next_bracket"),
        Binding(
            "left", "move(-1)", "Previous statement (also [)", show=False, id="skills.previous"
        ),
        Binding("left_square_bracket", "move(-1)", "", show=False, id="skills.prev_bracket"),
        Binding("pagedown", "factor(1)", "Next factor", show=False, id="skills.next_factor"),
        Binding("pageup", "factor(-1)", "Previous factor", show=False, id="skills.prev_factor"),
        Binding("c", "complete", "Complete", id="skills.complete"),
        Binding("e", "plan_action", "Plan action", id="skills.plan"),
        Binding("t", "cycle_status", "Status", id="skills.status"),
        Binding("l", "log_learning", "Log learning", id="skills.log"),
        *[
            Binding(str(n), f"show_tab('{pane}')", f"Tab: {title}", show=False, id=f"skills.{pane}")
            for n, (pane, title) in enumerate(TABS, start=1)
        ],
        Binding("escape", "back", "Back", id="skills.back"),
    ]

    def __init__(self, service: SkillsService) -> None:
        super().__init__()
        self.service = service
        self.content = service.content
        self.pending: dict[str, Rating | None] = {}
        """Ratings made and not saved yet."""
        self._in_flight: dict[str, Rating | None] = {}
        self._picks: tuple[int, list[str], list[str]] | None = None
        self._leave_when_saved = False
        self._refresh_wanted = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with TabbedContent(id="skills-tabs"):
            yield AssessTab(self.content)
            yield ThreeTab(self.content)
            yield ActionsTab(self.content)
            yield ProgressTab()
            yield LearningTab()
            yield PerformanceTab()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"{safe(self.service.owner)} · my skills (private)"
        self.query_one(AssessTab).start({})
        self.load(self.service.draft, self._resume_draft, group="draft")
        self.refresh_views()
        self.query_one(StatementList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_views()

    @property
    def assess(self) -> AssessTab:
        """The Assess tab, which holds the ratings being made."""
        return self.query_one(AssessTab)

    @property
    def ratings(self) -> dict[str, Rating]:
        """The ratings of the assessment being made."""
        return self.assess.ratings

    @property
    def current(self) -> Statement:
        """The statement being rated."""
        return self.assess.current

    # -- reading -----------------------------------------------------------------------
    def _resume_draft(self, draft: Assessment | None) -> None:
        if draft is None:
            return
        self.assess.start(draft.ratings, draft.position)
        self.notify(
            f"Resumed your assessment: {rated(self.content, draft.ratings)} of "
            f"{len(self.content.statements)} rated",
            markup=False,
        )

    def refresh_views(self) -> None:
        """Re-read the log (in a worker) and redraw every tab but Assess.

        While saves are waiting, this waits for them, so nothing older is drawn over them.
        """
        if self.saving:
            self._refresh_wanted = True
            return
        self._refresh_wanted = False
        self.load(self._read_log, self._show_log, group="log")

    def _read_log(self) -> SkillsLog:
        service = self.service
        latest = service.latest()
        proposal = service.proposal(latest) if latest is not None else None
        candidates = (
            (list(proposal.strengths), list(proposal.improvements)) if proposal else ([], [])
        )
        progress = progress_view(self.content, service.report(), service.local_day)
        figures = performance_table(service.performance(), service.policy)
        return SkillsLog(
            latest, candidates, service.actions(), progress, service.learning(), figures
        )

    def _show_log(self, log: SkillsLog) -> None:
        completed_on = self.service.local_day(log.latest.completed_at) if log.latest else ""
        self.query_one(ThreeTab).show(log.latest, log.candidates, log.actions, completed_on)
        self.query_one(ActionsTab).show(
            log.actions, self.service.development, self.service.is_overdue
        )
        self.query_one(ProgressTab).show(log.progress)
        self.query_one(LearningTab).show(log.learning)
        self.query_one(PerformanceTab).show(self.service.owner, log.performance)

    def all_saved(self) -> None:
        """Every save has landed: draw what waited for them, leave if asked to."""
        if self._refresh_wanted:
            self.refresh_views()
        if self._leave_when_saved:
            self._leave_when_saved = False
            self.app.pop_screen()

    # -- Assess ------------------------------------------------------------------------
    def action_rate(self, value: str) -> None:
        """Rate the statement shown (or clear its rating) and move to the next one."""
        if isinstance(self.focused, StatementList):
            self.assess.rate(Rating(value) if value else None)

    @on(AssessTab.Rated)
    def _rated(self, event: AssessTab.Rated) -> None:
        self.pending[event.statement.id] = event.rating
        self.save_when_due(
            self._save_ratings, lambda _saved: None, key="ratings", failed=self._rating_failed
        )
        if event.completed:
            self.action_complete()

    def _save_ratings(self) -> Callable[[], Assessment] | None:
        if not self.pending:
            return None
        changes, self.pending = self.pending, {}
        position = self.current.id
        self._in_flight = changes
        return lambda: self.service.rate(changes, position)

    def _rating_failed(self, error: CstuiError) -> None:
        for statement_id, rating in self._in_flight.items():
            self.pending.setdefault(statement_id, rating)
        self.show_error(error)

    def action_move(self, step: int) -> None:
        """Show the next (1) or previous (-1) statement, across factors."""
        self.assess.move(step)

    def action_factor(self, step: int) -> None:
        """Show the first statement of the next (1) or previous (-1) factor."""
        self.assess.factor(step)

    def action_complete(self) -> None:
        """Complete the assessment (asks first), then go on to three and three."""
        count, total = rated(self.content, self.ratings), len(self.content.statements)
        if count == 0:
            self.notify("Rate at least one statement first.", severity="warning")
            return
        question = f"Complete this assessment? {count} of {total} statements rated"
        question += "." if count == total else f"; the other {total - count} stay unrated."

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_when_due(self._save_ratings, lambda _saved: None, key="ratings")
                self.save(self.service.complete_draft, self._completed, key="complete")

        self.app.push_screen(ConfirmDialog(question), answered)

    def _completed(self, assessment: Assessment) -> None:
        self.pending = {}
        self.assess.start({}, self.content.statements[0].id)
        self.refresh_views()
        self.notify(
            f"Assessment {assessment.id} complete. Three strengths and three to improve are "
            "proposed: change them with space, plan an action with e.",
            markup=False,
            timeout=8,
        )
        self.action_show_tab("tab-three")

    # -- Three & three, actions, learning ------------------------------------------------
    @on(ThreeTab.Picked)
    def _picked(self, event: ThreeTab.Picked) -> None:
        self._picks = (event.assessment_id, event.strengths, event.improvements)
        self.save_when_due(self._save_picks, self._picks_saved, key="picks")

    def _save_picks(self) -> Callable[[], Assessment] | None:
        if self._picks is None:
            return None
        assessment_id, strengths, improvements = self._picks
        return lambda: self.service.pick(strengths, improvements, assessment_id)

    def _picks_saved(self, assessment: Assessment) -> None:
        self.query_one(ThreeTab).latest = assessment

    def action_plan_action(self) -> None:
        """Plan an action on the highlighted statement to improve."""
        statement_id = self.query_one(ThreeTab).highlighted_improvement()
        if statement_id is None:
            self.notify("Highlight a statement to improve first.", severity="warning")
            return
        service = self.service

        def read() -> SkillsActionDialog:
            statement = service.statement(statement_id)
            suggestions = service.suggestions(statement_id)
            titles = [
                theme.title
                for theme_id in suggestions.themes
                if (theme := service.development.theme(theme_id)) is not None
            ]
            today = service.today()
            due = today + timedelta(days=DEFAULT_DUE_DAYS)
            return SkillsActionDialog(statement, suggestions, titles, today, due)

        self.load(read, self._plan, group="plan")

    def _plan(self, dialog: SkillsActionDialog) -> None:
        def planned(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.save(lambda: self._add_action(values), self._action_added)

        self.app.push_screen(dialog, planned)

    def _add_action(self, values: dict[str, Any]) -> tuple[Action, str | None]:
        """Save the action (in a worker), with the warning if it is on a strength."""
        action = self.service.add_action(values)
        return action, self.service.strength_warning(action.statement)

    def _action_added(self, added: tuple[Action, str | None]) -> None:
        action, warning = added
        self.notify(f"Action #{action.id} saved, due {action.due.isoformat()}", markup=False)
        if warning is not None:
            self.notify(warning[0].upper() + warning[1:], severity="warning", markup=False)
        self.refresh_views()

    def action_cycle_status(self) -> None:
        """Move the highlighted action on: open, doing, done, open."""
        self.query_one(ActionsTab).cycle_status()

    @on(ActionsTab.StatusChanged)
    def _status_changed(self, event: ActionsTab.StatusChanged) -> None:
        action_id, tab = event.action_id, self.query_one(ActionsTab)

        def prepare() -> Callable[[], Action]:
            latest = tab.status_of(action_id)  # the last of several quick presses
            return lambda: self.service.set_status(action_id, latest)

        self.save_when_due(prepare, lambda _a: self.refresh_views(), key=f"status-{action_id}")

    def action_log_learning(self) -> None:
        """Add an entry to the learning log."""

        def logged(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.save(lambda: self.service.log_learning(values), self._logged)

        self.app.push_screen(SkillsLearningDialog(self.service.today()), logged)

    def _logged(self, _entry: object) -> None:
        self.notify("Added to the learning log", markup=False)
        self.refresh_views()

    # -- tabs, keys, leaving -------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        """The id of the tab shown."""
        return self.query_one(TabbedContent).active

    def action_show_tab(self, pane: str) -> None:
        """Show a tab and put the focus in it."""
        self.query_one(TabbedContent).active = pane
        self.query_one(FOCUS_IN_TAB[pane], Widget).focus()
        self.refresh_bindings()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show and allow each key only where it does something."""
        if action in ASSESS_ACTIONS:
            return isinstance(self.focused, StatementList)
        if action in ACTIONS_ON_TAB:
            return self.active_tab == ACTIONS_ON_TAB[action]
        if action == "plan_action":
            return self.focused is self.query_one(ThreeTab).improvements
        return True

    def action_back(self) -> None:
        """Back to home; what is rated is kept as a draft."""
        if self.saving:
            self._leave_when_saved = True
            self.notify("Saving your ratings…", markup=False)
            return
        self.app.pop_screen()
