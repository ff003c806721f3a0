"""The refund checklist: one question at a time, the decision updating beside it.

y/n answer yes/no questions, a digit picks a choice, a date or an amount is typed and
Enter gives it. ``f3`` goes back a question, ``f2`` switches between AU and UK law,
``ctrl+s`` keeps the check as a refund record. Opened from a case (Solve step, ``f4``),
the record is linked to the case and its id is handed back to the Solve form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from cstui.errors import CstuiError, FieldProblem, InputError
from cstui.models import refund_checklist as checklist
from cstui.models.refund_checklist import Question
from cstui.models.refunds import (
    Decision,
    Jurisdiction,
    RefundRecord,
    RefundStatus,
    parse_iso_date,
)
from cstui.services.refunds import Authority, Checked, RefundService
from cstui.services.team import parse_amount
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.refund_record import RefundRecordDialog
from cstui.tui.screens.base import CstuiScreen
from cstui.tui.screens.refund_check_draft import RefundCheckDrafting, refund_check_draft
from cstui.tui.screens.refund_check_text import answers_text, question_text
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.refund_decision import decision_text
from cstui.tui.widgets.title_bar import TitleBar

MAX_CHOICES = 9

JURISDICTION_NAMES = {
    Jurisdiction.AU: "Australian Consumer Law",
    Jurisdiction.UK: "UK Consumer Rights Act",
}


def _digit_bindings() -> list[Binding]:
    first = Binding("1", "choose(1)", "Choose 1-9", key_display="1-9", id="refund.choose")
    rest = [
        Binding(str(n), f"choose({n})", "", show=False, id=f"refund.choose.{n}")
        for n in range(2, MAX_CHOICES + 1)
    ]
    return [first, *rest]


class RefundCheckScreen(RefundCheckDrafting, CstuiScreen):
    """What is due to a customer bringing goods back, asked one question at a time."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="refund.yes"),
        Binding("n", "answer(False)", "No", id="refund.no"),
        *_digit_bindings(),
        Binding("f3", "back_question", "Previous question", id="refund.previous"),
        Binding("f2", "switch_law", "AU/UK law", id="refund.law"),
        Binding("f5", "restart", "New check", id="refund.restart"),
        Binding("ctrl+s", "save", "Record check", priority=True, id="refund.save"),
        Binding("escape", "leave", "Back", id="refund.back"),
    ]

    def __init__(
        self, refunds: RefundService, law: Jurisdiction, case_id: str | None = None
    ) -> None:
        """``law``: the policy's jurisdiction, where every new check starts."""
        super().__init__()
        self.refunds = refunds
        self.law = law
        self.case_id = case_id
        self.answers: dict[str, Any] = {}
        self.order: list[str] = []
        """Keys in the order they were answered, for going back."""
        self.jurisdiction = Jurisdiction.AU
        self.saved: RefundRecord | None = None
        self.decision: Decision | None = None
        self.authority: Authority | None = None
        """The user's refund limit as last read (in a worker); no decision until then."""
        self._keys_offered: tuple[object, ...] = ()
        self._typed_for: str | None = None
        self.draft_name = refund_check_draft(case_id)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="refund-main"):
            with VerticalScroll(id="refund-ask"):
                yield Static(id="refund-title", classes="screen-title")
                yield Static(id="refund-question")
                with Vertical(id="refund-typed", classes="form-field"):
                    yield Label("", id="refund-typed-label", classes="field-label", markup=False)
                    yield Input(id="refund-input", compact=True, max_length=20)
                    yield Static("", id="refund-typed-error", classes="field-error", markup=False)
                yield Static(id="refund-answers")
            with VerticalScroll(id="refund-decision-panel"):
                yield Static(id="refund-decision")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.jurisdiction = self.law
        self.sub_title = "Refund check" + (f" · {self.case_id}" if self.case_id else "")
        self.call_later(self.redraw)

    def on_screen_resume(self) -> None:
        self.read_authority()

    def read_authority(self) -> None:
        """Read the user's refund limit in a worker; the decision follows it."""
        self.load(self.refunds.authority, self._authority_read, group="authority")

    def _authority_read(self, authority: Authority) -> None:
        if authority != self.authority:
            self.authority = authority
            self.call_later(self.redraw)

    # -- state -------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """Today in the centre's time zone."""
        return self.refunds.today()

    @property
    def question(self) -> Question | None:
        """The question being asked; None once every question is answered."""
        return checklist.next_question(self.answers, self.jurisdiction)

    def _decide(self) -> Decision | None:
        if "reason" not in self.answers or self.authority is None:
            return None
        try:
            inputs = checklist.inputs_from(
                self.answers, self.jurisdiction, self.today, provisional=True
            )
            return self.refunds.decide(inputs, self.authority)
        except CstuiError:
            return None

    async def redraw(self) -> None:
        """Show the current question, the answers so far and the decision."""
        question = self.question
        left = checklist.remaining(self.answers, self.jurisdiction)
        self.decision = self._decide()
        title = Text("Refund check", style="bold")
        if self.case_id:
            title.append(f" for {self.case_id}")
        title.append(f"\n{JURISDICTION_NAMES[self.jurisdiction]}", style="dim")
        self.query_one("#refund-title", Static).update(title)
        self.query_one("#refund-question", Static).update(
            question_text(question, self.answers, self.jurisdiction, self.saved)
        )
        self.query_one("#refund-answers", Static).update(
            answers_text(self.answers, self.jurisdiction)
        )
        unknown = frozenset(key for key in ("paid_by", "price") if key not in self.answers)
        self.query_one("#refund-decision", Static).update(
            decision_text(self.decision, left, self.saved, unknown)
        )
        focused = self.focused
        self._show_typed(question)
        keys = self._offered(question)
        if keys != self._keys_offered:
            self._keys_offered = keys
            # The footer is rebuilt when its keys change; a focus change rebuilds it anyway.
            if self.focused is focused:
                self.refresh_bindings()

    def _offered(self, question: Question | None) -> tuple[object, ...]:
        kind = question.kind if question else None
        return (kind, bool(self.order), self.saved is not None)

    def _show_typed(self, question: Question | None) -> None:
        """Show the answer box for a date or an amount; hide it for other questions."""
        box = self.query_one("#refund-typed", Vertical)
        typed = question is not None and question.kind in checklist.TYPED_KINDS
        if not typed or question is None or self.saved is not None:
            box.display = False
            self.query_one("#refund-ask", VerticalScroll).focus()
            self._typed_for = None
            return
        box.display = True
        field = self.query_one("#refund-input", Input)
        if self._typed_for != question.key:
            self._typed_for = question.key
            amount = question.kind == "amount"
            label = {"amount": "Amount", "years": "Years"}.get(question.kind, "Date (YYYY-MM-DD)")
            self.query_one("#refund-typed-label", Label).update(label)
            field.placeholder = (
                "e.g. 129.95"
                if amount
                else "e.g. 5 (blank: not known)"
                if question.kind == "years"
                else "YYYY-MM-DD"
                if question.optional
                else self.today.isoformat()
            )
            field.value = ""
            self.show_typed_error("")
        field.focus()

    def show_typed_error(self, message: str) -> None:
        """Show (or clear) the problem with the typed answer, under the box."""
        self.query_one("#refund-typed-error", Static).update(message)
        self.query_one("#refund-typed", Vertical).set_class(bool(message), "-invalid")

    @property
    def typed_error(self) -> str:
        """The problem shown under the typed answer now ("" when none)."""
        rendered = self.query_one("#refund-typed-error", Static).render()
        return str(getattr(rendered, "plain", rendered))

    # -- answering -----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that mean something for the current question."""
        question = None if self.saved is not None else self.question
        if action in ("answer", "choose"):
            return self._answers_with(action, question, parameters)
        unsaved = self.saved is None
        offered: dict[str, bool | None] = {
            "back_question": bool(self.order) and unsaved,
            "switch_law": unsaved,
            "restart": bool(self.order) or not unsaved,
            "save": None if question is not None or not unsaved else True,
        }
        return offered.get(action, True)

    @staticmethod
    def _answers_with(
        action: str, question: Question | None, parameters: tuple[object, ...]
    ) -> bool:
        """Whether y/n (``answer``) or digit ``parameters[0]`` (``choose``) answers ``question``."""
        if action == "answer":
            return question is not None and question.kind == "yesno"
        count = len(question.choices) if question and question.kind == "choice" else 0
        number = parameters[0] if parameters else 1
        return isinstance(number, int) and number <= count

    async def _give(self, key: str, value: Any) -> None:
        self.answers[key] = value
        if key in self.order:
            self.order.remove(key)
        self.order.append(key)
        self.draft_typed()
        await self.redraw()

    async def action_answer(self, value: bool) -> None:
        """Answer the yes/no question."""
        question = self.question
        if question is not None and question.kind == "yesno":
            await self._give(question.key, value)

    async def action_choose(self, number: int) -> None:
        """Pick choice ``number`` of the current question."""
        question = self.question
        if question and question.kind == "choice" and 1 <= number <= len(question.choices):
            await self._give(question.key, question.choices[number - 1][1])

    @on(Input.Submitted)
    async def typed(self, event: Input.Submitted) -> None:
        """Check a typed date or amount; a problem shows under the field."""
        event.stop()
        question = self.question
        if question is None or question.kind not in checklist.TYPED_KINDS:
            return
        try:
            value = self._parse(question, event.value)
        except InputError as exc:
            self.show_typed_error("; ".join(p.message for p in exc.problems))
            return
        await self._give(question.key, value)

    def _parse(self, question: Question, text: str) -> Any:
        key = question.key
        if question.kind == "amount":
            return parse_amount(text, key)
        if question.kind == "years":
            return checklist.parse_years(text, key)
        if not text.strip():
            return None if question.optional else self.today
        try:
            day = parse_iso_date(text)
        except ValueError as exc:
            raise InputError([FieldProblem(key, str(exc))]) from None
        if day > self.today:
            raise InputError.single(key, "cannot be in the future")
        bought = self.answers.get("purchased")
        if key == "delivered" and isinstance(bought, date) and day < bought:
            raise InputError.single(key, "cannot be before the purchase date")
        return day

    async def action_back_question(self) -> None:
        """Go back to the last question answered, to change it."""
        relevant = checklist.relevant(self.answers, self.jurisdiction)
        while self.order:
            key = self.order.pop()
            was_relevant = key in relevant
            self.answers.pop(key, None)
            if was_relevant:
                break
        self.draft_typed()
        await self.redraw()

    async def action_switch_law(self) -> None:
        """Switch between Australian and UK law for this check."""
        self.jurisdiction = (
            Jurisdiction.UK if self.jurisdiction is Jurisdiction.AU else Jurisdiction.AU
        )
        self.notify(f"Now checking under {JURISDICTION_NAMES[self.jurisdiction]}", markup=False)
        self.draft_typed()
        await self.redraw()

    async def action_restart(self) -> None:
        """Clear every answer and start a new check (same case, the policy's law)."""
        if self.saved is None and self.case_id is not None and self.answers:
            self.notify("This check is not recorded yet: ctrl+s keeps it.", severity="warning")
        self.answers.clear()
        self.order.clear()
        self.saved = None
        self.jurisdiction = self.law
        self.read_authority()
        self.draft_typed()
        await self.redraw()

    # -- keeping it --------------------------------------------------------------------
    def action_save(self) -> None:
        """Keep the check as a refund record (linked to the case when opened from one)."""
        if self.saved is not None:
            self.notify(f"Already kept as {self.saved.id}", markup=False)
            return
        if self.question is not None:
            self.notify("Answer every question first.", severity="warning")
            return
        answers, law, today = dict(self.answers), self.jurisdiction, self.today
        refunds, case_id = self.refunds, self.case_id

        def job() -> Checked:
            inputs = checklist.inputs_from(answers, law, today)
            return refunds.save_check(inputs, case_id)

        self.save(job, self._saved, key="check")

    def _saved(self, checked: Checked) -> None:
        record = checked.record
        if record is None:
            return
        self.saved = record
        self.draft_done()
        waiting = record.status is RefundStatus.PENDING
        message = f"Kept as {record.id}" + (
            ": waiting for a team leader's approval" if waiting else ""
        )
        self.notify(message, markup=False, timeout=6)
        if self.case_id is not None:
            self.dismiss(record.id)
            return
        self.call_later(self.redraw)
        if not waiting and record.decision.remedies:
            self._offer_record(record)

    def _offer_record(self, record: RefundRecord) -> None:
        refunds = self.refunds

        def recorded(result: RefundRecord | None) -> None:
            if result is not None:
                self.saved = result
                self.notify(f"Recorded what was given under {result.id}", markup=False)
                self.call_later(self.redraw)

        dialog = RefundRecordDialog(
            record, lambda values: refunds.record(record.id, values), refunds.today()
        )
        self.app.push_screen(dialog, recorded)

    def action_leave(self) -> None:
        """Back; ask first if answers would be lost."""
        if not self.answers or self.saved is not None:
            self.dismiss(self.saved.id if self.saved and self.case_id else None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.draft_done()
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Leave this refund check? It has not been recorded."), answered
        )
