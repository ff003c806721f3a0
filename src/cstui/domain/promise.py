"""The date promised to the customer at Declare: when it may be, and how it is shown.

A promise may not be dated before the case was logged or in the past; one later than the
resolve target is kept, with a warning in the case's history. Once made, the promised date
is the deadline the customer was given (the regulator's deadline still stands beside it).
"""

from __future__ import annotations

from datetime import date, datetime

from cstui.errors import InputError
from cstui.models.steps import EARLIEST_OFFSET, check_promise

PROMISE_WARNING = "promise-warning"
"""The history action of a promise later than the resolve target."""


def earliest_day(moment: datetime) -> date:
    """The earliest calendar day anywhere at ``moment``."""
    return (moment - EARLIEST_OFFSET).date()


def check_promised_date(by: date, logged: datetime, now: datetime) -> None:
    """Refuse (InputError on ``by``) a promise before the case was logged or in the past.

    Days are compared with the earliest calendar day anywhere, so a promise for today is
    kept in every time zone.
    """
    check_promise(by, logged)
    if by < earliest_day(now):
        raise InputError.single("by", "is in the past: promise a date from today on")


def beyond_target_warning(by: date, resolve_by: datetime) -> str | None:
    """The warning kept in the case when ``by`` is later than the resolve target."""
    target = resolve_by.date()
    if by <= target:
        return None
    return (
        f"promised {by.isoformat()}, later than the resolve target of {target.isoformat()}: "
        "the customer was given a later date than the standard allows"
    )
