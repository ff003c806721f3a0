"""An interrupted session keeps what was typed and offers it back at the next start."""

from __future__ import annotations

from tests.support.tui import notifications, settle, type_text

from cstui.store.file.admin import FileStoreAdmin
from cstui.tui.app import build_app
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace


async def _type_a_complaint_and_hang_up(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Hana [/] Kim")
        await pilot.press("tab")
        await type_text(pilot, "0411 000 111")
        app.keep_drafts_and_exit()  # what SIGHUP / SIGTERM run
        await pilot.pause()


async def test_typing_is_offered_back_after_the_terminal_closed(workspace: Workspace) -> None:
    await _type_a_complaint_and_hang_up(workspace)
    assert workspace.cases.repo.open_cases() == []  # nothing was logged

    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Hana [/] Kim" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        form = app.screen.query_one(Form)
        assert form.field("customer.name").get() == "Hana [/] Kim"
        assert form.field("customer.phone").get() == "0411 000 111"


async def test_declining_the_draft_keeps_it_for_later(workspace: Workspace) -> None:
    """``n`` is also home's New case key: pressed from habit, it must not lose the text."""
    await _type_a_complaint_and_hang_up(workspace)
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.drafts_kept == ["new-case"]
    assert workspace.drafts.load("new-case") is not None


async def test_a_saved_case_leaves_no_draft(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Jo Citizen")
        screen = app.screen
        assert isinstance(screen, NewCaseScreen)
        screen.keep_draft()
        assert workspace.drafts.load("new-case") is not None
        form = screen.query_one(Form)
        form.fill(
            {"customer.phone": "0400 123 456", "summary": "Late parcel", "category": "Delivery"}
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert len(workspace.cases.repo.open_cases()) == 1
    assert workspace.drafts.load("new-case") is None


async def test_waiting_for_another_terminal_is_shown(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        admin = workspace.stores.admin
        assert isinstance(admin, FileStoreAdmin) and admin.backend.on_wait is not None
        admin.backend.on_wait("bob (process 42, since 10:00:00)")
        await pilot.pause()
        assert any("Waiting for bob (process 42" in t for t in notifications(app))
