"""Screenshots of every screen and dialog, compared with the accepted ones in __snapshots__.

Update after a deliberate change of look with ``pytest tests/tui --snapshot-update`` and
review the SVGs (``snapshot_report.html`` shows the differences when a test fails).
Everything on screen is deterministic: a fixed clock, the policy in UTC, no toasts left
over, text cursors that do not blink, the default theme and colour whatever NO_COLOR or
TEXTUAL_THEME say.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from tests.support.steps import case_fields
from tests.support.tui import cstui, settle, type_text
from tests.support.workspaces import advance_to
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from cstui.models.case import Case
from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.screens.caller import CallerScreen
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.help import HelpScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.screens.roster import RosterScreen
from cstui.workspace import Workspace

Steps = Callable[[Pilot[Any]], Awaitable[None]]
Seed = Callable[[], dict[str, Case]]


THEME = "textual-dark"


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots are taken in colour, even for a developer who sets NO_COLOR."""
    monkeypatch.delenv("NO_COLOR", raising=False)


def steady(app: App[Any]) -> None:
    """No blinking cursors and no toasts: the screenshot is the same on every run."""
    app.clear_notifications()
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False
            # Turning blinking off does not redraw a cursor caught in its "off" half.
            widget._cursor_visible = widget.has_focus
            widget.refresh()


def shoot(
    snap_compare: Any,
    app: CstuiApp,
    steps: Steps | None = None,
    size: tuple[int, int] = (80, 24),
    expect: type | None = None,
) -> bool:
    """Run ``steps`` with a pilot, settle, then compare a screenshot."""

    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = THEME
        await settle(pilot)
        if steps is not None:
            await steps(pilot)
        await settle(pilot)
        if expect is not None:
            assert isinstance(pilot.app.screen, expect), pilot.app.screen
        steady(pilot.app)
        await pilot.pause()

    compared: bool = snap_compare(app, terminal_size=size, run_before=run_before)
    return compared


def open_case(case_id: str) -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        cstui(pilot).push_screen(cstui(pilot).screens.case(case_id))
        await settle(pilot)

    return steps


# -- home -------------------------------------------------------------------------------


def test_home_80x24(snap_compare: Any, workspace: Workspace, seed: Seed) -> None:
    seed()
    assert shoot(snap_compare, build_app(workspace), expect=HomeScreen)


def test_home_120x40(snap_compare: Any, with_bob: Workspace, seed: Seed) -> None:
    cases = seed()
    with_bob.cases.assign(cases["emoji"].id, "bob")
    with_bob.cases.wait(cases["close"].id)
    assert shoot(snap_compare, build_app(with_bob), size=(120, 40), expect=HomeScreen)


def test_home_overdue(snap_compare: Any, workspace: Workspace, seed: Seed, tui_clock: Any) -> None:
    seed()
    tui_clock.advance(days=2)
    assert shoot(snap_compare, build_app(workspace), expect=HomeScreen)


def test_home_empty(snap_compare: Any, workspace: Workspace) -> None:
    assert shoot(snap_compare, build_app(workspace), expect=HomeScreen)


# -- new case ---------------------------------------------------------------------------


def test_new_case_empty(snap_compare: Any, workspace: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("n")

    assert shoot(snap_compare, build_app(workspace), steps, expect=NewCaseScreen)


def test_new_case_errors(snap_compare: Any, workspace: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Jo Citizen")
        await pilot.press("tab")
        await type_text(pilot, "12ab")
        await pilot.press("ctrl+s")

    assert shoot(snap_compare, build_app(workspace), steps, expect=NewCaseScreen)


def _jo_calls_again(workspace: Workspace) -> None:
    """Jo's closed case, an open one, and one whose summary looks like markup."""
    jo = {"name": "Jo", "phone": "0400 123 456"}
    advance_to(workspace, workspace.cases.log(case_fields("Jo", customer=jo)), "closed")
    workspace.cases.log(case_fields("Jo", customer=jo, summary="Charged twice"))
    workspace.cases.log(
        case_fields(
            "Jo",
            customer={**jo, "phone": "0400123456", "email": "jo@example.com"},
            summary="[bold]Late again[/bold]",
        )
    )


def test_caller_120x40(snap_compare: Any, workspace: Workspace) -> None:
    _jo_calls_again(workspace)
    app = build_app(workspace, caller="0400 123 456")
    assert shoot(snap_compare, app, size=(120, 40), expect=CallerScreen)


def test_caller_80x24(snap_compare: Any, workspace: Workspace) -> None:
    _jo_calls_again(workspace)
    app = build_app(workspace, caller="+61 400 123 456")
    assert shoot(snap_compare, app, size=(80, 24), expect=CallerScreen)


def test_caller_unknown_80x24(snap_compare: Any, workspace: Workspace) -> None:
    app = build_app(workspace, caller="0411 999 888")
    assert shoot(snap_compare, app, size=(80, 24), expect=CallerScreen)


def test_new_case_for_caller_120x40(snap_compare: Any, workspace: Workspace) -> None:
    _jo_calls_again(workspace)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("n")
        await settle(pilot)

    app = build_app(workspace, caller="0400 123 456")
    assert shoot(snap_compare, app, steps, size=(120, 40), expect=NewCaseScreen)


# -- case -------------------------------------------------------------------------------


def test_case_investigate(snap_compare: Any, workspace: Workspace, seed: Seed) -> None:
    cases = seed()
    app = build_app(workspace)
    assert shoot(snap_compare, app, open_case(cases["click"].id), expect=CaseScreen)


def test_case_follow_up(snap_compare: Any, workspace: Workspace) -> None:
    case = advance_to(workspace, workspace.cases.log(case_fields()), "follow-up")
    app = build_app(workspace)
    assert shoot(snap_compare, app, open_case(case.id), expect=CaseScreen)


def test_case_closed(snap_compare: Any, workspace: Workspace) -> None:
    case = advance_to(workspace, workspace.cases.log(case_fields()), "closed")
    app = build_app(workspace)
    assert shoot(snap_compare, app, open_case(case.id), expect=CaseScreen)


def test_case_declare_120x40(snap_compare: Any, workspace: Workspace, seed: Seed) -> None:
    cases = seed()
    workspace.cases.note(cases["bold"].id, "Called back [@click=app.quit]x[/]")
    app = build_app(workspace)
    assert shoot(snap_compare, app, open_case(cases["bold"].id), size=(120, 40), expect=CaseScreen)


# -- dialogs ----------------------------------------------------------------------------


def test_help(snap_compare: Any, workspace: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("question_mark")

    assert shoot(snap_compare, build_app(workspace), steps, expect=HelpScreen)


def test_help_on_case(snap_compare: Any, workspace: Workspace) -> None:
    case = workspace.cases.log(case_fields())

    async def steps(pilot: Pilot[Any]) -> None:
        await open_case(case.id)(pilot)
        await pilot.press("f1")

    assert shoot(snap_compare, build_app(workspace), steps, expect=HelpScreen)


def test_confirm_dialog(snap_compare: Any, workspace: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Jo")
        await pilot.press("escape")

    assert shoot(snap_compare, build_app(workspace), steps, expect=ConfirmDialog)


def test_prompt_dialog(snap_compare: Any, workspace: Workspace) -> None:
    case = workspace.cases.log(case_fields())

    async def steps(pilot: Pilot[Any]) -> None:
        await open_case(case.id)(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Asked for")

    assert shoot(snap_compare, build_app(workspace), steps, expect=PromptDialog)


def test_find_caller_dialog(snap_compare: Any, workspace: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")  # blank: the dialog says so

    assert shoot(snap_compare, build_app(workspace), steps, expect=PromptDialog)


def test_choose_dialog(snap_compare: Any, with_bob: Workspace) -> None:
    case = with_bob.cases.log(case_fields())

    async def steps(pilot: Pilot[Any]) -> None:
        await open_case(case.id)(pilot)
        await pilot.press("ctrl+g")

    assert shoot(snap_compare, build_app(with_bob), steps, expect=ChooseDialog)


# -- roster -----------------------------------------------------------------------------


def open_roster() -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("o")
        await settle(pilot)

    return steps


def test_roster_80x24(snap_compare: Any, with_bob: Workspace) -> None:
    assert shoot(snap_compare, build_app(with_bob), open_roster(), expect=RosterScreen)


def test_roster_120x40(snap_compare: Any, with_bob: Workspace) -> None:
    app = build_app(with_bob)
    assert shoot(snap_compare, app, open_roster(), size=(120, 40), expect=RosterScreen)
