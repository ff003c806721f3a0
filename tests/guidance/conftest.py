"""Guidance fixtures: a UTC workspace on tmp_path with a fixed clock, and the seed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from guidance_helpers import SEED_003, START, Clock, open_ws

from cstui.workspace import Workspace


@pytest.fixture
def gclock() -> Clock:
    """The clock the test's workspace reads."""
    return Clock(START)


@pytest.fixture
def gdata(tmp_path: Path) -> Path:
    """The data folder of the test's workspace."""
    return tmp_path / "cstui-guidance-data"


@pytest.fixture
def gws(gdata: Path, gclock: Clock) -> Workspace:
    """alice's workspace (team leader), policy in UTC."""
    return open_ws(gdata, gclock)


@pytest.fixture
def seed_003() -> str:
    """The text of seed 003; the test is skipped when ../shared is not beside the project."""
    if not SEED_003.is_file():
        pytest.skip(f"seed document not found at {SEED_003} (../shared is not beside the repo)")
    return SEED_003.read_text(encoding="utf-8")
