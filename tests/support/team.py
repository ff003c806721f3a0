"""Team tests: cases directed at a team, and registers as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from tests.support.steps import case_fields


def fields(name: str = "Jo Citizen", **overrides: Any) -> dict[str, Any]:
    """Valid new-case fields, directed at the billing team."""
    return case_fields(name, **{"directed_at": "Billing team", **overrides})


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A CSV document (minimal quoting, as a spreadsheet saves it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


REGISTER_HEADER = [
    "received",
    "customer_name",
    "customer_phone",
    "customer_email",
    "made_by",
    "category",
    "channel",
    "summary",
    "directed_at",
    "owner",
    "closed_on",
    "outcome",
]


def register_row(**values: str) -> list[str]:
    """A good register row under :data:`REGISTER_HEADER`; keywords replace columns."""
    row = {
        "received": "2026-11-02",
        "customer_name": "Jo Citizen",
        "customer_phone": "0412 345 678",
        "customer_email": "",
        "made_by": "Member of public",
        "category": "Information",
        "channel": "phone",
        "summary": "Salesperson could not provide sufficient information",
        "directed_at": "Salesperson",
        "owner": "",
        "closed_on": "",
        "outcome": "",
    }
    row.update(values)
    return [row[name] for name in REGISTER_HEADER]
