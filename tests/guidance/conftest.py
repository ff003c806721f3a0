"""Guidance fixtures: a UTC workspace on tmp_path with a fixed clock, and the seed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.guidance import SEED_003
from tests.support.workspaces import LEADER, open_utc_workspace

from cstui.workspace import Workspace


@pytest.fixture
def gclock() -> FixedClock:
    """The clock the test's workspace reads: Monday 23 November 2026, 10:00 UTC (acknowledge
    by Tuesday 24th, resolve by 23 December)."""
    return FixedClock(MONDAY_IN_NOVEMBER)


@pytest.fixture
def gdata(tmp_path: Path) -> Path:
    """The data folder of the test's workspace."""
    return tmp_path / "cstui-guidance-data"


@pytest.fixture
def gws(gdata: Path, gclock: FixedClock) -> Workspace:
    """alice's workspace (team leader), policy in UTC."""
    return open_utc_workspace(gdata, LEADER, gclock)


@pytest.fixture
def seed_003() -> str:
    """The text of seed 003; the test is skipped when ../shared is not beside the project."""
    if not SEED_003.is_file():
        pytest.skip(f"seed document not found at {SEED_003} (../shared is not beside the repo)")
    return SEED_003.read_text(encoding="utf-8")
