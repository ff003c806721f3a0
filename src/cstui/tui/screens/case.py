"""One case: the step timeline, the current step's form, details, notes and history."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from cstui.errors import CstuiError
from cstui.models.case import Case
from cstui.models.deadline import DueKind
from cstui.models.kinds import Step
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.dialogs.template import FORM_FIELD, TemplateDialog, UsedMessage
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.text import due_text, literal
from cstui.tui.widgets.case_details import details_text, history_text, notes_text, records_text
from cstui.tui.widgets.form import Form
from cstui.tui.widgets.guidance_panel import GuidancePanel, load_guidance
from cstui.tui.widgets.refund_decision import case_refunds_line
from cstui.tui.widgets.step_forms import step_fields
from cstui.tui.widgets.timeline import StepTimeline


class CaseScreen(CstuiScreen):
    """Work a case through the procedure."""

    BINDINGS = [
        Binding("ctrl+s", "complete_step", "Complete", priority=True, id="case.complete"),
        Binding("ctrl+n", "add_note", "Note", priority=True, id="case.note"),
        Binding("ctrl+t", "toggle_wait", "Wait", priority=True, id="case.wait"),
        Binding("ctrl+o", "reopen", "Reopen", priority=True, id="case.reopen"),
        Binding("ctrl+g", "assign", "Assign", priority=True, id="case.assign"),
        Binding("ctrl+r", "reload", "Reload", priority=True, show=False, id="case.reload"),
        Binding("escape", "back", "Back", id="case.back"),
        Binding("f2", "toggle_guidance", "Guidance panel", show=False, id="case.guidance"),
        Binding("f3", "message", "Message to customer", show=False, id="case.message"),
        Binding("f4", "refund_check", "Refund check", id="case.refund"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case: Case | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
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
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.case_id
        self.load()

    def load(self, keep: dict[str, Any] | None = None) -> None:
        """Read the case afresh; ``keep`` refills the step form if the step is unchanged."""
        try:
            case = self.workspace.cases.get(self.case_id)
        except CstuiError as exc:
            self.show_error(exc)
            return
        if keep and self.case is not None and self.case.step is not case.step:
            typed = "; ".join(str(v) for v in keep.values() if v)[:500]
            self.notify(
                f"{case.id} is now at {case.step.label}, so your {self.case.step.label} "
                f"text was not put back. You typed: {typed}",
                severity="warning",
                markup=False,
                timeout=30,
            )
        self.show(case, keep, rebuild=True)

    def show(self, case: Case, keep: dict[str, Any] | None = None, rebuild: bool = False) -> None:
        """Draw everything for ``case``.

        The step form is rebuilt only when the step changed (or ``rebuild``), so a note,
        a wait or an assignment never clears what is being typed; ``keep`` refills it.
        """
        rebuild = rebuild or self.case is None or self.case.step is not case.step
        self.case = case
        zone = self.zone
        self.query_one("#case-summary", Static).update(self._summary(case))
        self.query_one(StepTimeline).show(case, zone)
        refunds = case_refunds_line(self.workspace.refunds, case.id)
        self.query_one("#details", Static).update(details_text(case, zone, refunds))
        self.query_one("#records", Static).update(records_text(case, zone))
        self.query_one("#notes", Static).update(notes_text(case, zone))
        self.query_one("#history", Static).update(history_text(case, zone))
        if rebuild:
            self.call_later(self._mount_step_form, case, keep)
            self.query_one(GuidancePanel).show_step(case.step)

    def _summary(self, case: Case) -> Text:
        text = Text(f"{case.id} ", style="bold")
        text.append_text(literal(case.customer.name, "bold"))
        text.append(" · ")
        text.append_text(literal(case.category))
        text.append(f" · owner {case.owner}")
        due = self.workspace.cases.due(case)
        if due is not None:
            label = {
                DueKind.ACKNOWLEDGE: "acknowledge",
                DueKind.RESOLVE: "resolve",
                DueKind.FOLLOW_UP: "follow up",
            }[due.kind]
            text.append(f"\n{label} by ")
            text.append_text(due_text(due, self.zone))
        if case.waiting:
            text.append("  ⏸ waiting on customer (resolve clock paused)", style="yellow")
        text.append("\n")
        text.append_text(literal(case.summary, "italic"))
        return text

    async def _mount_step_form(self, case: Case, keep: dict[str, Any] | None = None) -> None:
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
            promise_by = self.workspace.cases.resolve_by(case).astimezone(self.zone).date()
            widgets.append(Form(step_fields(case.step, promise_by), id="step-form"))
        await panel.mount_all(widgets)
        panel.scroll_home(animate=False)
        forms = self.query(Form)
        if forms:
            if keep:
                forms.first().fill(keep)
            forms.first().fields()[0].control.focus(scroll_visible=False)  # title stays in view

    # -- actions -------------------------------------------------------------------
    def _version(self) -> int | None:
        return self.case.version if self.case else None

    def action_complete_step(self) -> None:
        """Save the current step's form and move the case on."""
        forms = self.query(Form)
        if self.case is None or not forms:
            self.notify("This case is closed: ctrl+o reopens it.", severity="warning")
            return
        form, version = forms.first(), self._version()
        values = form.values()

        def complete() -> Case:
            refund = values.get("refund_decision")
            if isinstance(refund, str) and refund.strip():  # an existing check of this case
                values["refund_decision"] = self.workspace.refunds.solve_link(refund, self.case_id)
            return self.workspace.cases.advance(self.case_id, values, version)

        self.perform(complete, self._advanced, form)

    def _advanced(self, case: Case) -> None:
        previous = self.case.step.label if self.case else "Step"
        self.notify(f"{previous} done; now {case.step.label}", markup=False)
        self.show(case)

    def _changed(self, case: Case) -> None:
        self.notify("Saved", markup=False)
        self.show(case)

    def action_add_note(self) -> None:
        """Add an internal note."""
        version = self._version()

        def add(text: str | None) -> None:
            if text:
                self.perform(
                    lambda: self.workspace.cases.note(self.case_id, text, version), self._changed
                )

        self.app.push_screen(PromptDialog("Internal note (not shown to the customer)"), add)

    def action_toggle_wait(self) -> None:
        """Start or stop waiting on the customer."""
        if self.case is None:
            return
        cases, version = self.workspace.cases, self._version()
        if self.case.waiting:
            self.perform(lambda: cases.resume(self.case_id, version), self._changed)
        else:
            self.perform(lambda: cases.wait(self.case_id, version), self._changed)

    def action_reopen(self) -> None:
        """Reopen a closed case, asking why."""
        if self.case is None or self.case.is_open:
            self.notify("Only a closed case can be reopened.", severity="warning")
            return
        version = self._version()

        def reopen(reason: str | None) -> None:
            if reason:
                self.perform(
                    lambda: self.workspace.cases.reopen(self.case_id, reason, version),
                    self._changed,
                )

        self.app.push_screen(PromptDialog("Why is this case reopened?"), reopen)

    def action_assign(self) -> None:
        """Give the case to someone on the roster."""
        try:
            members = self.workspace.team.roster().members
        except CstuiError as exc:
            self.show_error(exc)
            return
        version = self._version()
        items = [(f"{m.name} ({m.role.value.replace('_', ' ')})", m.name) for m in members]

        def assign(name: str | None) -> None:
            if name:
                self.perform(
                    lambda: self.workspace.cases.assign(self.case_id, name, version),
                    self._changed,
                )

        self.app.push_screen(ChooseDialog("Assign to", items), assign)

    def action_reload(self) -> None:
        """Re-read the case, keeping what was typed in the step form."""
        forms = self.query(Form)
        self.load(keep=forms.first().raw() if forms else None)

    def action_toggle_guidance(self) -> None:
        """Show or hide the guidance for the current step."""
        self.query_one(GuidancePanel).toggle()

    def action_message(self) -> None:
        """Pick a message template filled from this case; copy it or use it."""
        service = load_guidance(self)
        if self.case is None or service is None:
            return
        forms = self.query(Form)
        typed = forms.first().raw() if forms else {}
        self.app.push_screen(TemplateDialog(service, self.case, typed), self._use_message)

    def _use_message(self, used: UsedMessage | None) -> None:
        if used is None or self.case is None:
            return
        field = FORM_FIELD.get(self.case.step)
        if field is not None and self.fill_step_field(field, used.text):
            self.notify("Put in the form as what you said: ctrl+s completes the step.")
            return
        version = self._version()
        self.perform(
            lambda: self.workspace.cases.note(self.case_id, used.note(), version), self._changed
        )

    def fill_step_field(self, name: str, value: str) -> bool:
        """Put ``value`` in the step form's field ``name`` and focus it; False if none."""
        forms = self.query(Form)
        if not forms or name not in {f.spec.name for f in forms.first().fields()}:
            return False
        forms.first().fill({name: value})
        forms.first().field(name).control.focus()
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The refund check (f4) is offered at the Solve step only."""
        if action == "refund_check":
            return self.case is not None and self.case.step is Step.SOLVE
        return True

    def action_refund_check(self) -> None:
        """Check a refund, exchange or replacement for this case; its id fills the form."""
        from cstui.tui.screens.refund_check import RefundCheckScreen

        def checked(refund_id: str | None) -> None:
            if refund_id:  # the check added a history line: reload, keeping the typing
                forms = self.query(Form)
                keep = {**(forms.first().raw() if forms else {}), "refund_decision": refund_id}
                self.load(keep=keep)
                self.call_later(self.fill_step_field, "refund_decision", refund_id)  # in view
                self.notify(f"{refund_id} is in the Solve form's refund field", markup=False)

        if self.case is not None and self.case.step is Step.SOLVE:
            self.app.push_screen(RefundCheckScreen(self.case_id), checked)

    def action_back(self) -> None:
        """Back to where you came from; ask first if the step form has typing in it."""
        forms = self.query(Form)
        self.leave(forms.first() if forms else None)
