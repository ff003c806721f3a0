"""The case screen's history shows the calls linked to the case and the calls from its
customer's number, with the case's changes, on one timeline (snapshots 120x40, 80x24)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.steps import case_fields
from tests.support.tui import plain, settle, until
from tests.tui.test_tui_snapshots import open_case, shoot
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from cstui.models.case import Case
from cstui.tui.app import build_app
from cstui.tui.screens.case import CaseScreen
from cstui.workspace import Workspace


def _case_with_calls(workspace: Workspace, tui_clock: Any) -> Case:
    """Jo's case, a call linked to it with its outcome, then a later call not linked yet,
    and a note between them; a call from someone else."""
    jo = {"name": "Jo Citizen", "phone": "0400 123 456"}
    case = workspace.cases.log(case_fields(customer=jo, summary="Charged twice"))
    tui_clock.advance(hours=1)
    first = workspace.contacts.record("0400123456", call_id="41", queue="billing")
    workspace.contacts.link(first.id, case.id)
    workspace.contacts.note(first.id, "[b]Refund[/b] explained")
    tui_clock.advance(hours=1)
    workspace.cases.note(case.id, "Asked for the receipt")
    tui_clock.advance(hours=1)
    workspace.contacts.record("+61400123456", call_id="57", name="Jo")
    workspace.contacts.record("0499 000 111", call_id="58")
    return case


def _on_history(case_id: str) -> Any:
    async def steps(pilot: Pilot[Any]) -> None:
        await open_case(case_id)(pilot)
        pilot.app.screen.query_one(TabbedContent).active = "tab-history"
        await settle(pilot)

    return steps


async def test_the_history_lists_the_cases_calls_with_its_changes(
    workspace: Workspace, tui_clock: Any
) -> None:
    case = _case_with_calls(workspace, tui_clock)
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await _on_history(case.id)(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        await until(pilot, lambda: "call +614" in plain(screen.query_one("#history")))
        lines = plain(screen.query_one("#history")).splitlines()
    assert "call +61400123456 · call 57 · about no case yet" in lines[0]
    assert "note: added a note" in lines[1]
    assert "call +61400123456 · call 41 · queue billing · outcome [b]Refund[/b]" in lines[2]
    assert "logged" in lines[-1] or "received" in lines[-1]
    assert not any("+61499000111" in line for line in lines)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_case_history_with_calls(
    snap_compare: Any, workspace: Workspace, tui_clock: Any, size: tuple[int, int]
) -> None:
    case = _case_with_calls(workspace, tui_clock)
    app = build_app(workspace)
    assert shoot(snap_compare, app, _on_history(case.id), size=size, expect=CaseScreen)
