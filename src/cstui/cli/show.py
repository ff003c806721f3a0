"""``case show`` in words: every field, each step record, notes and history."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cstui.cli.command import Shown
from cstui.cli.output import case_json, due_text, local, overdue_marker
from cstui.models.case import Case, StepRecord
from cstui.models.deadline import Due
from cstui.models.kinds import PROCEDURE
from cstui.models.promised import promised_text

if TYPE_CHECKING:
    from cstui.services.clocks import ClockStanding

INDENT = "    "
LABEL_WIDTH = len(INDENT) + len("referral contact:") + 1
"""Where values start: past the longest label (a step record's, indented), so every
value of a case lines up in one column."""


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return local(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _field(label: str, value: Any, indent: str = "") -> list[str]:
    """``label: value``, later lines of a multi-line value indented under it."""
    first, *rest = _value(value).split("\n")
    width = LABEL_WIDTH - len(indent)
    pad = " " * (LABEL_WIDTH + 1)
    return [f"{indent}{label + ':':<{width}} {first}".rstrip(), *(pad + r for r in rest)]


def _record(record: StepRecord) -> list[str]:
    step = record.step
    lines = [f"  {step.number}. {step.label:<16} {local(record.at)}  {record.actor}"]
    fields = type(record.data).model_fields
    for name, value in record.data.model_dump(exclude={"step"}).items():
        if value != fields[name].default:  # a required field has no default: always shown
            lines += _field(name.replace("_", " "), value, INDENT)
    return lines


def _status(case: Case, due: Due | None, clocks: ClockStanding | None) -> list[str]:
    summary = clocks.summary_resolution_text(local) if clocks else None
    if not case.is_open:
        closed = local(case.closed_at) if case.closed_at else "-"
        lines = _field("Step", f"Closed ({closed})")
        return lines + (_field("Summary resolution", summary) if summary else [])
    lines = _field("Step", f"{case.step.number} of {len(PROCEDURE)}, {case.step.label}")
    lines += _field("Next due", f"{due_text(due)} {overdue_marker(due)}".rstrip())
    promised = promised_text(case)
    if promised is not None:
        lines += _field("Promised by", promised)
    if summary:
        lines += _field("Summary resolution", summary)
    if case.waiting:
        lines += _field("Waiting", f"on the customer since {local(case.pauses[-1].start)}")
    return lines


def _about(case: Case) -> list[str]:
    """Who complained, about what, and how."""
    c = case.customer
    lines = _field("Customer", f"{c.name} ({case.made_by_label()})")
    lines += _field("Phone", c.phone or "-") + _field("Email", c.email or "-")
    lines += _field("Category", case.category) + _field("Channel", case.channel)
    lines += _field("Severity", case.severity.value)
    if case.site:
        lines += _field("Site", case.site)
    for label, text in [
        ("Remedy sought", case.remedy_sought),
        ("Directed at", case.directed_at),
        ("Details", case.details),
    ]:
        if text:
            lines += _field(label, text)
    return lines


def _keeping(case: Case) -> list[str]:
    """Who owns the case, who made and changed it, its version and reopenings."""
    lines = _field("Owner", case.owner)
    lines += _field("Created", f"{local(case.created_at)} by {case.created_by}")
    lines += _field("Updated", f"{local(case.updated_at)} by {case.updated_by}")
    lines += _field("Version", case.version)
    if case.reopen_count:
        lines += _field("Reopened", f"{case.reopen_count} time(s)")
    return lines


def _notes(case: Case) -> list[str]:
    if not case.notes:
        return []
    lines = ["", "Notes"]
    for note in case.notes:
        lines += [f"  {local(note.at)}  {note.author}"]
        lines += [INDENT + line for line in note.text.split("\n")]
    return lines


def render_case(case: Case, due: Due | None, clocks: ClockStanding | None = None) -> str:
    """The whole case as a readable block (``clocks``: where it stands against the
    standard's clocks, when known)."""
    lines = [f"{case.id}  {case.summary}", ""]
    lines += _about(case) + _status(case, due, clocks) + _keeping(case)
    lines += ["", "Steps"] + [line for r in case.records for line in _record(r)]
    lines += _notes(case)
    lines += ["", "History"]
    lines += [
        f"  {local(h.at)}  {h.actor}  {h.action}" + (f": {h.detail}" if h.detail else "")
        for h in case.history
    ]
    return "\n".join(lines)


def case_detail(case: Case, due: Due | None, clocks: ClockStanding) -> Shown:
    """``case show``: the full case as JSON, or the readable block."""
    return Shown(case_json(case, due, clocks), render_case(case, due, clocks))
