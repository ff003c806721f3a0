"""Every form keeps what is typed as a draft, offers it back, and Ctrl+Q asks before
losing it."""

from __future__ import annotations

import asyncio

from tests.support.steps import case_fields
from tests.support.tui import notifications, settle, type_text
from textual.pilot import Pilot

from cstui.tui.app import build_app
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.workspace import Workspace

FINDINGS = "case/C-000001/investigate"


async def _open_case(pilot: Pilot[None]) -> CaseScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def test_a_step_form_is_kept_within_a_second_of_typing(workspace: Workspace) -> None:
    workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_case(pilot)
        await type_text(pilot, "Duplicate charge")
        await asyncio.sleep(1.0)
        await pilot.pause()
        kept = workspace.drafts.load(FINDINGS)
        assert kept is not None and "Duplicate charge" in kept.values.values()


async def test_ctrl_q_with_typed_text_asks_and_can_keep_it(workspace: Workspace) -> None:
    workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_case(pilot)
        await type_text(pilot, "Found it")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("enter")  # the first choice: keep it as a draft and quit
        await settle(pilot)
    assert app.return_code == 0
    kept = workspace.drafts.load(FINDINGS)
    assert kept is not None and "Found it" in kept.values.values()


async def test_ctrl_q_can_discard_or_stay(workspace: Workspace) -> None:
    workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_case(pilot)
        await type_text(pilot, "Found it")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # cancel: stay
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("down", "enter")  # discard and quit
        await settle(pilot)
    assert workspace.drafts.load(FINDINGS) is None


async def test_ctrl_q_with_nothing_typed_quits_at_once(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running or isinstance(app.screen, HomeScreen)


async def test_home_counts_kept_drafts_and_lists_them(workspace: Workspace) -> None:
    case = workspace.cases.log(case_fields())
    workspace.drafts.save(
        f"case/{case.id}/note", {"prompt-input": "Call back at 3"}, case.created_at
    )
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert any("1 unsaved draft(s)" in t for t in notifications(app))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("ctrl+n")  # the note dialog offers the kept note back
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.query_one("#prompt-input").value == "Call back at 3"  # type: ignore[attr-defined]
        await pilot.press("enter")  # the note is saved: its draft is gone
        await settle(pilot)
    assert workspace.drafts.load(f"case/{case.id}/note") is None


async def test_no_drafts_offers_no_drafts_key(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.check_action("drafts", ()) is False
