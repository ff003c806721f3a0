"""Home lists the most urgent case first and filters both lists with ``/``."""

from __future__ import annotations

from tests.support.clock import FixedClock
from tests.support.steps import case_fields
from tests.support.tui import column, plain, settle, type_text
from tests.support.workspaces import advance_to

from cstui.tui.app import build_app
from cstui.tui.screens.home import HomeScreen
from cstui.tui.widgets.case_table import CaseTable
from cstui.workspace import Workspace


def log_three(workspace: Workspace, clock: FixedClock) -> list[str]:
    """A case due soon, then one logged later but already far behind, then a new one."""
    soon = workspace.cases.log(case_fields("Soon Due", category="Billing"))
    clock.advance(days=1)
    # Declared at once: its next promise is to resolve, thirty days on.
    later = advance_to(workspace, workspace.cases.log(case_fields("Later")), "solve")
    clock.advance(days=3)  # "Soon Due" is now two days late; "Later" is not yet due
    fresh = workspace.cases.log(case_fields("Fresh Caller", category="Delivery"))
    return [soon.id, fresh.id, later.id]


async def test_home_puts_the_most_overdue_first(
    workspace: Workspace, tui_clock: FixedClock
) -> None:
    ids = log_three(workspace, tui_clock)
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        for table in ("#mine", "#all"):
            assert column(home.query_one(table, CaseTable), "Case") == ids
        assert column(home.query_one("#all", CaseTable), "Next due")[0].startswith("! ")


async def test_slash_filters_both_lists_and_esc_clears(
    workspace: Workspace, tui_clock: FixedClock
) -> None:
    ids = log_three(workspace, tui_clock)
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        await pilot.press("slash")
        await type_text(pilot, "cat:deliv")
        await settle(pilot)
        await pilot.pause(0.3)  # the filter applies once typing pauses
        assert column(home.query_one("#all", CaseTable), "Case") == [ids[1]]
        assert column(home.query_one("#mine", CaseTable), "Case") == [ids[1]]
        assert "(1 of 3)" in plain(home.query_one("#all-title"))
        await pilot.press("enter")  # to the list, keeping the filter
        assert app.focused is home.query_one("#all", CaseTable)
        await pilot.press("escape")
        await settle(pilot)
        assert column(home.query_one("#all", CaseTable), "Case") == ids
        assert isinstance(app.screen, HomeScreen)
