"""Helpers for the team tests: a UTC workspace on a fixed clock, cases at any step, CSV.

Kept out of conftest.py so test modules can import them by a name no other folder uses.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.support.clock import FixedClock as TeamClock
from tests.support.steps import STEP_INPUTS, case_fields

from cstui.config import Settings
from cstui.models.case import Case
from cstui.store.ports import Stores
from cstui.workspace import Workspace, first_run, open_workspace

LEADER = "alice"
AGENT = "bob"
START = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
"""Monday 23 November 2026, 10:00 UTC."""


def open_team_ws(
    data_dir: Path, user: str, clock: TeamClock, stores: Callable[[Workspace], Stores] | None = None
) -> Workspace:
    """Open (creating on first use, led by alice) the data folder as ``user``, zone UTC
    (over ``stores`` when given, else the folder's file store)."""
    first_run(data_dir, LEADER)
    policy = data_dir / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    if 'timezone = "UTC"' not in text:
        assert 'timezone = ""' in text, "the shipped policy no longer has an empty timezone"
        policy.write_text(text.replace('timezone = ""', 'timezone = "UTC"'), encoding="utf-8")
    return open_workspace(Settings(data_dir, user), clock=clock, lock_timeout=2.0, stores=stores)


def fields(name: str = "Jo Citizen", **overrides: Any) -> dict[str, Any]:
    """Valid new-case fields, directed at the billing team."""
    return case_fields(name, **{"directed_at": "Billing team", **overrides})


def advance_to(ws: Workspace, case: Case, step: str) -> Case:
    """Complete steps through the service until ``case`` is at ``step``."""
    while case.step.value != step:
        case = ws.cases.advance(case.id, STEP_INPUTS[case.step.value])
    return case


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
