"""Removing a customer's personal data while keeping the statistics.

What goes: the customer's name, phone and email, and every free-text field (summary,
details, remedy sought, notes, what each step recorded in words, reasons given in the
history). What stays: ids, dates, category, channel, severity, owner, steps, outcomes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cstui.models.case import Case, HistoryEntry
from cstui.models.policy import Policy

REMOVED = "(removed)"
_FREE_TEXT = ("findings", "promise", "action", "said")
_PERSONAL_HISTORY = ("reopened",)


def retention_ends(case: Case, policy: Policy) -> datetime | None:
    """When a closed case's personal data falls due for removal; None while open."""
    if case.closed_at is None:
        return None
    return case.closed_at + timedelta(days=round(365.25 * policy.privacy.retention_years))


def due_for_purge(case: Case, policy: Policy, now: datetime) -> bool:
    """Closed longer ago than the retention period, and not yet redacted."""
    ends = retention_ends(case, policy)
    return case.redacted_at is None and ends is not None and ends <= now


def _record_data(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (REMOVED if k in _FREE_TEXT and v else v) for k, v in data.items()}


def redact(case: Case, actor: str, now: datetime, why: str) -> Case:
    """``case`` without personal data, with a history entry saying why."""
    doc = case.model_dump()
    doc["customer"] = {"name": REMOVED, "phone": None, "email": None, "type": case.customer.type}
    doc.update(summary=REMOVED, details="", remedy_sought="", redacted_at=now)
    doc["notes"] = [{**n, "text": REMOVED} for n in doc["notes"]]
    doc["records"] = [{**r, "data": _record_data(r["data"])} for r in doc["records"]]
    doc["history"] = [
        {**h, "detail": h["action"]} if h["action"] in _PERSONAL_HISTORY else h
        for h in doc["history"]
    ]
    redacted = Case.model_validate(doc)
    entry = HistoryEntry(
        at=now, actor=actor, action="redacted", detail=f"personal data removed: {why}"
    )
    return redacted.model_copy(
        update={"history": [*redacted.history, entry], "updated_at": now, "updated_by": actor}
    )
