"""Terminals sharing a folder: another terminal's save appears on the team view and home
without a key and well before the screens' own timers, and the folder's watch stops."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from tests.support.steps import case_fields
from tests.support.tui import settle, shown_within, until

from cstui.store.file.change_feed import FolderChangeFeed
from cstui.tui.app import build_app
from cstui.tui.screens.team import REFRESH_SECONDS, TeamScreen
from cstui.tui.widgets.team_table import TeamTable
from cstui.workspace import Workspace

SHOWN_WITHIN = 0.6
"""Seconds from another terminal's save to the team view showing it: well under the
screen's own timer (1 s): by the timer alone six saves in a row are shown so soon only
once in twenty runs; the folder's watch shows each within a few tenths."""


def _shows(table: TeamTable, case_id: str) -> bool:
    return case_id in {str(key.value) for key in table.rows}


async def test_the_team_view_shows_another_terminals_save_without_a_key(
    workspace: Workspace, other_terminal: Callable[[str], Workspace]
) -> None:
    assert SHOWN_WITHIN < REFRESH_SECONDS
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen) and app.live is not None)
        table = app.screen.query_one(TeamTable)
        other = other_terminal(workspace.settings.user)
        for name in ("Sam Lee", "Kim Ng", "Ali Khan", "Jo Park", "Lu Chen", "Ana Ruiz"):
            await pilot.pause(0.37)  # each save lands somewhere between the screen's ticks
            case = other.cases.log(case_fields(name))
            shown = {str(key.value) for key in table.rows}
            assert case.id not in shown
            await shown_within(pilot, partial(_shows, table, case.id), SHOWN_WITHIN)


def test_the_watch_tells_of_each_change_and_stops(tmp_path: Path) -> None:
    watched = tmp_path / "cases.json"
    watched.write_bytes(b"{}")
    told = threading.Semaphore(0)
    feed = FolderChangeFeed([watched, tmp_path / "cases.journal"], every=0.02)
    feed.start(told.release, lambda reached: None)
    assert not told.acquire(timeout=0.2)  # nothing changed: nothing told
    (tmp_path / "cases.journal").write_bytes(b"x\n")
    assert told.acquire(timeout=2)
    feed.stop()
    time.sleep(0.1)
    watched.write_bytes(b'{"cases": {}}')
    assert not told.acquire(timeout=0.3)
