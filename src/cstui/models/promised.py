"""The date promised to the customer, as a case shows it (what the faces print)."""

from __future__ import annotations

from datetime import date

from cstui.models.case import Case
from cstui.models.kinds import Step
from cstui.models.steps import DeclareData


def promised_date(case: Case) -> date | None:
    """The date promised to the customer in this cycle, once Declare is done."""
    record = case.completed(Step.DECLARE)
    if record is None or not isinstance(record.data, DeclareData):
        return None
    return record.data.by


def promised_text(case: Case) -> str | None:
    """``2026-03-20 (the deadline the customer was given)``; None before Declare."""
    by = promised_date(case)
    if by is None:
        return None
    return f"{by.isoformat()} (the deadline the customer was given)"
