"""The record form: what was refunded, exchanged, replaced or repaired, and by whom."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cstui.errors import CstuiError, InputError
from cstui.models.refund_text import decision_line, money, status_line
from cstui.models.refunds import PaymentMethod, RecordField, RefundRecord, label
from cstui.tui.drafting import Drafting
from cstui.tui.text import literal
from cstui.tui.widgets.form import FieldSpec, Form
from cstui.tui.widgets.keys_footer import KeysFooter

Save = Callable[[dict[str, Any]], RefundRecord]


def record_fields(record: RefundRecord, today: date) -> list[FieldSpec]:
    """The form for ``record``: item, fault, remedy, amount, method, when."""
    decision = record.decision
    needs_fault = RecordField.FAULT in decision.record_fields
    method = decision.refund_method or record.inputs.paid_by
    return [
        FieldSpec("item", "Item (the product)", max_length=200),
        FieldSpec("fault", "Fault" if needs_fault else "Fault (optional)", max_length=1000),
        FieldSpec(
            "remedy",
            "What was given",
            kind="choice",
            default=decision.remedies[0].value,
            choices=tuple((r.value.title(), r.value) for r in decision.remedies),
        ),
        FieldSpec("amount", "Amount", default=money(decision.amount), max_length=20),
        FieldSpec(
            "method",
            "Money or credit back by (refunds: as paid)",
            kind="choice",
            default=method.value,
            choices=tuple((label(m), m.value) for m in PaymentMethod),
        ),
        FieldSpec("when", "When (YYYY-MM-DD)", kind="date", default=today.isoformat()),
    ]


class RefundRecordDialog(Drafting, ModalScreen[RefundRecord | None]):
    """The record form for one refund record; ctrl+s saves, Esc cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save record", priority=True, id="refund-record.save"),
        Binding("escape", "cancel", "Cancel", id="refund-record.cancel"),
    ]

    def __init__(self, record: RefundRecord, save: Save, today: date) -> None:
        super().__init__()
        self.record = record
        self.save_record = save
        self.today = today
        self.draft_name = f"refund-record/{record.id}"

    def compose(self) -> ComposeResult:
        record = self.record
        with Vertical(classes="dialog refund-record"):
            yield Static(
                f"Record what was given under {record.id}", classes="dialog-title", markup=False
            )
            summary = Text()
            summary.append_text(literal(f"Due: {decision_line(record.decision)}"))
            summary.append_text(literal(f"\n{status_line(record)}; recorded by you"))
            yield Static(summary, classes="refund-record-summary")
            with VerticalScroll(classes="refund-record-fields"):
                yield Form(record_fields(record, self.today), id="refund-record-form")
            yield Static("ctrl+s save · Esc cancel", classes="dialog-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Form).fields()[0].control.focus()

    def action_save(self) -> None:
        """Save the record in a worker; problems land under their fields."""
        if self.saving:
            return
        values = self.query_one(Form).values()
        self.save(lambda: self.save_record(values), self._recorded, failed=self._failed)

    def _recorded(self, record: RefundRecord) -> None:
        self.draft_done()
        self.dismiss(record)

    def _failed(self, exc: CstuiError) -> None:
        if isinstance(exc, InputError):
            first = self.query_one(Form).show_problems(exc.problems)
            if first is not None:
                first.control.focus()
            return
        self.notify(str(exc), severity="error", markup=False, timeout=10)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.draft_done()
        self.dismiss(None)
