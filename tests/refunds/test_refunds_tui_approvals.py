"""The approvals queue by keyboard: team leaders approve or decline, agents only look,
nobody approves their own request, and what was given is recorded on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.refunds import case_at_solve
from tests.support.tui import notifications
from textual.pilot import Pilot
from textual.widgets import Static

from cstui.models.refunds import DeclineGround, RefundStatus
from cstui.models.returns import GroupBy
from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.dialogs.refund_record import RefundRecordDialog
from cstui.tui.screens.approvals import ApprovalsScreen, RefundTable
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace

FAULTY: dict[str, Any] = {
    "purchased": "2026-02-20",
    "price": "450",
    "paid_by": "card",
    "proof": "receipt",
    "reason": "minor-failure",
}


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


def approvals(app: CstuiApp) -> ApprovalsScreen:
    assert isinstance(app.screen, ApprovalsScreen), app.screen
    return app.screen


def ids(app: CstuiApp, table: str) -> list[str]:
    return [r.id for r in app.screen.query_one(table, RefundTable).records]


def text_of(app: CstuiApp, selector: str) -> str:
    rendered = app.screen.query_one(selector, Static).render()
    return str(getattr(rendered, "plain", rendered))


def footer_actions(app: CstuiApp) -> set[str]:
    return {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}


async def test_a_team_leader_approves_and_the_agent_sees_it_on_the_case(
    bob: Workspace, alice: Workspace
) -> None:
    case_id = case_at_solve(bob)
    request = bob.refunds.check(FAULTY, case_id=case_id).record
    assert request is not None
    app = build_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        approvals(app)
        assert ids(app, "#pending") == ["R-000001"]
        assert "Waiting for approval (1)" in text_of(app, "#pending-title")
        assert "a approves, d declines" in text_of(app, "#approvals-note")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Approve R-000001 for bob" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert ids(app, "#pending") == []
        assert ids(app, "#to-record") == ["R-000001"]
        await pilot.press("o")  # nothing focused in the queue: nothing to open
        await pilot.pause()
        assert isinstance(app.screen, ApprovalsScreen)
    assert bob.refunds.get("R-000001").status is RefundStatus.APPROVED

    agent_app = build_app(bob)
    async with agent_app.run_test(size=(100, 30)) as pilot:
        agent_app.push_screen(agent_app.screens.case(case_id))
        await settle(pilot)
        assert "approved by alice" in text_of(agent_app, "#details")
        assert "alice refund: approved R-000001" in text_of(agent_app, "#history")


async def test_decline_asks_why(bob: Workspace, alice: Workspace) -> None:
    case_id = case_at_solve(bob)
    bob.refunds.check(FAULTY, case_id=case_id)
    app = build_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "Looks dropped")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)  # the law requires a remedy: a ground
        await pilot.press("escape")
        await settle(pilot)
        assert ids(app, "#pending") == ["R-000001"]  # no ground, nothing declined
        await pilot.press("d")
        await pilot.pause()
        await type_text(pilot, "Looks dropped")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # damaged after delivery
        await settle(pilot)
        assert ids(app, "#pending") == []
        assert ids(app, "#to-record") == []
    record = bob.refunds.get("R-000001")
    assert record.status is RefundStatus.DECLINED
    assert record.approval is not None and record.approval.reason == "Looks dropped"
    assert record.approval.ground is DeclineGround.DAMAGED_AFTER_DELIVERY
    assert bob.cases.get(case_id).history[-1].detail == (
        "declined R-000001 on the ground damaged-after-delivery: Looks dropped"
    )


async def test_agents_see_the_queue_read_only(bob: Workspace) -> None:
    bob.refunds.check(FAULTY, save=True)
    app = build_app(bob)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        assert ids(app, "#pending") == ["R-000001"]
        assert "Read only: only team leaders approve" in text_of(app, "#approvals-note")
        assert "approve" not in footer_actions(app)
        assert "decline" not in footer_actions(app)
        await pilot.press("a", "d")
        await settle(pilot)
        assert isinstance(app.screen, ApprovalsScreen)
    assert bob.refunds.get("R-000001").status is RefundStatus.PENDING


async def test_nobody_approves_their_own_request(
    alice: Workspace, open_ws: Callable[[str], Workspace]
) -> None:
    alice.refunds.check({**FAULTY, "price": "1500"}, save=True)
    app = build_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ApprovalsScreen)  # no question asked
        assert any("Nobody approves their own request" in m for m in notifications(app))
    assert alice.refunds.get("R-000001").status is RefundStatus.PENDING


async def test_recording_what_was_given(bob: Workspace) -> None:
    bob.refunds.check({**FAULTY, "price": "60"}, save=True)
    app = build_app(bob)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        assert ids(app, "#to-record") == ["R-000001"]
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RefundRecordDialog)
        form = dialog.query_one(Form)
        assert form.field("amount").get() == "60.00"
        assert form.field("remedy").get() == "repair"
        assert form.field("when").get() == "2026-03-02"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.field("item").error == "say what the product is"
        assert form.field("fault").error == "describe the fault"
        assert app.focused is form.field("item").control
        await type_text(pilot, "Kettle K2")
        await pilot.press("tab")
        await type_text(pilot, "Sparks at the plug")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ApprovalsScreen)
        assert ids(app, "#to-record") == []
    outcome = bob.refunds.get("R-000001").outcome
    assert outcome is not None
    assert (outcome.item, outcome.remedy, outcome.by) == ("Kettle K2", "repair", "bob")
    assert [g.key for g in bob.refunds.returns_by(GroupBy.PRODUCT)] == ["Kettle K2"]


async def test_home_tells_the_agent_of_decisions_on_their_requests(
    bob: Workspace, alice: Workspace
) -> None:
    case_id = case_at_solve(bob)
    for _ in range(2):
        bob.refunds.check(FAULTY, case_id=case_id)
    alice.refunds.approve("R-000001", "photo seen")
    alice.refunds.decline("R-000002", "Cracked by a fall", "damaged-after-delivery")
    app = build_app(bob)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert text_of(app, "#refund-decisions") == (
            "2 refund decisions: 1 approved, 1 declined (m lists your requests)"
        )
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "CaseScreen"


async def test_home_shows_no_decision_line_without_decisions(alice: Workspace) -> None:
    app = build_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#refund-decisions").display
