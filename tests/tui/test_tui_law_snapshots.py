"""Screenshots of what the clocks add: a delay notice due on home and the case screen, and
the new-case form's site when the policy names sites."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.support.clock import FixedClock
from tests.support.steps import case_fields
from tests.support.workspaces import LEADER, open_utc_workspace, utc_policy
from tests.tui.test_tui_snapshots import _colour, open_case, shoot
from textual.pilot import Pilot

from cstui.services.clocks import acknowledge, record_delay_notice
from cstui.tui.app import build_app
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.workspace import Workspace

__all__ = ["_colour"]  # snapshots in colour here too

SIZES = [(80, 24), (120, 40)]


def _late_cases(workspace: Workspace, clock: FixedClock) -> str:
    """Two cases five days from their final response, one of them with a delay notice
    sent; the id of the other."""
    late = acknowledge(workspace.cases, workspace.cases.log(case_fields()).id)
    sent = workspace.cases.log(case_fields("Sam Sent"))
    clock.advance(days=25)
    record_delay_notice(workspace.cases, sent.id, "waiting on the supplier")
    return late.id


@pytest.mark.parametrize("size", SIZES)
def test_home_delay_notice_due(
    snap_compare: Any, workspace: Workspace, tui_clock: FixedClock, size: tuple[int, int]
) -> None:
    _late_cases(workspace, tui_clock)
    assert shoot(snap_compare, build_app(workspace), size=size, expect=HomeScreen)


@pytest.mark.parametrize("size", SIZES)
def test_case_delay_notice_due(
    snap_compare: Any, workspace: Workspace, tui_clock: FixedClock, size: tuple[int, int]
) -> None:
    late = _late_cases(workspace, tui_clock)
    app = build_app(workspace)
    assert shoot(snap_compare, app, open_case(late), size=size, expect=CaseScreen)


@pytest.mark.parametrize("size", SIZES)
def test_new_case_with_sites(
    snap_compare: Any, data_dir: Path, tui_clock: FixedClock, size: tuple[int, int]
) -> None:
    policy = utc_policy(data_dir)
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text + '\n[[sites]]\nname = "Melbourne"\nregion = "AU-VIC"\n', "utf-8")
    workspace = open_utc_workspace(data_dir, LEADER, tui_clock)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("n")

    app = build_app(workspace)
    assert shoot(snap_compare, app, steps, size=size, expect=NewCaseScreen)
