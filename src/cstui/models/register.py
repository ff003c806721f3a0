"""The shape of a complaints register: its columns, in the order export writes them, and
what each holds (see :mod:`cstui.domain.register` for the checks on each row)."""

from __future__ import annotations

REGISTER_COLUMNS: tuple[str, ...] = (
    "received",
    "customer_name",
    "customer_phone",
    "customer_email",
    "made_by",
    "category",
    "channel",
    "summary",
    "details",
    "remedy_sought",
    "directed_at",
    "severity",
    "owner",
    "closed_on",
    "outcome",
)
"""The CSV register's columns, in the order export writes them."""

REQUIRED_COLUMNS: tuple[str, ...] = ("received", "customer_name", "category", "channel", "summary")
"""Columns a register must have (a row may still leave phone or email empty, not both)."""

COLUMN_HELP: dict[str, str] = {
    "received": "date received: YYYY-MM-DD (taken as opening time) or YYYY-MM-DD HH:MM, "
    "in the centre's time zone (required)",
    "customer_name": "who complained (required)",
    "customer_phone": "phone number (this or customer_email required)",
    "customer_email": "email address",
    "made_by": "public, regular, corporate or colleague, or the analysis table's words "
    "(Member of public, ...); empty: public",
    "category": "one of the policy's categories (required)",
    "channel": "one of the policy's channels (required)",
    "summary": "the complaint in one line (required)",
    "details": "everything else the customer said",
    "remedy_sought": "what the customer asked for",
    "directed_at": "the person, team or supplier the complaint is about",
    "severity": "low, medium or high; empty: medium",
    "owner": "who works the case, someone on the roster; empty: whoever imports",
    "closed_on": "YYYY-MM-DD if the complaint is already closed; empty: open (at Investigate)",
    "outcome": "what was done, for a closed complaint (kept as a note)",
}
"""What each column holds, for the README and ``--help``."""

EXPORT_ONLY_COLUMNS: tuple[str, ...] = (
    "id",
    "step",
    "waiting",
    "next_due",
    "overdue",
    "created_by",
    "updated_at",
    "reopen_count",
)
"""Written by ``export cases --format csv`` for reading; ignored when a file is imported."""

EXPORT_COLUMNS: tuple[str, ...] = (
    "id",
    *REGISTER_COLUMNS,
    *EXPORT_ONLY_COLUMNS[1:],
)
"""The CSV export's header: the case id, the register's columns, then the case's state."""

ERROR_COLUMN = "error"
"""Added to each row of a bad-rows file; ignored on import, so a fixed file imports as is."""
