"""Screenshots of the tips screen, the guidance panel and the message dialog."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from tests.support.guidance import advance_to
from tests.support.steps import case_fields
from tests.support.tui import cstui, settle, type_text
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.template import TemplateDialog
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.tips import TipsScreen
from cstui.workspace import Workspace

Steps = Callable[[Pilot[Any]], Awaitable[None]]
THEME = "textual-dark"


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots are taken in colour, even for a developer who sets NO_COLOR."""
    monkeypatch.delenv("NO_COLOR", raising=False)


def shoot(
    snap_compare: Any,
    app: CstuiApp,
    steps: Steps,
    expect: type,
    size: tuple[int, int] = (80, 24),
) -> bool:
    """Run ``steps``, settle, clear toasts and blinking cursors, compare a screenshot."""

    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = THEME
        await settle(pilot)
        await steps(pilot)
        await settle(pilot)
        assert isinstance(pilot.app.screen, expect), pilot.app.screen
        pilot.app.clear_notifications()
        for screen in pilot.app.screen_stack:
            for widget in screen.query("Input, TextArea"):
                assert isinstance(widget, Input | TextArea)
                widget.cursor_blink = False
        await pilot.pause()

    compared: bool = snap_compare(app, terminal_size=size, run_before=run_before)
    return compared


def open_case(case_id: str, *keys: str) -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        cstui(pilot).push_screen(cstui(pilot).screens.case(case_id))
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return steps


def test_tips_search_listen(snap_compare: Any, gws: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("t")
        await pilot.pause()
        await type_text(pilot, "listen")

    assert shoot(snap_compare, build_app(gws), steps, TipsScreen)


def test_tips_all_120x40(snap_compare: Any, gws: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("t")

    assert shoot(snap_compare, build_app(gws), steps, TipsScreen, size=(120, 40))


def test_case_guidance_panel_120x40(snap_compare: Any, gws: Workspace) -> None:
    case = advance_to(gws, gws.cases.log(case_fields()), "notify")
    assert shoot(snap_compare, build_app(gws), open_case(case.id), CaseScreen, size=(120, 40))


def test_case_guidance_panel_toggled_80x24(snap_compare: Any, gws: Workspace) -> None:
    case = gws.cases.log(case_fields())
    assert shoot(snap_compare, build_app(gws), open_case(case.id, "f2"), CaseScreen)


def test_template_dialog(snap_compare: Any, gws: Workspace) -> None:
    case = gws.cases.log(case_fields("[b]Jo[/b] Citizen"))
    assert shoot(snap_compare, build_app(gws), open_case(case.id, "f3"), TemplateDialog)


def test_template_dialog_missing_fields(snap_compare: Any, gws: Workspace) -> None:
    case = advance_to(gws, gws.cases.log(case_fields()), "follow-up")
    steps = open_case(case.id, "f3", "down")
    assert shoot(snap_compare, build_app(gws), steps, TemplateDialog, size=(100, 30))
