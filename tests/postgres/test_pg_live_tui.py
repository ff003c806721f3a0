"""The app on a real server: other people's saves appear without a key being pressed, a
lost server is shown on screen, a save made meanwhile is refused keeping what was typed,
and the app finds the server again by itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.live import own_cluster, own_database, server_workspace  # noqa: F401
from tests.support.postgres import Cluster
from tests.support.steps import case_fields
from tests.support.tui import (
    choose,
    focus_field,
    notifications,
    settle,
    shown_within,
    type_text,
    until,
)
from tests.tui.test_tui_snapshots import shoot
from textual.pilot import Pilot

from cstui.tui.app import CstuiApp, build_app
from cstui.tui.live import LOST
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.screens.team import TeamScreen
from cstui.tui.widgets.form import Form
from cstui.tui.widgets.team_table import TeamTable

SHOWN_WITHIN = 1.0
"""Seconds from another person's save to the team view showing it (the target is 0.1)."""


async def test_the_team_view_shows_a_case_another_person_saved_without_a_key(
    cluster: Cluster, database_url: str, tmp_path: Path
) -> None:
    clock = FixedClock(MONDAY_IN_NOVEMBER)
    alice = server_workspace(cluster, database_url, tmp_path / "alice", "alice", clock)
    bob = server_workspace(cluster, database_url, tmp_path / "bob", "bob", clock)
    app = build_app(alice)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen) and bool(app.screen.board))
        await until(pilot, lambda: app.live is not None and app.live.feed.connected)
        table = app.screen.query_one(TeamTable)
        assert table.row_count == 0
        case = bob.cases.log(case_fields("Sam Lee"))
        await shown_within(pilot, lambda: table.current_case_id() == case.id, SHOWN_WITHIN)


async def _log_jo(pilot: Pilot[Any]) -> Form:
    """On home: open a new case and type Jo's complaint, not yet saved; the form."""
    await pilot.press("n")
    await pilot.pause()
    await type_text(pilot, "Jo Citizen")
    await pilot.press("tab")
    await type_text(pilot, "0412 345 678")
    await pilot.press("tab", "tab")
    await type_text(pilot, "Charged twice")
    form = pilot.app.screen.query_one(Form)
    await focus_field(pilot, form, "category")
    await choose(pilot, "bill")
    return form


def _title(app: CstuiApp) -> str:
    return str(app.screen.query_one("TitleBar").render())


async def test_a_lost_server_is_shown_a_save_is_refused_keeping_the_text_then_it_is_back(
    own_cluster: Cluster,  # noqa: F811
    own_database: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    clock = FixedClock(MONDAY_IN_NOVEMBER)
    alice = server_workspace(own_cluster, own_database, tmp_path / "alice", "alice", clock)
    app = build_app(alice)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: app.live is not None and app.live.feed.connected)
        form = await _log_jo(pilot)
        own_cluster.stop()
        await until(pilot, lambda: app.server_note == LOST, rounds=200)
        assert _title(app).startswith(f" {LOST} ")
        assert any("cannot be reached" in n for n in notifications(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert form.field("customer.name").get() == "Jo Citizen"
        assert any(
            "the database server cannot be reached; nothing was saved" in n
            for n in notifications(app)
        )
        own_cluster.start()
        await until(pilot, lambda: app.server_note == "", rounds=400)
        assert LOST not in _title(app)
        assert any("back" in n for n in notifications(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert alice.cases.get(app.screen.case_id).customer.name == "Jo Citizen"


def _server_lost(cluster: Cluster) -> Any:
    async def steps(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, CstuiApp)
        await until(pilot, lambda: app.live is not None and app.live.feed.connected)
        cluster.stop()
        await until(pilot, lambda: app.server_note == LOST, rounds=200)

    return steps


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_home_with_the_server_lost(
    snap_compare: Any,
    own_cluster: Cluster,  # noqa: F811
    own_database: str,  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    clock = FixedClock(MONDAY_IN_NOVEMBER)
    alice = server_workspace(own_cluster, own_database, tmp_path / "alice", "alice", clock)
    alice.cases.log(case_fields())
    assert shoot(snap_compare, build_app(alice), _server_lost(own_cluster), size=size)


async def test_on_a_data_folder_the_files_are_watched_and_no_server_is_named(
    tmp_path: Path,
) -> None:
    from tests.support.workspaces import open_utc_workspace

    app = build_app(open_utc_workspace(tmp_path / "desk", "alice", FixedClock(MONDAY_IN_NOVEMBER)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: app.live is not None)
        assert app.server_note == ""  # there is no server to lose
        assert app.services.changes.live and app.services.changes.connected
