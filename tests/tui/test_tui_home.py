"""The home screen, hostile text, due dates, help and the command palette."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.support.clock import FixedClock
from tests.support.steps import case_fields
from tests.support.tui import (
    ARABIC_NAME,
    EMOJI_NAME,
    HOSTILE_BOLD,
    HOSTILE_CLICK,
    HOSTILE_CLOSE,
    LONG_DETAILS,
    column,
    plain,
    settle,
    type_text,
)
from textual.command import CommandPalette

from cstui.models.brief import CaseBrief
from cstui.models.case import Case
from cstui.tui.app import build_app
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.help import HelpScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.widgets.case_table import CaseTable
from cstui.workspace import Workspace


async def test_home_lists_my_cases_and_all_cases(
    with_bob: Workspace, other_terminal: Callable[[str], Workspace]
) -> None:
    mine = with_bob.cases.log(case_fields("Mine"))
    theirs = other_terminal("bob").cases.log(case_fields("Theirs"))
    closed = with_bob.cases.log(case_fields("Done"))
    for fields in (
        {"findings": "f"},
        {"promise": "p", "by": "2026-12-01"},
        {"action": "a", "policy_clause": "c"},
        {"method": "email", "said": "s"},
        {"satisfied": True},
    ):
        with_bob.cases.advance(closed.id, fields)

    app = build_app(with_bob)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert column(home.query_one("#mine", CaseTable), "Case") == [mine.id]
        assert column(home.query_one("#all", CaseTable), "Case") == [mine.id, theirs.id]
        assert column(home.query_one("#all", CaseTable), "Owner") == ["alice", "bob"]
        assert "My open cases (1)" in plain(home.query_one("#mine-title"))
        assert "All open cases (2)" in plain(home.query_one("#all-title"))
        assert app.sub_title == "alice"

        # A case logged in another terminal shows after r (refresh).
        later = other_terminal("bob").cases.log(case_fields("Later"))
        await pilot.press("r")
        await settle(pilot)  # the read runs in a worker
        assert column(home.query_one("#all", CaseTable), "Case")[-1] == later.id

        # tab to the lower table; Enter opens the case under its cursor.
        await pilot.press("tab", "down")
        await pilot.pause()
        assert app.focused is home.query_one("#all", CaseTable)
        await pilot.press("enter")
        await settle(pilot)
        opened = app.screen
        assert isinstance(opened, CaseScreen)
        assert opened.case_id == theirs.id
        # One Enter, one screen: Esc is straight back home.
        assert [type(s) for s in app.screen_stack[-2:]] == [HomeScreen, CaseScreen]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


async def test_hostile_text_is_shown_literally(
    workspace: Workspace, seed: Callable[[], dict[str, Case]]
) -> None:
    cases = seed()
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        names = column(home.query_one("#all", CaseTable), "Customer")
        # Most urgent first: the emoji case, at Notify, is due last.
        assert names == [HOSTILE_CLOSE, HOSTILE_CLICK, HOSTILE_BOLD, ARABIC_NAME, EMOJI_NAME]

        # Open the [@click=app.quit] case: Enter on its row.
        await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert screen.case_id == cases["click"].id
        summary = plain(screen.query_one("#case-summary"))
        assert HOSTILE_CLICK in summary
        assert f"Late {HOSTILE_CLICK}" in summary
        assert HOSTILE_CLICK in plain(screen.query_one("#details"))

        # Clicking the name must not run the embedded action.
        await pilot.click("#case-summary", offset=(12, 0))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("escape")
        await pilot.pause()

        for key, expected in (
            ("close", HOSTILE_CLOSE),
            ("bold", HOSTILE_BOLD),
            ("emoji", EMOJI_NAME),
            ("arabic", ARABIC_NAME),
        ):
            app.push_screen(app.screens.case(cases[key].id))
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CaseScreen)
            assert expected in plain(screen.query_one("#case-summary")), key
            assert expected in plain(screen.query_one("#details")), key
            app.pop_screen()
            await pilot.pause()

        assert app.is_running
        assert app.return_code is None


async def test_long_details_show_in_full(
    workspace: Workspace, seed: Callable[[], dict[str, Case]]
) -> None:
    cases = seed()
    app = build_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(app.screens.case(cases["arabic"].id))
        await settle(pilot)
        details = plain(app.screen.query_one("#details"))
        assert LONG_DETAILS.strip() in " ".join(details.split())


async def test_overdue_case_is_marked(workspace: Workspace, tui_clock: FixedClock) -> None:
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert column(home.query_one("#mine", CaseTable), "Next due") == ["24 Nov 17:00"]
        assert "overdue" not in plain(home.query_one("#all-title"))

        # Past the acknowledge target (Tuesday 17:00): Wednesday 09:00.
        tui_clock.advance(days=1, hours=23)
        await pilot.press("r")
        await settle(pilot)  # the read runs in a worker
        assert column(home.query_one("#mine", CaseTable), "Next due") == [
            "! 24 Nov 17:00, 16h 0m late"
        ]
        assert "! 1 overdue" in plain(home.query_one("#all-title"))

        app.push_screen(app.screens.case(case.id))
        await settle(pilot)
        assert "acknowledge by ! 24 Nov 17:00" in plain(app.screen.query_one("#case-summary"))


async def test_help_lists_the_keys_of_the_screen(workspace: Workspace) -> None:
    workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one(".help Static"))
        for key, what in (("n", "New case"), ("f", "Find caller"), ("r", "Refresh")):
            assert f"  {key:<16}{what}" in text
        assert "ctrl+q" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        # On the case screen, f1 lists the case keys.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one(".help Static"))
        for key, what in (
            ("ctrl+s", "Save"),
            ("f5", "Complete"),
            ("ctrl+n", "Note"),
            ("ctrl+t", "Wait"),
            ("ctrl+o", "Reopen"),
            ("ctrl+g", "Assign"),
            ("ctrl+r", "Reload"),
            ("Esc", "Back"),
        ):
            assert f"  {key:<16}{what}" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


async def test_help_on_the_new_case_form_then_back_to_typing(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one(".help Static"))
        assert "Save case" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)


async def test_palette_offers_new_case(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "new case")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)


async def test_home_does_not_reread_under_a_dialog(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.cases.log(case_fields("First"))
    app = build_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = app.screen
        assert isinstance(shown, HelpScreen)

        reads: list[object] = []
        read_all = workspace.briefs.all

        def counted_read_all() -> list[CaseBrief]:
            reads.append(())
            return read_all()

        monkeypatch.setattr(workspace.briefs, "all", counted_read_all)
        later = workspace.cases.log(case_fields("Later"))
        home.refresh_cases()  # what the timer does every 2 seconds
        assert reads == []

        # Back on top, it reads at once and shows what was logged meanwhile.
        await pilot.press("escape")
        await settle(pilot)  # the read runs in a worker
        assert app.screen is home
        assert reads
        assert column(home.query_one("#all", CaseTable), "Case")[-1] == later.id


async def test_a_delay_notice_due_is_marked_in_next_due(
    workspace: Workspace, tui_clock: FixedClock
) -> None:
    from cstui.services.clocks import acknowledge, record_delay_notice

    late = acknowledge(workspace.cases, workspace.cases.log(case_fields()).id)
    sent = workspace.cases.log(case_fields("Sam Sent"))
    tui_clock.advance(days=25)  # the final response is due in five days
    record_delay_notice(workspace.cases, sent.id, "waiting on the supplier")
    app = build_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#mine", CaseTable)
        due = dict(zip(table.case_ids, column(table, "Next due"), strict=True))
        assert due[late.id] == "23 Dec 10:00 ✉"
        assert not due[sent.id].endswith("✉")
        app.push_screen(app.screens.case(late.id))
        await settle(pilot)
        assert "delay notice due" in plain(app.screen.query_one("#case-summary"))
