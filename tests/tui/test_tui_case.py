"""Working a case from the keyboard: every step, reopening, notes, waiting, assigning."""

from __future__ import annotations

from typing import Any

from tests.support.clock import MONDAY_IN_NOVEMBER, FixedClock
from tests.support.steps import case_fields
from tests.support.tui import choose, column, focus_field, notifications, plain, settle, type_text
from tests.support.workspaces import advance_to
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import OptionList

from cstui.models.kinds import PROCEDURE, Step
from cstui.models.steps import InvestigateData
from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.choose import ChooseDialog
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.dialogs.prompt import PromptDialog
from cstui.tui.keys import screen_keys
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.widgets.case_table import CaseTable
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace


def case_screen(app: App[Any]) -> CaseScreen:
    screen = app.screen
    assert isinstance(screen, CaseScreen), f"showing {screen!r}"
    return screen


def step_form(app: CstuiApp) -> Form:
    return case_screen(app).query_one("#step-form", Form)


async def open_first_case(pilot: Pilot[Any]) -> CaseScreen:
    """From home, Enter on the first row of my cases."""
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.pause()
    assert pilot.app.focused is pilot.app.screen.query_one("#mine", CaseTable)
    await pilot.press("enter")
    await settle(pilot)
    return case_screen(pilot.app)


async def complete(pilot: Pilot[Any], expect: Step) -> None:
    await pilot.press("f5")
    await settle(pilot)
    screen = case_screen(pilot.app)
    assert screen.case is not None
    assert screen.case.step is expect, notifications(pilot.app)


async def test_six_steps_with_keys_only_then_reopen(
    workspace: Workspace, tui_clock: FixedClock
) -> None:
    logged = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_first_case(pilot)
        assert screen.case_id == logged.id

        # Investigate: the findings box has the focus.
        assert app.focused is step_form(app).field("findings").control
        await type_text(pilot, "Two charges")
        await complete(pilot, Step.DECLARE)

        # Declare: keep the pre-filled date (30 calendar days from logging).
        assert step_form(app).field("by").get() == "2026-12-23"
        await type_text(pilot, "Fixed by then")
        await complete(pilot, Step.SOLVE)

        # Solve: action, then the policy clause.
        await type_text(pilot, "Refund")
        await pilot.press("tab")
        await type_text(pilot, "R 4.2")
        await complete(pilot, Step.NOTIFY)

        # Notify: method keeps its default (phone); tab to what was said.
        assert step_form(app).field("method").get() == "phone"
        await pilot.press("tab")
        await type_text(pilot, "Refunded")
        await complete(pilot, Step.FOLLOW_UP)

        # Follow up: not satisfied, referred to an ombudsman.
        await choose(pilot, "no")
        assert step_form(app).field("satisfied").get() == "no"
        await pilot.press("tab")
        await type_text(pilot, "Ombudsman")
        await pilot.press("tab")
        await type_text(pilot, "1800 000")
        await complete(pilot, Step.CLOSED)

        stored = workspace.cases.get(logged.id)
        assert stored.step is Step.CLOSED
        assert stored.closed_at == MONDAY_IN_NOVEMBER
        assert [r.step for r in stored.records] == list(PROCEDURE)
        assert {(r.actor, r.at) for r in stored.records} == {("alice", MONDAY_IN_NOVEMBER)}
        data = {r.step: r.data.model_dump() for r in stored.records}
        assert data[Step.INVESTIGATE]["findings"] == "Two charges"
        assert str(data[Step.DECLARE]["by"]) == "2026-12-23"
        assert data[Step.SOLVE]["policy_clause"] == "R 4.2"
        assert data[Step.NOTIFY]["method"] == "phone"
        assert data[Step.FOLLOW_UP]["satisfied"] is False
        assert data[Step.FOLLOW_UP]["referral_body"] == "Ombudsman"

        timeline = plain(screen.query_one("#timeline"))
        for step in PROCEDURE:
            assert f"✓ {step.number} {step.label}" in timeline
        assert "▶" not in timeline
        assert "✓ Closed 2026-11-23 10:00" in timeline
        assert "Closed" in plain(screen.query("#step-panel .screen-title").first())
        assert not screen.query(Form)

        # A closed case offers no step to save or complete.
        offered = {b.action for b in screen_keys(screen)}
        assert not offered & {"save_step", "complete_step"}
        await pilot.press("f5")
        await settle(pilot)
        assert workspace.cases.get(logged.id).step is Step.CLOSED

        # A day later the customer calls back: reopen, with a reason.
        tui_clock.advance(days=1)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "Customer called back")
        await pilot.press("enter")
        await settle(pilot)
        screen = case_screen(app)
        reopened = workspace.cases.get(logged.id)
        assert reopened.step is Step.INVESTIGATE
        assert reopened.reopen_count == 1
        assert reopened.history[-1].detail == "reopened: Customer called back"
        assert screen.case is not None and screen.case.step is Step.INVESTIGATE
        timeline = plain(screen.query_one("#timeline"))
        assert "▶ 2 Investigate" in timeline
        assert "✓ 3" not in timeline
        assert step_form(app).field("findings").get() == ""


async def test_follow_up_unhappy_without_referral_is_refused(workspace: Workspace) -> None:
    case = advance_to(workspace, workspace.cases.log(case_fields()), "follow-up")
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_case(pilot)
        await choose(pilot, "no")
        await pilot.press("f5")
        await settle(pilot)

        form = step_form(app)
        assert "referred" in form.field("referral_body").error
        assert form.field("satisfied").get() == "no"
        assert app.focused is form.field("referral_body").control
        assert workspace.cases.get(case.id).version == case.version
        assert workspace.cases.get(case.id).step is Step.FOLLOW_UP

        # Typing the referral and saving again closes it; the error goes.
        await type_text(pilot, "Ombudsman")
        await pilot.press("tab")
        await type_text(pilot, "ombudsman.example")
        await complete(pilot, Step.CLOSED)
        assert workspace.cases.get(case.id).step is Step.CLOSED


async def test_declare_with_a_bad_date_keeps_the_promise(workspace: Workspace) -> None:
    case = advance_to(workspace, workspace.cases.log(case_fields()), "declare")
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_case(pilot)
        await type_text(pilot, "We will call")
        form = step_form(app)
        await focus_field(pilot, form, "by")
        await pilot.press("ctrl+u")
        await type_text(pilot, "soon")
        await pilot.press("f5")
        await settle(pilot)
        assert "date" in form.field("by").error
        assert form.field("promise").get() == "We will call"
        assert form.field("by").get() == "soon"
        assert workspace.cases.get(case.id).step is Step.DECLARE


async def test_conflict_keeps_typing_and_names_who(
    workspace: Workspace, other_terminal: Any
) -> None:
    workspace.team.add("bob", "agent", "100")
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_case(pilot)
        await type_text(pilot, "My findings")

        # Meanwhile bob, in another terminal, adds a note to the same case.
        other_terminal("bob").cases.note(case.id, "Customer rang again")

        await pilot.press("f5")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors, notifications(app)
        assert "changed by bob" in errors[-1].message
        assert "ctrl+r" in errors[-1].message
        assert step_form(app).field("findings").get() == "My findings"
        assert workspace.cases.get(case.id).step is Step.INVESTIGATE

        # Reload: bob's note shows, the typing stays, and saving now works.
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = case_screen(app)
        assert "Customer rang again" in plain(screen.query_one("#notes"))
        assert step_form(app).field("findings").get() == "My findings"
        await complete(pilot, Step.DECLARE)
        stored = workspace.cases.get(case.id)
        investigated = stored.completed(Step.INVESTIGATE)
        assert investigated is not None and isinstance(investigated.data, InvestigateData)
        assert investigated.data.findings == "My findings"


async def test_note_from_the_case_screen(workspace: Workspace) -> None:
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_case(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("enter")  # blank: refused in the dialog
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        assert "Type something" in plain(app.screen.query_one("#prompt-error"))
        await type_text(pilot, "Asked for the receipt")
        await pilot.press("enter")
        await settle(pilot)
        screen = case_screen(app)
        assert [n.text for n in workspace.cases.get(case.id).notes] == ["Asked for the receipt"]
        assert "Asked for the receipt" in plain(screen.query_one("#notes"))


async def test_wait_resume_and_assign(with_bob: Workspace) -> None:
    workspace = with_bob
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_first_case(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert workspace.cases.get(case.id).waiting
        assert "waiting on customer" in plain(screen.query_one("#case-summary"))

        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert column(home.query_one("#mine", CaseTable), "Step") == ["2 Investigate ⏸"]

        # Back in, ctrl+t again resumes.
        await pilot.press("enter")
        await settle(pilot)
        screen = case_screen(app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert not workspace.cases.get(case.id).waiting
        assert "waiting on customer" not in plain(screen.query_one("#case-summary"))

        # Assign to bob: choose him from the roster.
        await pilot.press("ctrl+g")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChooseDialog)
        options = dialog.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["alice (team leader)", "bob (agent)"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert workspace.cases.get(case.id).owner == "bob"
        assert "owner bob" in plain(case_screen(app).query_one("#case-summary"))

        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one("#mine", CaseTable).row_count == 0
        assert "My open cases (0)" in plain(home.query_one("#mine-title"))
        assert column(home.query_one("#all", CaseTable), "Owner") == ["bob"]


async def test_escape_with_typing_in_a_step_asks_first(workspace: Workspace) -> None:
    workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_case(pilot)
        await type_text(pilot, "half typed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # Esc answers no: stay
        await pilot.pause()
        assert step_form(app).field("findings").get() == "half typed"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_reopened_timeline_keeps_receive_and_log_done(
    workspace: Workspace, tui_clock: FixedClock
) -> None:
    case = advance_to(workspace, workspace.cases.log(case_fields()), "closed")
    tui_clock.advance(days=1)
    workspace.cases.reopen(case.id, "came back")
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_first_case(pilot)
        timeline = plain(screen.query_one("#timeline"))
        assert "▶ 2 Investigate" in timeline
        assert "· 1 Receive and log" not in timeline


async def test_blank_note_says_why_it_was_not_taken(workspace: Workspace) -> None:
    workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_case(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        hint = app.screen.query_one("#prompt-error")
        assert "Type something" in plain(hint)
        assert hint.display
        assert hint.region.height > 0


async def test_a_note_keeps_the_half_typed_step(workspace: Workspace) -> None:
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_case(pilot)
        await type_text(pilot, "half typed")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "a note")
        await pilot.press("enter")
        await settle(pilot)
        assert len(workspace.cases.get(case.id).notes) == 1
        assert step_form(app).field("findings").get() == "half typed"


async def test_solve_form_reaches_its_last_field_at_80x24(workspace: Workspace) -> None:
    advance_to(workspace, workspace.cases.log(case_fields()), "solve")
    app = build_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        form = step_form(app)
        await focus_field(pilot, form, "refund_decision")
        await type_text(pilot, "R-000001")
        await pilot.pause()
        control = form.field("refund_decision").control
        panel = screen.query_one("#step-panel").content_region
        assert control.region.height > 0
        assert panel.contains_region(control.region), (panel, control.region)
        assert form.field("refund_decision").get() == "R-000001"


async def test_acknowledge_key_records_the_method_chosen(workspace: Workspace) -> None:
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_first_case(pilot)
        assert "Acknowledge" in str(screen.active_bindings["ctrl+b"].binding.description)
        await pilot.press("ctrl+b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChooseDialog)
        options = dialog.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["Phone", "Email", "Letter", "In Person", "SMS"]
        await pilot.press("end", "enter")
        await settle(pilot)
        stored = workspace.cases.get(case.id)
        assert stored.history[-1].detail == "acknowledged by sms"
        assert stored.step.value == "investigate"
        due = workspace.cases.due(stored)
        assert due is not None and due.kind.value == "resolve"
