"""One case: the step timeline, the current step's form, details, notes and history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from cstui.errors import CstuiError
from cstui.models.case import Case
from cstui.models.kinds import Step
from cstui.models.step_registry import STEPS
from cstui.services.drafts import case_draft
from cstui.tui.dialogs.template import TemplateDialog, UsedMessage
from cstui.tui.drafting import Drafting
from cstui.tui.guidance_text import step_help_text
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.screens.case_changes import CaseChanges
from cstui.tui.screens.case_view import CaseView, history_text, summary_text
from cstui.tui.text import when
from cstui.tui.widgets.case_details import details_text, notes_text, records_text
from cstui.tui.widgets.form import Form
from cstui.tui.widgets.guidance_panel import GuidancePanel
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.refund_decision import refunds_line
from cstui.tui.widgets.step_forms import step_fields
from cstui.tui.widgets.timeline import StepTimeline
from cstui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from cstui.bundle import Guidance
    from cstui.services.cases import CaseService
    from cstui.services.contacts import ContactService
    from cstui.services.refunds import RefundService
    from cstui.services.team import TeamService
    from cstui.tui.screens.factory import Screens


class CaseScreen(CaseChanges, Drafting, CstuiScreen):
    """Work a case through the procedure."""

    BINDINGS = [
        Binding("ctrl+s", "save_step", "Save", priority=True, id="case.save"),
        Binding("f5", "complete_step", "Complete", priority=True, id="case.complete"),
        Binding("ctrl+n", "add_note", "Note", priority=True, id="case.note"),
        Binding("ctrl+t", "toggle_wait", "Wait", priority=True, id="case.wait"),
        Binding("ctrl+o", "reopen", "Reopen", priority=True, id="case.reopen"),
        Binding("ctrl+g", "assign", "Assign", priority=True, id="case.assign"),
        Binding("ctrl+r", "reload", "Reload", priority=True, show=False, id="case.reload"),
        Binding("escape", "back", "Back", id="case.back"),
        Binding("ctrl+b", "acknowledge", "Acknowledge", priority=True, id="case.acknowledge"),
        Binding("f2", "toggle_guidance", "Guidance panel", show=False, id="case.guidance"),
        Binding("f3", "message", "Message to customer", show=False, id="case.message"),
        Binding("f4", "refund_check", "Refund check", id="case.refund"),
    ]

    def __init__(
        self,
        case_id: str,
        screens: Screens,
        *,
        cases: CaseService,
        refunds: Callable[[], RefundService],
        team: TeamService,
        guidance: Callable[[], Guidance],
        zone: tzinfo,
        contacts: Callable[[], ContactService] | None = None,
    ) -> None:
        """``refunds``, ``guidance`` and ``contacts`` give their service when first
        needed."""
        super().__init__()
        self.case_id = case_id
        self.screens = screens
        self.cases = cases
        self.refunds = refunds
        self.team = team
        self.guidance = guidance
        self.zone = zone
        self.contacts = contacts
        self.case: Case | None = None
        self.form_focused = True
        """Whether the step form takes the focus when first shown (not after logging)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="case-summary")
        with Horizontal(id="case-main"):
            yield StepTimeline(id="timeline")
            yield VerticalScroll(id="step-panel")
            yield GuidancePanel(id="guidance-panel")
        with TabbedContent(id="case-tabs"):
            with TabPane("Details", id="tab-details"):
                yield VerticalScroll(Static(id="details"))
            with TabPane("Steps", id="tab-steps"):
                yield VerticalScroll(Static(id="records"))
            with TabPane("Notes", id="tab-notes"):
                yield VerticalScroll(Static(id="notes"))
            with TabPane("History", id="tab-history"):
                yield VerticalScroll(Static(id="history"))
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = self.case_id
        self.reload_case()

    def after_logging(self) -> CaseScreen:
        """This screen on a case just logged: the focus stays out of the step form."""
        self.form_focused = False
        return self

    def view_of(self, case: Case) -> CaseView:
        """``case`` and what is shown beside it (reads the store: call it in a worker)."""
        try:
            refunds = refunds_line(self.refunds().for_case(case.id))
        except CstuiError:
            refunds = None
        promise_by = None
        if case.step is not Step.CLOSED:
            promise_by = self.cases.resolve_by(case).astimezone(self.zone).date()
        from cstui.services.clocks import standing

        clocks = standing(self.cases, case).summary_resolution_text(lambda m: when(m, self.zone))
        calls = self.contacts().of_customer([case], None) if self.contacts else []
        return CaseView(case, refunds, self.cases.due(case), promise_by, clocks, calls)

    def reload_case(self, keep: dict[str, Any] | None = None, focus: str | None = None) -> None:
        """Read the case afresh; ``keep`` refills the step form if the step is unchanged,
        and the field ``focus`` (else the first) has the focus."""
        self.load(
            lambda: self.view_of(self.cases.get(self.case_id)),
            lambda view: self._reloaded(view, keep, focus),
            group="case",
        )

    def _reloaded(self, view: CaseView, keep: dict[str, Any] | None, focus: str | None) -> None:
        case = view.case
        if keep and self.case is not None and self.case.step is not case.step:
            typed = "; ".join(str(v) for v in keep.values() if v)[:500]
            self.notify(
                f"{case.id} is now at {case.step.label}, so your {self.case.step.label} "
                f"text was not put back. You typed: {typed}",
                severity="warning",
                markup=False,
                timeout=30,
            )
        self.show(view, keep, rebuild=True, focus=focus)

    def show(
        self,
        view: CaseView,
        keep: dict[str, Any] | None = None,
        rebuild: bool = False,
        focus: str | None = None,
    ) -> None:
        """Draw everything for the case of ``view``.

        The step form is rebuilt only when the step changed (or ``rebuild``), so a note,
        a wait or an assignment never clears what is being typed; ``keep`` refills it.
        """
        case = view.case
        rebuild = rebuild or self.case is None or self.case.step is not case.step
        self.case = case
        zone = self.zone
        self.query_one("#case-summary", Static).update(summary_text(view, self.zone))
        self.query_one(StepTimeline).show(case, zone)
        self.query_one("#details", Static).update(
            details_text(case, zone, view.refunds, view.summary_resolution)
        )
        self.query_one("#records", Static).update(records_text(case, zone))
        self.query_one("#notes", Static).update(notes_text(case, zone))
        self.query_one("#history", Static).update(history_text(view, zone))
        if rebuild:
            self.call_later(self._mount_step_form, view, keep, focus)
            self.query_one(GuidancePanel).show_step(case.step)

    @on(GuidancePanel.HelpWanted)
    def _help_wanted(self, event: GuidancePanel.HelpWanted) -> None:
        """Read every step's guidance in a worker and give it to the panel."""
        panel = event.panel

        def read() -> tuple[dict[Step, Text], list[str]]:
            loaded = self.guidance()
            helps = {step: step_help_text(step, loaded.service.step_help(step)) for step in Step}
            return helps, loaded.new_warnings

        def failed(exc: CstuiError) -> None:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            panel.give_help({event.step: step_help_text(event.step, None)})

        self.load(read, lambda found: self._help_read(panel, *found), group="help", failed=failed)

    def _help_read(
        self, panel: GuidancePanel, helps: dict[Step, Text], warnings: list[str]
    ) -> None:
        self.tell_warnings(warnings)
        panel.give_help(helps)

    def tell_warnings(self, warnings: list[str]) -> None:
        """Show content warnings (each is given once, by the first load of the content)."""
        for warning in warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)

    async def _mount_step_form(
        self, view: CaseView, keep: dict[str, Any] | None, focus: str | None = None
    ) -> None:
        case = view.case
        panel = self.query_one("#step-panel", VerticalScroll)
        await panel.remove_children()
        title = Text(f"Step {case.step.number}: {case.step.label}", style="bold")
        if case.step is Step.CLOSED:
            title = Text("Closed", style="bold green")
        widgets: list[Static | Form] = [
            Static(title, classes="screen-title"),
            Static(case.step.purpose, classes="step-purpose", markup=False),
        ]
        if case.step is not Step.CLOSED:
            widgets.append(Form(step_fields(case.step, view.promise_by), id="step-form"))
        await panel.mount_all(widgets)
        panel.scroll_home(animate=False)
        forms = self.query(Form)
        self.name_draft(case_draft(case.id, case.step.value) if forms else None)
        if not forms:
            return
        if not self.form_focused:  # just logged: tab enters the form
            self.form_focused = True
            self.set_focus(None)
            return
        form = forms.first()
        target = form.fields()[0]
        if keep:  # typing put back: on to the first field still to fill
            form.fill(keep)
            names = {f.spec.name for f in form.fields()}
            target = form.field(focus) if focus in names else form.first_empty()
        target.control.focus(scroll_visible=False)  # the step's title stays in view

    # -- actions -------------------------------------------------------------------
    def _version(self) -> int | None:
        return self.case.version if self.case else None

    def _save_change(
        self,
        change: Callable[[int | None], Case],
        done: Callable[[CaseView], None] | None = None,
        form: Form | None = None,
        *,
        key: str | None = None,
    ) -> None:
        """Queue ``change(expected version)``; the version is read when its turn comes, so
        a change queued behind another is checked against that one's new version."""

        def prepare() -> Callable[[], CaseView]:
            version = self._version()
            return lambda: self.view_of(change(version))

        self.save_when_due(prepare, done or self._changed, form, key=key)

    def action_complete_step(self) -> None:
        """Save the current step's form and move the case on."""
        forms = self.query(Form)
        if self.case is None or not forms:
            self.notify("This case is closed: ctrl+o reopens it.", severity="warning")
            return
        form, step = forms.first(), self.case.step
        values = form.values()

        def complete(version: int | None) -> Case:
            refund = values.get("refund_decision")
            if isinstance(refund, str) and refund.strip():  # an existing check of this case
                values["refund_decision"] = self.refunds().solve_link(refund, self.case_id)
            return self.cases.advance(self.case_id, values, version)

        def prepare() -> Callable[[], CaseView] | None:
            if self.case is None or self.case.step is not step:
                return None  # completed already by the save before this one
            version = self._version()
            return lambda: self.view_of(complete(version))

        self.save_when_due(prepare, self._advanced, form, key="complete")

    def action_save_step(self) -> None:
        """Ctrl+S saves; it never completes a step: the typed text stays in the form."""
        self.keep_draft()
        self.notify("Saved; F5 completes the step", markup=False)

    def _advanced(self, view: CaseView) -> None:
        self.draft_done()
        previous = self.case.step.label if self.case else "Step"
        self.notify(f"{previous} done; now {view.case.step.label}", markup=False)
        self.show(view)

    def _changed(self, view: CaseView) -> None:
        self.notify("Saved", markup=False)
        self.show(view)

    def action_reload(self) -> None:
        """Re-read the case, keeping what was typed in the step form."""
        forms = self.query(Form)
        self.reload_case(keep=forms.first().raw() if forms else None)

    def action_toggle_guidance(self) -> None:
        """Show or hide the guidance for the current step."""
        self.query_one(GuidancePanel).toggle()

    def action_message(self) -> None:
        """Pick a message template filled from this case; copy it or use it."""

        def failed(exc: CstuiError) -> None:
            self.notify(str(exc), severity="error", markup=False, timeout=10)

        self.load(self.guidance, self._offer_templates, group="templates", failed=failed)

    def _offer_templates(self, loaded: Guidance) -> None:
        self.tell_warnings(loaded.new_warnings)
        if self.case is None:
            return
        forms = self.query(Form)
        typed = forms.first().raw() if forms else {}
        dialog = TemplateDialog(loaded.service, self.case, typed)
        dialog.draft_name = case_draft(self.case.id, "message")
        self.app.push_screen(dialog, self._use_message)

    def _use_message(self, used: UsedMessage | None) -> None:
        if used is None or self.case is None:
            return
        form = STEPS.get(self.case.step)
        field = form.message_field if form is not None else None
        if field is not None and self.fill_step_field(field, used.text):
            self.notify("Put in the form as what you said: F5 completes the step.")
            return
        self._note(used.note())

    def fill_step_field(self, name: str, value: str) -> bool:
        """Put ``value`` in the step form's field ``name`` and focus it; False if none."""
        forms = self.query(Form)
        if not forms or name not in {f.spec.name for f in forms.first().fields()}:
            return False
        forms.first().fill({name: value})
        forms.first().field(name).control.focus()
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The refund check (f4) at the Solve step only; acknowledging (ctrl+b), saving
        and completing a step (ctrl+s, f5) while the case is open."""
        if action == "acknowledge":
            return self.case is not None and self.case.is_open
        if action == "refund_check":
            return self.case is not None and self.case.step is Step.SOLVE
        if action in ("save_step", "complete_step"):
            return self.case is None or self.case.step is not Step.CLOSED
        return True

    def action_refund_check(self) -> None:
        """Check a refund, exchange or replacement for this case; its id fills the form."""

        def checked(refund_id: str | None) -> None:
            if refund_id:  # the check added a history line: reload, keeping the typing
                forms = self.query(Form)
                keep = {**(forms.first().raw() if forms else {}), "refund_decision": refund_id}
                self.reload_case(keep=keep)  # the focus goes to the first empty field
                self.notify(f"{refund_id} is in the Solve form's refund field", markup=False)

        if self.case is not None and self.case.step is Step.SOLVE:
            self.app.push_screen(self.screens.refund_check(self.case_id), checked)

    def action_back(self) -> None:
        """Back to where you came from; ask first if the step form has typing in it."""
        forms = self.query(Form)
        self.leave(forms.first() if forms else None, discarded=self.draft_done)
