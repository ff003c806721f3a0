"""The title line and the footer of keys: what they show at each width, and clicks."""

from __future__ import annotations

from tests.support.tui import settle
from textual.widgets import Input

from cstui.tui.app import build_app
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.widgets.keys_footer import KeysFooter
from cstui.tui.widgets.title_bar import TitleBar
from cstui.workspace import Workspace


def _line(widget: TitleBar | KeysFooter) -> str:
    """The line as drawn on the screen."""
    return widget.render_line(0).text


async def test_the_title_line_names_the_app_and_the_person_when_it_fits(
    workspace: Workspace,
) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert _line(app.screen.query_one(TitleBar)).strip() == (
            "cstui — You are alice — team leader"
        )


async def test_a_narrow_title_line_keeps_the_person_and_drops_the_app_name(
    workspace: Workspace,
) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.sub_title = "You are alice — team leader, " + "x" * 80
        await pilot.pause()
        shown = _line(app.screen.query_one(TitleBar))
        assert shown.startswith("You are alice — team leader")
        assert shown.endswith("…") and len(shown) == 80


async def test_the_footer_keeps_quit_and_help_and_drops_lesser_keys_first(
    workspace: Workspace,
) -> None:
    wide, narrow = build_app(workspace), build_app(workspace)
    async with wide.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        every = _line(wide.screen.query_one(KeysFooter))
    async with narrow.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        footer = narrow.screen.query_one(KeysFooter)
        labels = [entry.label for entry in footer.shown()]
        assert {"Quit", "Keys", "New case", "Caller"} <= set(labels)
        assert "Refresh" in every and "Refresh" not in labels
        assert _line(footer).rstrip().endswith("palette")


async def test_the_footer_changes_with_the_screen_and_a_click_presses_the_key(
    workspace: Workspace,
) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        await pilot.click(KeysFooter, offset=(_line(footer).index("New case"), 0))
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert "Save" in _line(app.screen.query_one(KeysFooter))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_footer_shows_a_key_only_when_the_screen_offers_it(
    workspace: Workspace,
) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "Roster" in _line(home.query_one(KeysFooter))
        home.leads_team = False
        home.refresh_bindings()
        await pilot.pause()
        assert "Roster" not in _line(home.query_one(KeysFooter))
        assert not home.query_one("#home-filter", Input).display
