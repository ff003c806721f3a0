"""A refund decision, and a case's refund records, as literal text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from cstui.models.refund_text import money, status_line, summary
from cstui.models.refunds import Decision, RefundRecord, label
from cstui.tui.text import literal


def _row(text: Text, name: str, value: str, style: str = "") -> None:
    text.append(f"{name}: ", style="bold")
    text.append_text(literal(value, style))
    text.append("\n")


def decision_text(
    decision: Decision | None,
    left: int = 0,
    record: RefundRecord | None = None,
    unknown: frozenset[str] = frozenset(),
) -> Text:
    """The decision and its reasons; ``left`` questions still to answer makes it provisional.

    ``unknown`` names the inputs not asked yet (``paid_by``, ``price``): their lines say so
    instead of showing an assumption.
    """
    if decision is None:
        return Text("Answer the questions: the decision shows here as you go.", style="dim")
    text = Text()
    if left:
        plural = "s" if left > 1 else ""
        text.append(f"Provisional: {left} question{plural} left\n", style="bold yellow")
    else:
        text.append("Decision\n", style="bold green")
    _remedies(text, decision)
    _refund_and_approval(text, decision, unknown)
    if decision.refer_to_supervisor:
        _row(text, "Supervisor", "REFER", "bold red")
    _row(text, "Law", decision.jurisdiction.value.upper())
    if record is not None:
        _row(text, "Kept as", f"{record.id}, {status_line(record)}", "bold")
    _reasons(text, decision)
    return text


def _remedies(text: Text, decision: Decision) -> None:
    if decision.undecided is not None:
        _row(text, "Remedies", decision.undecided.label, "bold yellow")
        return
    if not decision.remedies:
        _row(text, "Remedies", "nothing is due", "bold red")
        return
    chooser = f", the {decision.chooser.value} chooses" if decision.chooser else ""
    text.append(f"Remedies{chooser}:\n", style="bold")
    for number, remedy in enumerate(decision.remedies, 1):
        text.append(f"  {number}. {remedy.value}\n")


def _refund_and_approval(text: Text, decision: Decision, unknown: frozenset[str]) -> None:
    if decision.refund_method is not None and "paid_by" in unknown:
        _row(text, "Refund", "the way it was paid")
    elif decision.refund_method is not None:
        _row(text, "Refund", f"by {label(decision.refund_method).lower()}, as paid")
    limit = f"(limit {money(decision.agent_limit)})"
    if decision.remedies and "price" in unknown:
        _row(text, "Approval", f"depends on the amount {limit}")
    elif decision.needs_approval:
        _row(text, "Approval", f"NEEDED {limit}", "bold yellow")
    elif decision.remedies:
        _row(text, "Approval", f"not needed {limit}")


def _reasons(text: Text, decision: Decision) -> None:
    text.append("\nWhy\n", style="bold")
    for reason in decision.reasons:
        text.append("• ")
        text.append_text(literal(reason.rule, "bold cyan"))
        text.append("\n")
        text.append_text(literal(reason.text))
        text.append("\n")
    if decision.record_fields:
        text.append("\nRecord: ", style="bold")
        text.append(", ".join(f.value.replace("_", " ") for f in decision.record_fields))
        text.append("\n")


def refunds_line(records: Sequence[RefundRecord]) -> str | None:
    """The refund records of a case on one line each, for the case's details."""
    if not records:
        return None
    return "\n  ".join(summary(r) for r in records)


def my_request_items(records: Sequence[RefundRecord]) -> list[tuple[str, str]]:
    """The user's requests as (label, refund id) for a list: where each stands, and why."""
    return [
        (f"{r.id}  {r.case_id or '-'}  {money(r.decision.amount)}  {status_line(r)}", r.id)
        for r in records
    ]
