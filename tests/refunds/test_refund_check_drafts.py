"""The refund check keeps its answers and its typed box as a draft: offered back when the
check is opened again for the same case, dropped once the check is kept or cancelled."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.support.refunds import case_at_solve
from tests.support.tui import settle, type_text
from tests.support.workspaces import AGENT
from textual.pilot import Pilot
from textual.widgets import Input

from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.drafting import KEEP_EVERY
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.refund_check import RefundCheckScreen
from cstui.workspace import Workspace

ON_CASE = "case/C-000001/refund-check"
ON_ITS_OWN = "refund-check"
KEPT_ANSWERS = [["supply", "goods"], ["reason", "minor-failure"], ["purchased", "2026-02-01"]]


def checklist(app: CstuiApp) -> RefundCheckScreen:
    screen = app.screen
    assert isinstance(screen, RefundCheckScreen), screen
    return screen


async def open_check_on(pilot: Pilot[Any], case_id: str) -> None:
    """The case screen, then f4 (the case is at Solve)."""
    app = pilot.app
    app.push_screen(cstui_app(pilot).screens.case(case_id))
    await settle(pilot)
    assert isinstance(app.screen, CaseScreen)
    await pilot.press("f4")
    await settle(pilot)


def cstui_app(pilot: Pilot[Any]) -> CstuiApp:
    app = pilot.app
    assert isinstance(app, CstuiApp)
    return app


async def answer_three_then_type_the_price(pilot: Pilot[Any]) -> None:
    """Goods, a minor failure, bought 1 Feb; "349.5" typed as the price, Enter not yet."""
    await pilot.press("1", "2")
    await pilot.pause()
    await type_text(pilot, "2026-02-01")
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, "349.5")
    await asyncio.sleep(KEEP_EVERY + 0.3)  # the draft is kept within a second
    await settle(pilot)


async def test_the_check_on_a_case_is_kept_and_offered_back(
    bob: Workspace, open_ws: Callable[[str], Workspace]
) -> None:
    case_id = case_at_solve(bob)
    app = build_app(bob)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_check_on(pilot, case_id)
        await answer_three_then_type_the_price(pilot)
        kept = bob.drafts.load(ON_CASE)
        assert kept is not None, bob.drafts.names()
        assert kept.values == {"law": "au", "answers": KEPT_ANSWERS, "typed": "349.5"}

    again = build_app(open_ws(AGENT))  # the next start
    async with again.run_test(size=(100, 40)) as pilot:
        await open_check_on(pilot, case_id)
        assert isinstance(again.screen, ConfirmDialog), again.screen
        await pilot.press("y")
        await settle(pilot)
        screen = checklist(again)
        assert screen.order == ["supply", "reason", "purchased"]
        assert screen.answers["purchased"].isoformat() == "2026-02-01"
        assert screen.question is not None and screen.question.key == "price"
        box = screen.query_one("#refund-input", Input)
        assert box.value == "349.5"
        assert again.focused is box
        await pilot.press("enter", "2", "1", "n", "n", "enter", "n", "n", "n", "n")
        await settle(pilot)
        assert screen.question is None
        await pilot.press("ctrl+s")  # kept as a refund record: the draft goes
        await settle(pilot)
        assert isinstance(again.screen, CaseScreen)
    [record] = bob.refunds.for_case(case_id)
    assert str(record.inputs.price) == "349.50"
    assert bob.drafts.load(ON_CASE) is None


async def test_cancelling_the_check_drops_its_draft(bob: Workspace) -> None:
    case_id = case_at_solve(bob)
    app = build_app(bob)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_check_on(pilot, case_id)
        await answer_three_then_type_the_price(pilot)
        assert bob.drafts.load(ON_CASE) is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")  # leave it: not recorded
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("f4")  # opened again: nothing is offered
        await settle(pilot)
        assert isinstance(app.screen, RefundCheckScreen)
    assert bob.drafts.load(ON_CASE) is None


async def test_a_check_on_its_own_is_not_offered_on_a_case(bob: Workspace) -> None:
    case_id = case_at_solve(bob)
    app = build_app(bob)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("c")
        await settle(pilot)
        await answer_three_then_type_the_price(pilot)
        kept = bob.drafts.load(ON_ITS_OWN)
        assert kept is not None and kept.values["typed"] == "349.5"
        app.pop_screen()
        await settle(pilot)
        await open_check_on(pilot, case_id)
        screen = checklist(app)  # no question: the case's check starts afresh
        assert screen.answers == {}
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")  # the check on its own offers its draft back
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert checklist(app).typed_text == "349.5"
