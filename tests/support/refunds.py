"""Refund tests: a fixed day, workspaces where alice leads and bob is an agent, a case at Solve."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.support.clock import MONDAY_IN_MARCH
from tests.support.steps import case_fields
from tests.support.workspaces import AGENT, LEADER, open_utc_workspace

from cstui.store.ports import Stores
from cstui.workspace import Workspace

AGENT_LIMIT = "100"
"""bob's refund limit (alice, who leads, has 1000)."""
NOW = MONDAY_IN_MARCH
TODAY = NOW.date()
NOW_ENV = NOW.isoformat()


def ago(days: int) -> date:
    """The date ``days`` before TODAY."""
    return TODAY - timedelta(days=days)


def open_as(
    data_dir: Path,
    user: str,
    clock: Callable[[], datetime],
    stores: Callable[[Workspace], Stores] | None = None,
) -> Workspace:
    """Open the data folder as ``user`` (see :func:`open_utc_workspace`); bob is added as an
    agent with limit :data:`AGENT_LIMIT` once."""
    leader = open_utc_workspace(data_dir, LEADER, clock, stores)
    if leader.team.roster().get(AGENT) is None:
        leader.team.add(AGENT, "agent", AGENT_LIMIT)
    return leader if user == LEADER else open_utc_workspace(data_dir, user, clock, stores)


CASE_FIELDS: dict[str, Any] = case_fields(
    category="Refund or exchange", summary="Kettle sparks at the plug", details="", remedy_sought=""
)
"""A complaint about a faulty kettle, nothing but its summary."""

TO_SOLVE: list[dict[str, Any]] = [
    {"findings": "Sparks at the plug, bought three weeks ago"},
    {"promise": "We will sort out a refund or replacement", "by": "2026-03-20"},
]


def case_at_solve(ws: Workspace) -> str:
    """Log a case as ``ws``'s user and take it to the Solve step; its id."""
    case = ws.cases.log(CASE_FIELDS)
    for fields in TO_SOLVE:
        case = ws.cases.advance(case.id, fields)
    return case.id
