"""A case as its screen shows it: read with what goes beside it, off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from rich.text import Text

from cstui.models.case import Case
from cstui.models.contact import Contact
from cstui.models.deadline import Due, DueKind
from cstui.tui.text import due_text, literal, safe, when

DUE_LABELS = {
    DueKind.ACKNOWLEDGE: "acknowledge",
    DueKind.RESOLVE: "resolve",
    DueKind.FOLLOW_UP: "follow up",
}


@dataclass(frozen=True)
class CaseView:
    """A case and what its screen shows beside it, read together off the UI thread."""

    case: Case
    refunds: str | None
    """Its refund records on one line each (None: none, or they cannot be read)."""
    due: Due | None
    promise_by: date | None
    """The date the Declare form suggests (None once closed)."""
    summary_resolution: str | None = None
    """The summary-resolution line (DISP), when that is the response due."""
    calls: list[Contact] = field(default_factory=list)
    """The calls linked to the case and those from its customer's number, newest first."""


def summary_text(view: CaseView, zone: tzinfo) -> Text:
    """The case in three lines: who, what, owner; when next due; its one-line summary."""
    case = view.case
    text = Text(f"{case.id} ", style="bold")
    text.append_text(literal(case.customer.name, "bold"))
    text.append(" · ")
    text.append_text(literal(case.category))
    text.append(f" · owner {safe(case.owner)}")
    due = view.due
    if due is not None:
        text.append(f"\n{DUE_LABELS[due.kind]} by ")
        text.append_text(due_text(due, zone))
        if due.delay_notice_due:
            text.append("  ✉ delay notice due", style="bold yellow")
    if case.waiting:
        text.append("  ⏸ waiting on customer (resolve clock paused)", style="yellow")
    text.append("\n")
    text.append_text(literal(case.summary, "italic"))
    return text


def history_text(view: CaseView, zone: tzinfo) -> Text:
    """Every change of the case and every call about it, on one timeline, newest first."""
    moments: list[tuple[datetime, int, Text]] = []
    for order, entry in enumerate(view.case.history):
        line = Text().append(f"{when(entry.at, zone)} {safe(entry.actor)} ", style="bold")
        line.append(f"{safe(entry.action)}: {safe(entry.detail)}\n")
        moments.append((entry.at, order, line))
    moments += [(call.at, -1, call_line(call, view.case.id, zone)) for call in view.calls]
    text = Text()
    for _, _, line in sorted(moments, key=lambda moment: moment[:2], reverse=True):
        text.append_text(line)
    return text


def call_line(call: Contact, case_id: str, zone: tzinfo) -> Text:
    """One call on a case's timeline: when, taken by whom, from where, and what came of it."""
    line = Text().append(f"{when(call.at, zone)} {safe(call.agent)} ", style="bold")
    line.append("call ", style="bold cyan")
    line.append_text(literal(call.number))
    details = [("call", call.call_id), ("queue", call.queue), ("outcome", call.outcome)]
    if call.case_id != case_id:
        details.append(("about", call.case_id or "no case yet"))
    for label, value in details:
        if value:
            line.append(f" · {label} ").append_text(literal(value))
    return line.append("\n")
