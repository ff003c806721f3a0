"""Workspaces for tests: a data folder opened as a user at a test's clock, policy in UTC.

Every workspace a test opens goes through :func:`open_utc_workspace`, so times print the
same on any machine and a second terminal is the same call with another user.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.support.steps import STEP_INPUTS

from cstui.config import Settings
from cstui.models.case import Case
from cstui.store.ports import Stores
from cstui.workspace import Workspace, first_run, open_workspace

LEADER = "alice"
"""The team leader: the user whose first run makes a data folder."""

AGENT = "bob"
"""An agent the tests add to the roster."""

EMPTY_ZONE = 'timezone = ""'
UTC_ZONE = 'timezone = "UTC"'


def utc_policy(data_dir: Path, leader: str = LEADER) -> Path:
    """Make the data folder on first use (led by ``leader``) and set the policy's time zone
    to UTC; the policy file."""
    first_run(data_dir, leader)
    return set_utc_zone(data_dir)


def set_utc_zone(data_dir: Path) -> Path:
    """Set the time zone of an existing data folder's policy to UTC; the policy file."""
    policy = data_dir / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    if UTC_ZONE not in text:
        assert EMPTY_ZONE in text, "the shipped policy no longer has an empty timezone"
        policy.write_text(text.replace(EMPTY_ZONE, UTC_ZONE), encoding="utf-8")
    return policy


def open_utc_workspace(
    data_dir: Path,
    user: str,
    clock: Callable[[], datetime],
    stores: Callable[[Workspace], Stores] | None = None,
    leader: str = LEADER,
) -> Workspace:
    """Open the data folder (made on first use, led by ``leader``) as ``user`` at ``clock``,
    policy in UTC, over ``stores`` when given (else the folder's file store)."""
    utc_policy(data_dir, leader)
    return open_workspace(Settings(data_dir, user), clock=clock, lock_timeout=2.0, stores=stores)


def advance_to(
    ws: Workspace, case: Case, step: str, inputs: Mapping[str, dict[str, Any]] = STEP_INPUTS
) -> Case:
    """Complete steps through the service (with ``inputs``) until ``case`` is at ``step``."""
    while case.step.value != step:
        case = ws.cases.advance(case.id, inputs[case.step.value])
    return case
