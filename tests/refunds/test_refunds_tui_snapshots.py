"""Screenshots of the refund checklist, the approvals queue and the record form.

Deterministic: a fixed clock, the policy in UTC, no toasts, no blinking cursors, the
default theme. Update after a deliberate change of look with
``pytest tests/refunds --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.refund_record import RefundRecordDialog
from cstui.tui.screens.approvals import ApprovalsScreen
from cstui.tui.screens.refund_check import RefundCheckScreen
from cstui.workspace import Workspace

Steps = Callable[[Pilot[Any]], Awaitable[None]]
FAULTY: dict[str, Any] = {
    "purchased": "2026-02-20",
    "price": "450",
    "paid_by": "card",
    "proof": "receipt",
    "reason": "minor-failure",
}


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def steady(app: App[Any]) -> None:
    app.clear_notifications()
    for screen in app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False


def shoot(
    snap_compare: Any, app: CstuiApp, steps: Steps, expect: type, size: tuple[int, int] = (80, 24)
) -> bool:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-dark"
        await settle(pilot)
        await steps(pilot)
        await settle(pilot)
        assert isinstance(pilot.app.screen, expect), pilot.app.screen
        steady(pilot.app)
        await pilot.pause()

    compared: bool = snap_compare(app, terminal_size=size, run_before=run_before)
    return compared


async def typed(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text, "enter")
    await pilot.pause()


def test_refund_check_midway(snap_compare: Any, bob: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("1", "1", "1")
        await pilot.pause()
        await typed(pilot, "2026-02-20")

    assert shoot(snap_compare, build_app(bob), steps, RefundCheckScreen)


def test_refund_check_decided(snap_compare: Any, bob: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("1", "2")
        await pilot.pause()
        await typed(pilot, "2026-02-20")
        await typed(pilot, "450")
        await pilot.press("2", "8", "n", "n")
        await typed(pilot, "")
        await pilot.press("n", "n", "y", "n")

    assert shoot(snap_compare, build_app(bob), steps, RefundCheckScreen)


def test_refund_check_uk_bad_date_120x40(snap_compare: Any, bob: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("f2", "1", "5")
        await pilot.pause()
        await typed(pilot, "2026-02-25")
        await typed(pilot, "35")
        await pilot.press("2", "3", "n", "n", "n", "y")
        await pilot.pause()
        await typed(pilot, "2026-02-24")  # before the purchase

    assert shoot(snap_compare, build_app(bob), steps, RefundCheckScreen, size=(120, 40))


def test_approvals_team_leader(snap_compare: Any, bob: Workspace, alice: Workspace) -> None:
    bob.refunds.check(FAULTY, save=True)
    bob.refunds.check({**FAULTY, "price": "60"}, save=True)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("p")

    assert shoot(snap_compare, build_app(alice), steps, ApprovalsScreen)


def test_approvals_agent_read_only(snap_compare: Any, bob: Workspace) -> None:
    bob.refunds.check(FAULTY, save=True)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("p")

    assert shoot(snap_compare, build_app(bob), steps, ApprovalsScreen)


def test_refund_record_dialog_errors(snap_compare: Any, bob: Workspace) -> None:
    bob.refunds.check({**FAULTY, "price": "60"}, save=True)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+s")

    assert shoot(snap_compare, build_app(bob), steps, RefundRecordDialog)
