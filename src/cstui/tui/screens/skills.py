"""My skills: a private self-assessment, three and three, actions, progress and learning.

Only the current user's log is ever opened here; there is no way to name anyone else's.
The rating keys (w a b n) work only while the statement list has focus. Saves run one
after another in a thread, in the order made, so fast rating never loses a key press.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    OptionList,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.selection_list import Selection

from cstui.errors import CstuiError
from cstui.models.skill_scores import factor_progress, rated
from cstui.models.skills import (
    MAX_PICKS,
    Action,
    Assessment,
    LearningEntry,
    Rating,
    Statement,
)
from cstui.services.skills import SkillsService
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.skills_action import SkillsActionDialog
from cstui.tui.dialogs.skills_learning import SkillsLearningDialog
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.widgets.skills_assess import (
    RATING_WIDTH,
    StatementList,
    progress_text,
    rating_text,
    statement_text,
)
from cstui.tui.widgets.skills_views import (
    ActionTable,
    LearningTable,
    action_detail,
    learning_detail,
    performance_note,
    performance_table,
    progress_view,
)

TABS: tuple[tuple[str, str], ...] = (
    ("tab-assess", "Assess"),
    ("tab-three", "Three & three"),
    ("tab-actions", "Actions"),
    ("tab-progress", "Progress"),
    ("tab-learning", "Learning log"),
    ("tab-performance", "My performance"),
)
DEFAULT_DUE_DAYS = 30
"""A new action is due this many days ahead unless changed."""
ASSESS_ACTIONS = frozenset({"rate", "move", "factor"})
PICKED_MARK = "✔ "


@dataclass
class _Job:
    """A save waiting its turn: ``make`` runs on the UI thread when its turn comes and
    returns the function the worker thread runs; ``done`` gets that function's result.
    """

    key: str | None
    make: Callable[[], Callable[[], Any] | None]
    done: Callable[[Any], None]
    failed: Callable[[CstuiError], None] | None = None


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
        self.ratings: dict[str, Rating] = {}
        self.pending: dict[str, Rating | None] = {}
        self.current: Statement = self.content.statements[0]
        self.latest: Assessment | None = None
        self.actions: list[Action] = []
        self._jobs: list[_Job] = []
        self._in_flight: dict[str, Rating | None] = {}
        self._save_running = False
        self._leave_when_saved = False
        self._refresh_wanted = False
        self.learning_entries: list[LearningEntry] = []

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with TabbedContent(id="skills-tabs"):
            with TabPane("Assess", id="tab-assess"):
                yield Static(id="assess-progress")
                yield Static(id="assess-statement")
                yield StatementList(id="assess-list")
            with TabPane("Three & three", id="tab-three"):
                yield Static(id="three-title", classes="skills-subtitle")
                yield Static(id="three-strengths-title", classes="skills-subtitle")
                yield SelectionList[str](id="three-strengths", classes="skills-picks")
                yield Static(id="three-improve-title", classes="skills-subtitle")
                yield SelectionList[str](id="three-improvements", classes="skills-picks")
            with TabPane("Actions", id="tab-actions"):
                yield ActionTable(id="actions-table")
                yield VerticalScroll(Static(id="actions-detail"), classes="skills-detail")
            with TabPane("Progress", id="tab-progress"):
                yield VerticalScroll(Static(id="progress-view"), id="progress-scroll")
            with TabPane("Learning log", id="tab-learning"):
                yield LearningTable(id="learning-table")
                yield VerticalScroll(Static(id="learning-detail"), classes="skills-detail")
            with TabPane("My performance", id="tab-performance"):
                yield VerticalScroll(
                    Static(id="performance-title", classes="skills-subtitle"),
                    Static(id="performance-view"),
                    Static(id="performance-note"),
                    id="performance-scroll",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.service.owner} · my skills (private)"
        self._resume_draft()
        self.refresh_views()
        self.query_one(StatementList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_views()

    # -- saving, one job at a time -------------------------------------------------------
    @property
    def saving(self) -> bool:
        """A save is running or waiting."""
        return self._save_running or bool(self._jobs)

    def _enqueue(self, job: _Job) -> None:
        if job.key is not None and any(j.key == job.key for j in self._jobs):
            return  # the waiting job will read the latest state when its turn comes
        self._jobs.append(job)
        self._pump()

    def _pump(self) -> None:
        while not self._save_running and self._jobs:
            job = self._jobs.pop(0)
            work = job.make()
            if work is None:
                continue
            self._save_running = True
            self._start(job, work)
        if not self.saving and self._refresh_wanted:
            self.refresh_views()
        if not self.saving and self._leave_when_saved:
            self._leave_when_saved = False
            self.app.pop_screen()

    def _start(self, job: _Job, work: Callable[[], Any]) -> None:
        def run() -> None:
            try:
                result = work()
            except CstuiError as exc:
                self.app.call_from_thread(self._finished, job, None, exc)
            else:
                self.app.call_from_thread(self._finished, job, result, None)

        self.run_worker(run, thread=True, group="skills", exit_on_error=False)

    def _finished(self, job: _Job, result: Any, error: CstuiError | None) -> None:
        self._save_running = False
        if error is None:
            job.done(result)
        elif job.failed is not None:
            job.failed(error)
        else:
            self.show_error(error)
        self._pump()

    # -- reading -----------------------------------------------------------------------
    def _resume_draft(self) -> None:
        try:
            draft = self.service.draft()
        except CstuiError as exc:
            self.show_error(exc)
            draft = None
        self.ratings = dict(draft.ratings) if draft else {}
        start = None
        if draft is not None:
            start = self.content.statement(draft.position or "")
            self.notify(
                f"Resumed your assessment: {rated(self.content, self.ratings)} of "
                f"{len(self.content.statements)} rated",
                markup=False,
            )
        if start is None:
            start = next(
                (s for s in self.content.statements if s.id not in self.ratings),
                self.content.statements[0],
            )
        self._show_statement(start, rebuild=True)

    def refresh_views(self) -> None:
        """Re-read the log and redraw every tab but Assess (which holds what is being rated).

        While saves are waiting, this waits for them, so nothing older is drawn over them.
        """
        if self.saving:
            self._refresh_wanted = True
            return
        self._refresh_wanted = False
        try:
            self.latest = self.service.latest()
            self.actions = self.service.actions()
            report = self.service.report()
            self.learning_entries = self.service.learning()
            figures = self.service.performance()
        except CstuiError as exc:
            self.show_error(exc)
            return
        self._show_three()
        self.query_one(ActionTable).show(self.actions, self.service.is_overdue)
        self._show_action_detail()
        self.query_one("#progress-view", Static).update(
            progress_view(self.content, report, self.service.local_day)
        )
        self.query_one(LearningTable).show(self.learning_entries)
        self._show_learning_detail()
        self.query_one("#performance-title", Static).update(
            Text(f"My cases ({self.service.owner}) against the charter", style="bold")
        )
        self.query_one("#performance-view", Static).update(
            performance_table(figures, self.service.policy)
        )
        self.query_one("#performance-note", Static).update(performance_note())

    # -- Assess ------------------------------------------------------------------------
    def _factor_statements(self) -> list[Statement]:
        return self.content.statements_of(self.current.factor)

    def _show_statement(self, statement: Statement, rebuild: bool = False) -> None:
        """Make ``statement`` the one being rated; rebuild the list when the factor changed."""
        changed = statement.factor != self.current.factor
        self.current = statement
        statements = self._factor_statements()
        index = statements.index(statement)
        listing = self.query_one(StatementList)
        if rebuild or changed or listing.option_count != len(statements):
            listing.show(statements, self.ratings, index)
        elif listing.highlighted != index:
            listing.highlighted = index
        self._show_assess_text()

    def _show_assess_text(self) -> None:
        factor = self.content.factor(self.current.factor)
        progress = factor_progress(self.content, self.ratings)
        self.query_one("#assess-progress", Static).update(
            progress_text(self.content, progress, factor.id)
        )
        self.query_one("#assess-statement", Static).update(
            statement_text(
                factor,
                self.current,
                len(self._factor_statements()),
                self.ratings.get(self.current.id),
            )
        )

    @on(OptionList.OptionHighlighted, "#assess-list")
    def _highlighted(self) -> None:
        # Read the list's highlight now, not the event's: keys move it faster than events
        # arrive, and a late event must not move the statement back.
        listing = self.query_one(StatementList)
        index = listing.highlighted
        if index is None or index >= listing.option_count:
            return
        statement = self.content.statement(listing.get_option_at_index(index).id or "")
        if statement is not None and statement.id != self.current.id:
            self._show_statement(statement)

    def action_rate(self, value: str) -> None:
        """Rate the statement shown (or clear its rating) and move to the next one."""
        if not isinstance(self.focused, StatementList):
            return
        rating = Rating(value) if value else None
        statement = self.current
        was_complete = rated(self.content, self.ratings) == len(self.content.statements)
        if rating is None:
            self.ratings.pop(statement.id, None)
        else:
            self.ratings[statement.id] = rating
        self.pending[statement.id] = rating
        self.query_one(StatementList).update_row(statement, rating)
        if rating is not None:
            self.action_move(1)
        else:
            self._show_assess_text()
        self._enqueue(_Job("ratings", self._save_ratings, lambda _saved: None, self._rating_failed))
        if not was_complete and rated(self.content, self.ratings) == len(self.content.statements):
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
        ids = self.content.ids()
        index = min(max(ids.index(self.current.id) + step, 0), len(ids) - 1)
        statement = self.content.statement(ids[index])
        assert statement is not None
        self._show_statement(statement)

    def action_factor(self, step: int) -> None:
        """Show the first statement of the next (1) or previous (-1) factor."""
        factors = [f.id for f in self.content.factors]
        index = min(max(factors.index(self.current.factor) + step, 0), len(factors) - 1)
        self._show_statement(self.content.statements_of(factors[index])[0])

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
                self._enqueue(_Job("ratings", self._save_ratings, lambda _saved: None))
                self._enqueue(_Job("complete", self._complete_job, self._completed))

        self.app.push_screen(ConfirmDialog(question), answered)

    def _complete_job(self) -> Callable[[], Assessment]:
        return self.service.complete_draft

    def _completed(self, assessment: Assessment) -> None:
        self.ratings, self.pending = {}, {}
        self._show_statement(self.content.statements[0], rebuild=True)
        self.refresh_views()
        self.notify(
            f"Assessment {assessment.id} complete. Three strengths and three to improve are "
            "proposed: change them with space, plan an action with e.",
            markup=False,
            timeout=8,
        )
        self.action_show_tab("tab-three")

    # -- Three & three -----------------------------------------------------------------
    def _pick_label(self, statement_id: str, picked: bool) -> Text:
        statement = self.content.statement(statement_id)
        rating = self.latest.ratings.get(statement_id) if self.latest else None
        label = Text()
        label.append(PICKED_MARK if picked else " " * len(PICKED_MARK), style="bold green")
        label.append(f"{statement_id} ", style="bold")
        shown = rating_text(rating)
        shown.pad_right(RATING_WIDTH - shown.cell_len)
        label.append_text(shown)
        for planned in (a for a in self.actions if a.statement == statement_id):
            label.append(f"#{planned.id} {planned.status.value} ", style="bold cyan")
        label.append(statement.text if statement else "")
        return label

    def _pick_lists(self) -> tuple[SelectionList[str], SelectionList[str]]:
        return (
            self.query_one("#three-strengths", SelectionList),
            self.query_one("#three-improvements", SelectionList),
        )

    def _show_three(self) -> None:
        lists = self._pick_lists()
        keep = [widget.highlighted for widget in lists]
        for widget in lists:
            widget.clear_options()
        latest = self.latest
        title = self.query_one("#three-title", Static)
        if latest is None:
            title.update(Text("Complete an assessment first (Assess tab, then c).", style="dim"))
            self._show_pick_titles()
            return
        proposal = self.service.proposal(latest)
        title.update(
            Text(
                f"Assessment {latest.id} of {self.service.local_day(latest.completed_at)} · "
                "proposed from your ratings · space picks",
                style="dim",
            )
        )
        for widget, candidates, picked in (
            (lists[0], proposal.strengths, latest.strengths),
            (lists[1], proposal.improvements, latest.improvements),
        ):
            ids = [*picked, *[c for c in candidates if c not in picked]]
            widget.add_options(
                [Selection(self._pick_label(sid, sid in picked), sid, sid in picked) for sid in ids]
            )
        for widget, index in zip(lists, keep, strict=True):
            if widget.option_count:
                widget.highlighted = min(index or 0, widget.option_count - 1)
        self._show_pick_titles()

    def _show_pick_titles(self) -> None:
        strengths, improvements = (len(widget.selected) for widget in self._pick_lists())
        self.query_one("#three-strengths-title", Static).update(
            Text(f"Three things we do well ({strengths} of {MAX_PICKS} picked)", "bold")
        )
        title = Text()
        title.append(f"Three things we could do better ({improvements} of {MAX_PICKS})", "bold")
        title.append(" · e plans an action", style="dim")
        self.query_one("#three-improve-title", Static).update(title)

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        widget = event.selection_list
        value = event.selection.value
        strengths, improvements = self._pick_lists()
        other = improvements if widget is strengths else strengths
        if value in widget.selected and value in other.selected:
            widget.deselect(value)
            self.notify(f"{value} is already picked in the other list.", severity="warning")
            return
        if len(widget.selected) > MAX_PICKS:
            widget.deselect(value)
            self.notify(f"Pick {MAX_PICKS} at most: unpick one first.", severity="warning")
            return
        widget.replace_option_prompt_at_index(
            event.selection_index, self._pick_label(value, value in widget.selected)
        )
        self._show_pick_titles()
        self._enqueue(_Job("picks", self._save_picks, self._picks_saved))

    def _save_picks(self) -> Callable[[], Assessment] | None:
        if self.latest is None:
            return None
        strengths, improvements = (list(widget.selected) for widget in self._pick_lists())
        assessment_id = self.latest.id
        return lambda: self.service.pick(strengths, improvements, assessment_id)

    def _picks_saved(self, assessment: Assessment) -> None:
        self.latest = assessment

    def action_plan_action(self) -> None:
        """Plan an action on the highlighted statement to improve."""
        improvements = self._pick_lists()[1]
        index = improvements.highlighted
        if self.latest is None or index is None or index >= improvements.option_count:
            self.notify("Highlight a statement to improve first.", severity="warning")
            return
        statement_id = improvements.get_option_at_index(index).value
        try:
            statement = self.service.statement(statement_id)
            suggestions = self.service.suggestions(statement_id)
        except CstuiError as exc:
            self.show_error(exc)
            return
        today = self.service.today()
        titles = [
            theme.title
            for theme_id in suggestions.themes
            if (theme := self.service.development.theme(theme_id)) is not None
        ]
        due = today + timedelta(days=DEFAULT_DUE_DAYS)
        dialog = SkillsActionDialog(statement, suggestions, titles, today, due)

        def planned(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._enqueue(
                    _Job(None, lambda: lambda: self.service.add_action(values), self._action_added)
                )

        self.app.push_screen(dialog, planned)

    def _action_added(self, action: Action) -> None:
        self.notify(f"Action #{action.id} saved, due {action.due.isoformat()}", markup=False)
        self.refresh_views()

    # -- Actions -----------------------------------------------------------------------
    def _show_action_detail(self) -> None:
        detail = self.query_one("#actions-detail", Static)
        key = self.query_one(ActionTable).current_key()
        found = next((a for a in self.actions if a.id == key), None)
        if found is None:
            detail.update(
                Text(
                    "No actions yet. On Three & three, highlight a thing to improve and press e.",
                    style="dim",
                )
            )
            return
        detail.update(
            action_detail(
                found, self.content, self.service.development, self.service.is_overdue(found)
            )
        )

    @on(DataTable.RowHighlighted, "#actions-table")
    def _action_highlighted(self) -> None:
        self._show_action_detail()

    def action_cycle_status(self) -> None:
        """Move the highlighted action on: open, doing, done, open."""
        key = self.query_one(ActionTable).current_key()
        found = next((a for a in self.actions if a.id == key), None)
        if found is None:
            return
        status = found.status.following()
        self.actions = [
            a.model_copy(update={"status": status}) if a.id == found.id else a for a in self.actions
        ]
        self.query_one(ActionTable).show(self.actions, self.service.is_overdue)
        self._show_action_detail()

        def job() -> Callable[[], Action]:
            latest = next(a.status for a in self.actions if a.id == found.id)
            return lambda: self.service.set_status(found.id, latest)

        self._enqueue(_Job(f"status-{found.id}", job, lambda _a: self.refresh_views()))

    # -- Learning log --------------------------------------------------------------------
    def _show_learning_detail(self) -> None:
        detail = self.query_one("#learning-detail", Static)
        key = self.query_one(LearningTable).current_key()
        found = next((e for e in self.learning_entries if e.id == key), None)
        if found is None:
            detail.update(
                Text(
                    "Nothing logged yet. Press l after a course, coaching, mentoring, a seminar, "
                    "a book, or watching an experienced colleague deal with customers.",
                    style="dim",
                )
            )
            return
        detail.update(learning_detail(found))

    @on(DataTable.RowHighlighted, "#learning-table")
    def _learning_highlighted(self) -> None:
        self._show_learning_detail()

    def action_log_learning(self) -> None:
        """Add an entry to the learning log."""

        def logged(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._enqueue(
                    _Job(None, lambda: lambda: self.service.log_learning(values), self._logged)
                )

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
        self._focus_tab(pane)

    def _focus_tab(self, pane: str) -> None:
        target: dict[str, str] = {
            "tab-assess": "#assess-list",
            "tab-three": "#three-strengths",
            "tab-actions": "#actions-table",
            "tab-progress": "#progress-scroll",
            "tab-learning": "#learning-table",
            "tab-performance": "#performance-scroll",
        }
        self.query_one(target[pane], Widget).focus()
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
        if action == "complete":
            return self.active_tab == "tab-assess"
        if action == "plan_action":
            return self.focused is self._pick_lists()[1]
        if action == "cycle_status":
            return self.active_tab == "tab-actions"
        if action == "log_learning":
            return self.active_tab == "tab-learning"
        return True

    def action_back(self) -> None:
        """Back to home; what is rated is kept as a draft."""
        if self.saving:
            self._leave_when_saved = True
            self.notify("Saving your ratings…", markup=False)
            return
        self.app.pop_screen()
