"""Helpers for the refund tests: a fixed day, workspaces in UTC, the CLI in process.

Kept out of conftest.py so test modules can import them by a name no other folder uses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import Result
from tests.support.cli import invoke
from tests.support.clock import FixedClock as Clock
from tests.support.steps import case_fields

from cstui.config import Settings
from cstui.store.ports import Stores
from cstui.workspace import Workspace, first_run, open_workspace

LEADER = "alice"
"""The team leader (first run), refund limit 1000."""
AGENT = "bob"
"""An agent, refund limit 100."""
AGENT_LIMIT = "100"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""Monday 2 March 2026, 10:00 UTC."""
TODAY = NOW.date()
NOW_ENV = NOW.isoformat()


def ago(days: int) -> date:
    """The date ``days`` before TODAY."""
    return TODAY - timedelta(days=days)


def utc_policy(data_dir: Path) -> None:
    """Create the data folder (alice leads) and pin the policy's time zone to UTC."""
    first_run(data_dir, LEADER)
    policy = data_dir / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    if 'timezone = "UTC"' not in text:
        policy.write_text(text.replace('timezone = ""', 'timezone = "UTC"'), encoding="utf-8")


def open_as(
    data_dir: Path, user: str, clock: Clock, stores: Callable[[Workspace], Stores] | None = None
) -> Workspace:
    """Open the data folder as ``user`` with ``clock`` (over ``stores`` when given, else
    the folder's file store); bob is added as an agent once."""
    utc_policy(data_dir)
    leader = open_workspace(
        Settings(data_dir, LEADER), clock=clock, lock_timeout=2.0, stores=stores
    )
    if leader.team.roster().get(AGENT) is None:
        leader.team.add(AGENT, "agent", AGENT_LIMIT)
    if user == LEADER:
        return leader
    return open_workspace(Settings(data_dir, user), clock=clock, lock_timeout=2.0, stores=stores)


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


@dataclass
class Cli:
    """``cli("refund", "check", ...)`` runs cstui on the data folder as a user at NOW."""

    data_dir: Path

    def __call__(self, *args: str, user: str = AGENT) -> Result:
        result = invoke(
            ["--data-dir", str(self.data_dir), "--user", user, *args],
            now=NOW_ENV,
            catch_exceptions=False,
        )
        assert "Traceback" not in result.output
        return result

    def json(self, *args: str, user: str = AGENT) -> Any:
        """Run with ``--json``: it must succeed with one JSON document on stdout."""
        result = self(*args, "--json", user=user)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def error(self, *args: str, user: str = AGENT, code: int = 2) -> str:
        """Run expecting failure; the one ``error:`` line on stderr."""
        result = self(*args, user=user)
        assert result.exit_code == code, result.output
        errors = [line for line in result.stderr.splitlines() if not line.startswith("cstui: ")]
        assert len(errors) == 1, result.stderr
        assert errors[0].startswith("error: ")
        assert result.stdout == ""
        return errors[0]
