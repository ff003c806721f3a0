"""Reading a register's cells: a moment, who made the complaint, and the import key a row
is known by."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, tzinfo

from cstui.models.case import Case
from cstui.models.kinds import FORMER_CUSTOMER_LABELS, CustomerType


def import_key(received: date, phone: str | None, email: str | None, summary: str) -> str:
    """The key a register row is known by: day received, phone, email and complaint."""
    text = "\x1f".join(
        [received.isoformat(), phone or "", email or "", " ".join(summary.casefold().split())]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def case_import_key(case: Case, zone: tzinfo) -> str:
    """The key a stored case would have as a register row (to spot it in a register)."""
    day = case.created_at.astimezone(zone).date()
    return import_key(day, case.customer.phone, case.customer.email, case.summary)


def parse_moment(text: str, zone: tzinfo, default_time: time) -> datetime:
    """``YYYY-MM-DD`` (at ``default_time``), ``YYYY-MM-DD HH:MM`` or ISO with an offset.

    A time without an offset is in ``zone``. Raises ValueError with the reason.
    """
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), default_time, tzinfo=zone)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def parse_made_by(text: str) -> CustomerType:
    """A customer type from its value (``corporate``) or the table's words (any case)."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return CustomerType.PUBLIC
    for kind in CustomerType:
        if wanted in (kind.value, kind.label.casefold()):
            return kind
    if wanted in FORMER_CUSTOMER_LABELS:
        return FORMER_CUSTOMER_LABELS[wanted]
    raise ValueError(
        "must be public, regular, corporate or colleague (or the analysis table's words: "
        + ", ".join(kind.label for kind in CustomerType)
        + ")"
    )
