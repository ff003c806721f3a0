"""Refund test fixtures: the shipped policy, workspaces for alice (leader) and bob (agent)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.support.cli import Cli
from tests.support.clock import FixedClock
from tests.support.refunds import NOW, NOW_ENV, open_as
from tests.support.workspaces import AGENT, LEADER, set_utc_zone

from cstui.content.toml_files import default_policy
from cstui.models.policy import Policy
from cstui.workspace import Workspace


@pytest.fixture
def shipped() -> Policy:
    """The policy shipped in data/policy.toml."""
    return default_policy()


@pytest.fixture
def refund_clock() -> FixedClock:
    """2 March 2026, 10:00 UTC, until moved."""
    return FixedClock(NOW)


@pytest.fixture
def refund_dir(tmp_path: Path) -> Path:
    """The data folder of the test (created on first use)."""
    return tmp_path / "refund-data"


@pytest.fixture
def open_ws(refund_dir: Path, refund_clock: FixedClock) -> Callable[[str], Workspace]:
    """Open the data folder as a user (alice leads, bob is an agent with limit 100)."""

    def make(user: str) -> Workspace:
        return open_as(refund_dir, user, refund_clock)

    return make


@pytest.fixture
def alice(open_ws: Callable[[str], Workspace]) -> Workspace:
    """The team leader's workspace."""
    return open_ws(LEADER)


@pytest.fixture
def bob(open_ws: Callable[[str], Workspace], alice: Workspace) -> Workspace:
    """The agent's workspace."""
    return open_ws(AGENT)


@pytest.fixture
def cli(refund_dir: Path, alice: Workspace) -> Cli:
    """The CLI on the same data folder (bob already on the roster), as bob at NOW."""
    set_utc_zone(refund_dir)
    return Cli(refund_dir, user=AGENT, now=NOW_ENV)
