"""The refund checklist by keyboard: one question at a time, the decision beside it, every
scenario of the table, going back, switching law, bad typing, and the Solve step link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.support.refund_scenarios import SCENARIOS, S
from tests.support.refunds import CASE_FIELDS, ago, case_at_solve
from tests.support.tui import settle, type_text, until
from tests.support.workspaces import AGENT, LEADER
from textual.pilot import Pilot
from textual.widgets import Input, Static

from cstui.models.kinds import Step
from cstui.models.refund_checklist import Question
from cstui.models.refunds import RefundStatus
from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.refund_check import RefundCheckScreen
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace


def checklist(app: CstuiApp) -> RefundCheckScreen:
    screen = app.screen
    assert isinstance(screen, RefundCheckScreen), screen
    return screen


def shown(app: CstuiApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    rendered = widget.render()
    return str(getattr(rendered, "plain", rendered))


def answer_value(s: S, question: Question) -> Any:
    """What scenario ``s`` answers to ``question``."""
    return {
        "reason": s.reason,
        "failure_kind": s.kind,
        "purchased": ago(s.bought).isoformat(),
        "price": s.price,
        "paid_by": s.paid_by,
        "proof": s.proof,
        "used": s.used,
        "distance_sale": s.distance,
        "delivered": ago(s.delivered).isoformat() if s.delivered is not None else "",
        "remedy_failed": s.failed,
        "disputed": s.disputed,
        "supply": s.supply,
        "expected_life": s.life or "",
        "gift": s.gift,
        "unsolicited": s.unsolicited,
        "damaged_after_delivery": s.damaged,
        "visible_on_examination": s.visible,
        "vehicle": s.vehicle,
        "perishable": s.perishable,
        "made_to_order": s.made_to_order,
        "unsealed": s.unsealed,
    }[question.key]


async def run_scenario(pilot: Pilot[Any], screen: RefundCheckScreen, s: S) -> None:
    """A new check (f5), the other law if needed (f2), then each question it asks.

    The screen's own handlers are called (the ones f5, f2, y/n, digits and Enter run) so
    the whole table runs quickly; the keys themselves are pressed in the other tests.
    """
    await screen.action_restart()  # f5
    assert screen.answers == {} and screen.jurisdiction.value == "au"
    if s.law != "au":
        await screen.action_switch_law()  # f2
    asked = 0
    while (question := screen.question) is not None:
        value = answer_value(s, question)
        if question.kind == "choice":
            await screen.action_choose([v for _, v in question.choices].index(value) + 1)
        elif question.kind == "yesno":
            await screen.action_answer(value)
        else:
            await screen._give(question.key, screen._parse(question, str(value)))
        asked += 1
        assert asked < 30, "the checklist never ended"
    await pilot.pause()


CHUNK = 10
BATCHES = [
    (agent, rows[start : start + CHUNK])
    for agent in (AGENT, LEADER)
    for rows in [[s for s in SCENARIOS if s.agent == agent and s.category is None]]
    for start in range(0, len(rows), CHUNK)
]
"""The table in batches (one app each), so parallel test workers can share them."""


def test_the_batches_hold_every_scenario() -> None:
    """All but the policy's categories, which the command line takes (the checklist asks the
    expected life itself)."""
    asked = [s.name for s in SCENARIOS if s.category is None]
    assert sorted(s.name for _, rows in BATCHES for s in rows) == sorted(asked)


@pytest.mark.parametrize(
    ("agent", "rows"), BATCHES, ids=[f"{a}-{i}" for i, (a, _) in enumerate(BATCHES)]
)
async def test_every_scenario_through_the_checklist(
    agent: str, rows: list[S], open_ws: Callable[[str], Workspace], alice: Workspace
) -> None:
    app = build_app(open_ws(agent))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = checklist(app)
        for s in rows:
            await run_scenario(pilot, screen, s)
            decision = screen.decision
            assert decision is not None, s.name
            assert [r.value for r in decision.remedies] == s.remedies, s.name
            assert decision.chooser == s.chooser, s.name
            assert decision.refund_method == s.method, s.name
            assert decision.needs_approval is s.approval, s.name
            assert decision.refer_to_supervisor is s.refer, s.name
            panel = shown(app, "#refund-decision")
            assert panel.startswith("Decision\n"), s.name
            # The checklist does not ask about a distance sale under the ACL: it changes nothing.
            for rule in set(s.cites) - {"ACL ss82-86"}:
                assert rule in panel, (s.name, rule)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_one_question_at_a_time_with_a_live_decision(bob: Workspace) -> None:
    app = build_app(bob)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = checklist(app)
        assert "What was supplied?" in shown(app, "#refund-question")
        assert "Answer the questions" in shown(app, "#refund-decision")
        await pilot.press("y")  # no yes/no question yet: nothing happens
        assert screen.answers == {}
        await pilot.press("1", "2")  # goods, minor failure
        await pilot.pause()
        assert "Provisional: 11 questions left" in shown(app, "#refund-decision")
        assert "the business chooses" in shown(app, "#refund-decision")
        assert "When was it bought?" in shown(app, "#refund-question")
        assert isinstance(app.focused, Input)
        await type_text(pilot, "2026-03-09")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.typed_error == "cannot be in the future"
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2026-02-01")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "ten")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.typed_error == "must be an amount such as 250 or 1,099.50"
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "250")
        await pilot.press("enter")
        await pilot.pause()
        assert "Approval: NEEDED" in shown(app, "#refund-decision")
        await pilot.press("2", "1", "n", "n")  # card, receipt, not a gift, not unsolicited
        await pilot.pause()
        assert "How many years should goods like these last?" in shown(app, "#refund-question")
        await pilot.press("enter")  # not known
        await pilot.press("n", "n")  # not damaged after delivery, not seen on examination
        await pilot.pause()
        assert "Has the business already refused" in shown(app, "#refund-question")
        await pilot.press("y")
        await pilot.pause()
        assert "the customer chooses" in shown(app, "#refund-decision")
        # f3 goes back: the business did not refuse after all.
        await pilot.press("f3")
        await pilot.pause()
        assert "remedy_failed" not in screen.answers
        await pilot.press("n", "n")
        await pilot.pause()
        assert screen.question is None
        decision = shown(app, "#refund-decision")
        assert decision.startswith("Decision\nRemedies, the business chooses:\n  1. repair")
        assert "✓ Paid: 250.00" in shown(app, "#refund-answers")

        await pilot.press("ctrl+s")
        await settle(pilot)
        [record] = bob.refunds.all()
        assert (record.status, record.case_id) == (RefundStatus.PENDING, None)
        assert record.inputs.purchased.isoformat() == "2026-02-01"
        assert screen.saved is not None and screen.saved.id == record.id
        assert "Kept as R-000001" in shown(app, "#refund-question")
        await pilot.press("ctrl+s")  # only once
        await settle(pilot)
        assert len(bob.refunds.all()) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_switching_law_changes_the_questions(bob: Workspace) -> None:
    app = build_app(bob)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = checklist(app)
        await pilot.press("1", "5")  # goods, change of mind
        await pilot.pause()
        await pilot.press("enter")  # blank: bought today
        await pilot.pause()
        assert screen.answers["purchased"].isoformat() == "2026-03-02"
        await type_text(pilot, "30")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2", "1", "n", "n", "n")  # card, receipt; no gift, solicited, unused
        await pilot.pause()
        assert screen.question is None
        assert "Australian Consumer Law" in shown(app, "#refund-title")
        await pilot.press("f2")
        await pilot.pause()
        assert "UK Consumer Rights Act" in shown(app, "#refund-title")
        assert screen.question is not None and screen.question.key == "distance_sale"
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("enter")  # delivered the day it was bought
        await pilot.press("n", "n", "n")  # not made to order, perishable or unsealed
        await pilot.pause()
        assert screen.question is None
        assert "CCR 2013 reg 29-30" in shown(app, "#refund-decision")


async def test_from_the_solve_step_the_id_lands_in_the_form(bob: Workspace) -> None:
    case_id = case_at_solve(bob)
    other = bob.cases.log({**CASE_FIELDS, "summary": "Another one"})
    app = build_app(bob)
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(app.screens.case(other.id))
        await settle(pilot)
        await pilot.press("f4")  # at Investigate: not offered
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        app.pop_screen()
        app.push_screen(app.screens.case(case_id))
        await settle(pilot)
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        await type_text(pilot, "Refund the kettle")
        await pilot.press("f4")
        await pilot.pause()
        screen = checklist(app)
        assert screen.case_id == case_id
        assert "Refund check for C-000001" in shown(app, "#refund-title")
        await pilot.press("1", "1", "1")
        await pilot.pause()
        for text in ["2026-02-20", "80"]:
            await type_text(pilot, text)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("2", "1", "n", "n", "enter")
        await pilot.pause()
        await pilot.press("n", "n", "n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is case_screen
        await settle(pilot)
        form = case_screen.query_one("#step-form", Form)
        assert form.field("refund_decision").get() == "R-000001"
        assert form.field("action").get() == "Refund the kettle"
        details = shown(app, "#details")
        assert "Refunds: R-000001: refund, replace or compensation (the customer chooses), " in (
            details
        )
        history = shown(app, "#history")
        assert "refund: checked R-000001" in history
        first_empty = form.field("policy_clause").control
        await until(pilot, lambda: app.focused is first_empty)
        await pilot.press("f5")  # the Solve form still needs its policy clause
        await settle(pilot)
        assert form.field("policy_clause").error == "must not be empty"
        form.field("policy_clause").control.focus()
        await type_text(pilot, "ACL s259(3)")
        await pilot.press("f5")
        await settle(pilot)
    solved = bob.cases.get(case_id).latest(Step.SOLVE)
    assert solved is not None
    assert solved.data.model_dump()["refund_decision"] == "R-000001"
    [record] = bob.refunds.for_case(case_id)
    assert record.status is RefundStatus.NOT_NEEDED


async def test_the_solve_form_refuses_a_refund_check_that_does_not_exist(bob: Workspace) -> None:
    case_id = case_at_solve(bob)
    app = build_app(bob)
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(app.screens.case(case_id))
        await settle(pilot)
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        form = case_screen.query_one("#step-form", Form)
        await type_text(pilot, "Refund the kettle")
        form.field("policy_clause").control.focus()
        await type_text(pilot, "ACL s259(3)")
        form.field("refund_decision").control.focus()
        await type_text(pilot, "R-000099")
        await pilot.press("f5")
        await settle(pilot)
        assert form.field("refund_decision").error == "there is no refund check R-000099"
        assert form.field("action").get() == "Refund the kettle"  # nothing typed is lost
    assert bob.cases.get(case_id).step is Step.SOLVE
