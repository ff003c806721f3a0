"""First run says who you are; a team leader keeps the roster from home."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.support.clock import FixedClock
from tests.support.tui import column, notifications, settle, type_text
from tests.support.workspaces import LEADER
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from cstui.config import Settings
from cstui.models.roles import Role
from cstui.tui.app import build_app
from cstui.tui.keys import screen_keys
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.roster import RosterScreen
from cstui.workspace import Workspace, open_workspace


async def answer(pilot: Pilot[Any], text: str) -> None:
    """Replace what the open prompt holds with ``text`` and press Enter."""
    await pilot.pause()
    prompt = pilot.app.screen.query_one(Input)
    prompt.value = ""
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_first_run_says_you_lead_the_team(tmp_path: Path, tui_clock: FixedClock) -> None:
    first = open_workspace(Settings(tmp_path / "new-folder", LEADER), clock=tui_clock)
    app = build_app(first)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.sub_title == "You are alice — team leader (first person in this folder)"


async def test_a_leader_opening_an_existing_folder_is_told_the_role(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.sub_title == "You are alice — team leader"


async def test_an_agent_is_told_their_role_and_not_offered_the_roster(
    with_bob: Workspace, other_terminal: Callable[[str], Workspace]
) -> None:
    app = build_app(other_terminal("bob"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert home.sub_title == "You are bob — agent"
        assert "roster" not in [b.action for b in screen_keys(home)]
        await pilot.press("o")
        await settle(pilot)
        assert app.screen is home


async def test_leader_adds_an_agent_with_a_limit(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, RosterScreen)
        await pilot.press("a")
        await answer(pilot, "carol")
        await answer(pilot, "150")
        table = app.screen.query_one(DataTable)
        assert column(table, "Name") == ["alice", "carol"]
        assert column(table, "Refund limit")[1] == "150.00"
    carol = workspace.team.roster().get("carol")
    assert carol is not None
    assert (carol.role, carol.refund_limit) == (Role.AGENT, Decimal("150.00"))


async def test_leader_changes_a_limit_and_bad_amounts_are_refused(with_bob: Workspace) -> None:
    app = build_app(with_bob)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("down", "l")
        await answer(pilot, "12.345")
        assert any("limit" in n and "two decimal places" in n for n in notifications(app))
        assert with_bob.team.roster().get("bob").refund_limit == Decimal("100")  # type: ignore[union-attr]
        await pilot.press("l")
        await answer(pilot, "250")
        assert isinstance(app.screen, RosterScreen)
    bob = with_bob.team.roster().get("bob")
    assert bob is not None
    assert (bob.role, bob.refund_limit) == (Role.AGENT, Decimal("250.00"))
