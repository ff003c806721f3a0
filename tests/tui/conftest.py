"""TUI fixtures: alice's workspace on tmp_path with a fixed clock, bob, seeded cases.

Every workspace lives under ``tmp_path`` and is opened with explicit ``Settings``, so these
fixtures work with or without an autouse fixture that isolates HOME and the environment.
The policy's time zone is pinned to UTC so rendered times are the same on any machine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.steps import case_fields
from tests.support.tui import (
    ARABIC_NAME,
    EMOJI_NAME,
    HOSTILE_BOLD,
    HOSTILE_CLICK,
    HOSTILE_CLOSE,
    LONG_DETAILS,
)
from tests.support.workspaces import LEADER, advance_to, open_utc_workspace

from cstui.models.case import Case
from cstui.workspace import Workspace


@pytest.fixture
def tui_clock() -> FixedClock:
    """The clock every TUI workspace of the test reads: Monday 23 November 2026, 10:00 UTC
    (the acknowledge target is Tuesday 24th, 17:00); ``.advance(hours=...)`` moves it."""
    return FixedClock(MONDAY_IN_NOVEMBER)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data folder of the test's workspace."""
    return tmp_path / "cstui-tui-data"


@pytest.fixture
def workspace(data_dir: Path, tui_clock: FixedClock) -> Workspace:
    """alice's workspace: she is the team leader (first run)."""
    return open_utc_workspace(data_dir, LEADER, tui_clock)


@pytest.fixture
def other_terminal(
    data_dir: Path, tui_clock: FixedClock, workspace: Workspace
) -> Callable[[str], Workspace]:
    """Open the same data folder again as ``user``, as if from another terminal."""

    def make(user: str) -> Workspace:
        return open_utc_workspace(data_dir, user, tui_clock)

    return make


@pytest.fixture
def with_bob(workspace: Workspace) -> Workspace:
    """alice's workspace with agent bob added to the roster (by alice, the team leader)."""
    workspace.team.add("bob", "agent", "100")
    return workspace


@pytest.fixture
def seed(workspace: Workspace) -> Callable[[], dict[str, Case]]:
    """Log a handful of cases, some with hostile or non-Latin names, some moved on.

    Keys: close, click, bold (at Declare), emoji (at Notify), arabic (10 KB details).
    """

    def make() -> dict[str, Case]:
        log = workspace.cases.log
        cases: dict[str, Case] = {}
        cases["close"] = log(case_fields(HOSTILE_CLOSE, summary=f"Summary {HOSTILE_CLOSE}"))
        cases["click"] = log(
            case_fields(
                HOSTILE_CLICK,
                category="Delivery",
                summary=f"Late {HOSTILE_CLICK}",
                customer={"name": HOSTILE_CLICK, "email": "click@example.com"},
            )
        )
        cases["bold"] = advance_to(
            workspace, log(case_fields(HOSTILE_BOLD, category="Staff conduct")), "declare"
        )
        cases["emoji"] = advance_to(
            workspace,
            log(case_fields(EMOJI_NAME, category="Product quality", summary="Broken 😀 mug")),
            "notify",
        )
        cases["arabic"] = log(
            case_fields(
                ARABIC_NAME,
                category="Delivery",
                summary="الطرد متأخر",
                details=LONG_DETAILS,
                customer={"name": ARABIC_NAME, "phone": "+61 400 999 888"},
            )
        )
        return cases

    return make
