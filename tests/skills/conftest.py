"""Skills fixtures: alice's (team leader) and bob's workspaces on one data folder, fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.support.clock import MONDAY_IN_MARCH, FixedClock
from tests.support.workspaces import LEADER, open_utc_workspace

from cstui.content.self_assessment import load_self_assessment
from cstui.models.skills import SelfAssessment
from cstui.workspace import Workspace


@pytest.fixture
def skills_clock() -> FixedClock:
    """Monday 2 March 2026, 10:00 UTC; ``.advance(days=...)`` moves it."""
    return FixedClock(MONDAY_IN_MARCH)


@pytest.fixture
def skills_dir(tmp_path: Path) -> Path:
    """The data folder of the test."""
    return tmp_path / "skills-data"


@pytest.fixture
def alice(skills_dir: Path, skills_clock: FixedClock) -> Workspace:
    """alice's workspace: the team leader (first run)."""
    return open_utc_workspace(skills_dir, LEADER, skills_clock)


@pytest.fixture
def as_user(
    skills_dir: Path, skills_clock: FixedClock, alice: Workspace
) -> Callable[[str], Workspace]:
    """The same data folder opened as someone else, as from another terminal."""

    def make(user: str) -> Workspace:
        return open_utc_workspace(skills_dir, user, skills_clock)

    return make


@pytest.fixture
def content() -> SelfAssessment:
    """The shipped self-assessment."""
    return load_self_assessment()
