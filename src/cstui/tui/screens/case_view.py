"""A case as its screen shows it: read with what goes beside it, off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from rich.text import Text

from cstui.models.case import Case
from cstui.models.deadline import Due, DueKind
from cstui.tui.text import due_text, literal, safe

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
