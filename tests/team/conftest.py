"""Team fixtures: alice's workspace (team leader) on tmp_path, bob the agent, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.workspaces import AGENT, LEADER, open_utc_workspace

from cstui.workspace import Workspace


@pytest.fixture
def team_clock() -> FixedClock:
    """The clock every workspace of the test reads: Monday 23 November 2026, 10:00 UTC."""
    return FixedClock(MONDAY_IN_NOVEMBER)


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    """The data folder of the test."""
    return tmp_path / "team-data"


@pytest.fixture
def leader_ws(team_dir: Path, team_clock: FixedClock) -> Workspace:
    """alice's workspace; she leads the team and bob is an agent on it."""
    ws = open_utc_workspace(team_dir, LEADER, team_clock)
    ws.team.add(AGENT, "agent", "100")
    return ws


@pytest.fixture
def as_user(
    team_dir: Path, team_clock: FixedClock, leader_ws: Workspace
) -> Callable[[str], Workspace]:
    """Open the same data folder as another user, as if from another terminal."""

    def make(user: str) -> Workspace:
        return open_utc_workspace(team_dir, user, team_clock)

    return make
