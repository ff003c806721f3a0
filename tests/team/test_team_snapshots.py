"""Screenshots of the team view and the trends screen, compared with the accepted ones.

Update after a deliberate change of look with ``pytest tests/team --snapshot-update`` and
review the SVGs. Deterministic: a fixed clock, the policy in UTC, no toasts, the default
theme and colour.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.team import fields
from tests.support.workspaces import AGENT, advance_to
from textual.pilot import Pilot
from textual.widgets import Input

from cstui.tui.app import CstuiApp, build_app
from cstui.tui.screens.team import FILTER_DELAY, TeamScreen
from cstui.tui.screens.trends import TrendsScreen
from cstui.workspace import Workspace

THEME = "textual-dark"


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots are taken in colour, even for a developer who sets NO_COLOR."""
    monkeypatch.delenv("NO_COLOR", raising=False)


def seed(ws: Workspace, as_user: Any, clock: Any) -> None:
    """A small floor: overdue, waiting, awaiting approval, hostile and wide names."""
    late = ws.cases.log(fields("[/]", category="Delivery", summary="Parcel [@click=app.quit]x"))
    clock.advance(days=1, hours=9)  # Tuesday 19:00: late's acknowledge target has passed
    bob = as_user(AGENT)
    waiting = bob.cases.log(fields("😀 Zoë", category="Product quality"))
    bob.cases.wait(waiting.id)
    refund = ws.cases.log(fields("محمد", category="Refund or exchange"))
    bob.refunds.check(
        {
            "purchased": "2026-11-01",
            "price": "450",
            "paid_by": "card",
            "proof": "receipt",
            "reason": "major-failure",
            "failure_kind": "unsafe",
        },
        case_id=refund.id,
    )
    advance_to(ws, ws.cases.log(fields("A very long customer name indeed")), "solve")
    advance_to(ws, ws.cases.log(fields("Closed one", directed_at="Call centre")), "closed")
    assert late.id == "C-000001"


def shoot(snap_compare: Any, app: CstuiApp, keys: tuple[str, ...], expect: type) -> bool:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = THEME
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
        await pilot.pause(FILTER_DELAY + 0.1)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, expect), pilot.app.screen
        pilot.app.clear_notifications()
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    compared: bool = snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    return compared


def test_team_view_80x24(snap_compare: Any, leader_ws: Workspace, as_user, team_clock) -> None:
    seed(leader_ws, as_user, team_clock)
    assert shoot(snap_compare, build_app(leader_ws), ("v",), TeamScreen)


def test_team_view_agent_filtered(
    snap_compare: Any, leader_ws: Workspace, as_user, team_clock
) -> None:
    seed(leader_ws, as_user, team_clock)
    app = build_app(as_user(AGENT))
    keys = ("v", "slash", "c", "a", "t", "colon", "p", "r", "o")
    assert shoot(snap_compare, app, keys, TeamScreen)


def test_trends_80x24(snap_compare: Any, leader_ws: Workspace, as_user, team_clock) -> None:
    seed(leader_ws, as_user, team_clock)
    assert shoot(snap_compare, build_app(leader_ws), ("v", "T"), TrendsScreen)
