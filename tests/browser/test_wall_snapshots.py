"""The wall board at 120x40 and 80x24: no customer's name, phone or email on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.steps import case_fields
from tests.support.tui import HOSTILE_CLICK, settle
from tests.support.workspaces import LEADER, advance_to, open_utc_workspace
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from cstui.bundle import services_of
from cstui.web.wall import WallApp, WallScreen

CUSTOMERS = ("Priya Wallflower", HOSTILE_CLICK)


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def wall(tmp_path: Path) -> WallApp:
    """A board with three cases, one of them moved on to Declare, one overdue."""
    clock = FixedClock(MONDAY_IN_NOVEMBER)
    ws = open_utc_workspace(tmp_path / "data", LEADER, clock)
    ws.team.add("bob", "agent", "100")
    fields = case_fields("Priya Wallflower", category="Delivery")
    fields["customer"] = {"name": "Priya Wallflower", "phone": "0412 999 888",
                          "email": "priya@example.com"}  # fmt: skip
    ws.cases.log(fields)
    advance_to(ws, ws.cases.log(case_fields(HOSTILE_CLICK, category="Billing")), "declare")
    clock.advance(hours=24 * 9)
    ws.cases.log(case_fields("Third Caller"))
    return WallApp(services_of(ws))


def _shown(app: Any) -> str:
    screen = app.screen
    assert isinstance(screen, WallScreen)
    parts = [str(w.render()) for w in screen.query(Static)]
    table = screen.query_one(DataTable)
    parts += [str(cell) for row in table.rows for cell in table.get_row(row)]
    return "\n".join(parts)


async def test_the_wall_shows_no_customer(wall: WallApp) -> None:
    async with wall.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = _shown(pilot.app)
    assert "C-000001" in shown and "Declare" in shown and "Overdue 2" in shown
    for personal in (*CUSTOMERS, "Wallflower", "0412", "999 888", "example.com", "Third"):
        assert personal not in shown


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_wall_snapshot(snap_compare: Any, wall: WallApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-dark"
        await settle(pilot)
        await pilot.pause()

    assert snap_compare(wall, terminal_size=size, run_before=run_before)
