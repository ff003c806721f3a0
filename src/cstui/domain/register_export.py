"""A case as a row of the CSV export, and the outcome a register gave a case it imported."""

from __future__ import annotations

from datetime import datetime, tzinfo

from cstui.models.case import Case
from cstui.models.csv_safe import Cell
from cstui.models.kinds import CustomerType
from cstui.models.register import EXPORT_COLUMNS

IMPORTED_OUTCOME = "Outcome from the imported register: "
"""How the note holding a closed register row's outcome begins."""


def export_row(
    case: Case,
    zone: tzinfo,
    outcome: str,
    next_due: datetime | None,
    overdue: bool,
) -> list[Cell]:
    """One case as a row under :data:`EXPORT_COLUMNS`."""

    def local(moment: datetime | None) -> str:
        return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    closed = case.closed_at.astimezone(zone).date().isoformat() if case.closed_at else ""
    values: dict[str, Cell] = {
        "id": case.id,
        "received": local(case.created_at),
        "customer_name": case.customer.name,
        "customer_phone": case.customer.phone or "",
        "customer_email": case.customer.email or "",
        "made_by": CustomerType(case.customer.type).value,
        "category": case.category,
        "channel": case.channel,
        "summary": case.summary,
        "details": case.details,
        "remedy_sought": case.remedy_sought,
        "directed_at": case.directed_at,
        "severity": case.severity.value,
        "owner": case.owner,
        "closed_on": closed,
        "outcome": outcome if not case.is_open else "",
        "step": case.step.value,
        "waiting": case.waiting,
        "next_due": local(next_due),
        "overdue": overdue,
        "created_by": case.created_by,
        "updated_at": local(case.updated_at),
        "reopen_count": case.reopen_count,
    }
    return [values[name] for name in EXPORT_COLUMNS]


def imported_outcome(case: Case) -> str | None:
    """The outcome a register gave a closed case when it was imported, if any."""
    for note in case.notes:
        if note.text.startswith(IMPORTED_OUTCOME):
            return note.text[len(IMPORTED_OUTCOME) :]
    return None
