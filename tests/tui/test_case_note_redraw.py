"""After a note (ctrl+n) the case's timeline, history and notes are drawn as soon as the
save returns, from the case the save gave back: no reload is needed to see them."""

from __future__ import annotations

from tests.support.steps import case_fields
from tests.support.tui import plain, settle, type_text
from textual.widgets import TabbedContent

from cstui.tui.app import build_app
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.case_view import CaseView, history_text
from cstui.tui.widgets.timeline import timeline_text
from cstui.workspace import Workspace


async def test_the_history_shows_the_note_when_its_save_returns(
    workspace: Workspace,
) -> None:
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        screen.query_one(TabbedContent).active = "tab-history"
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Asked for the receipt")
        await pilot.press("enter")
        await settle(pilot)
        stored = workspace.cases.get(case.id)
        zone = screen.zone
        history = plain(screen.query_one("#history"))
        assert history.startswith("2026-11-23 10:00 alice note: added a note\n")
        assert history == history_text(CaseView(stored, None, None, None), zone).plain
        assert plain(screen.query_one("#timeline")) == timeline_text(stored, zone).plain
        assert "Asked for the receipt" in plain(screen.query_one("#notes"))
        assert "added a note" in app.export_screenshot().replace("&#160;", " ")
