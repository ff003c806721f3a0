"""Snapshots of a popped caller: the call on top of a half-typed form, with an earlier
call kept and a second caller waiting underneath (120x40 and 80x24)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.tui import settle, type_text
from tests.tui.test_tui_snapshots import _jo_calls_again, shoot
from textual.pilot import Pilot

from cstui.pop_channel import Pop
from cstui.tui.app import CstuiApp, build_app
from cstui.tui.screens.caller import CallerScreen
from cstui.workspace import Workspace


async def _pop_two_calls_over_a_form(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, CstuiApp)
    await pilot.press("n")
    await settle(pilot)
    await type_text(pilot, "Sam")
    await app.pop_caller(Pop("+61499000111", "T-000002", call_id="41", queue="sales"))
    await app.pop_caller(Pop("+61400123456", "T-000003", "Jo", "42", "billing"))
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_popped_caller(snap_compare: Any, workspace: Workspace, size: tuple[int, int]) -> None:
    _jo_calls_again(workspace)
    earlier = workspace.contacts.record("0400 123 456", call_id="17", queue="billing")
    workspace.contacts.note(earlier.id, "Refund explained")
    app = build_app(workspace)
    assert shoot(snap_compare, app, _pop_two_calls_over_a_form, size=size, expect=CallerScreen)
