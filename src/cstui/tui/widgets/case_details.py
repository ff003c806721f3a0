"""The case's fields, step records, notes and history as literal text."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text

from cstui.models.case import Case, StepRecord
from cstui.models.promised import promised_text
from cstui.tui.text import safe, when


def _line(text: Text, label: str, value: object) -> None:
    if value in (None, ""):
        return
    text.append(f"{label}: ", style="bold")
    text.append(f"{safe(value)}\n")


def details_text(
    case: Case, zone: tzinfo, refunds: str | None = None, summary_resolution: str | None = None
) -> Text:
    """Who complained, about what, and what they want (and its refunds and the
    summary-resolution line, when given)."""
    text = Text()
    customer = case.customer
    _line(text, "Customer", customer.name)
    _line(text, "Phone", customer.phone)
    _line(text, "Email", customer.email)
    _line(text, "Made by", case.made_by_label())
    _line(text, "Channel", case.channel)
    _line(text, "Category", case.category)
    _line(text, "Severity", case.severity.value)
    _line(text, "Site", case.site)
    _line(text, "Directed at", case.directed_at)
    _line(text, "Remedy sought", case.remedy_sought)
    _line(text, "Summary", case.summary)
    _line(text, "Details", case.details)
    _line(text, "Logged", f"{when(case.created_at, zone)} by {case.created_by}")
    _line(text, "Owner", case.owner)
    if case.is_open:
        _line(text, "Promised by", promised_text(case))
    if case.reopen_count:
        _line(text, "Reopened", f"{case.reopen_count} time(s)")
    _line(text, "Summary resolution", summary_resolution)
    _line(text, "Refunds", refunds)
    return text


def record_text(record: StepRecord, zone: tzinfo) -> Text:
    """One completed step and what it recorded."""
    text = Text(
        f"{record.step.label} — {safe(record.actor)}, {when(record.at, zone)}\n", style="bold"
    )
    fields = type(record.data).model_fields
    for key, value in record.data.model_dump(exclude={"step"}).items():
        shown = when(value, zone) if isinstance(value, datetime) else value
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        _line(text, f"  {fields[key].title or key}", shown)
    return text


def records_text(case: Case, zone: tzinfo) -> Text:
    """Every step record, oldest first."""
    text = Text()
    for record in case.records:
        text.append_text(record_text(record, zone))
    return text


def notes_text(case: Case, zone: tzinfo) -> Text:
    """Internal notes, newest first."""
    if not case.notes:
        return Text("No notes yet. Press ctrl+n to add one.", style="dim")
    text = Text()
    for note in reversed(case.notes):
        text.append(f"{when(note.at, zone)} {safe(note.author)}\n", style="bold")
        text.append(f"{safe(note.text)}\n\n")
    return text
