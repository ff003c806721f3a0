"""Ctrl+S saves and never completes a step; F5 completes; the focus is where typing is safe."""

from __future__ import annotations

from tests.support.steps import case_fields
from tests.support.tui import notifications, settle, type_text

from cstui.models.kinds import Step
from cstui.services.cases import CaseFilter
from cstui.tui.app import build_app
from cstui.tui.keys import screen_keys
from cstui.tui.screens.case import CaseScreen
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace


async def test_ctrl_s_on_a_step_keeps_the_text_and_completes_nothing(
    workspace: Workspace,
) -> None:
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(app.screens.case(case.id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        form = screen.query_one("#step-form", Form)
        assert app.focused is form.field("findings").control
        await type_text(pilot, "Two charges")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert workspace.cases.get(case.id).step is Step.INVESTIGATE
        assert form.field("findings").get() == "Two charges"
        assert "Saved; F5 completes the step" in notifications(app)

        await pilot.press("f5")
        await settle(pilot)
        assert workspace.cases.get(case.id).step is Step.DECLARE


async def test_every_step_form_completes_with_f5_shown_in_the_keys(workspace: Workspace) -> None:
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(app.screens.case(case.id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        keys = {b.key: b.description for b in screen_keys(screen)}
        assert keys["f5"] == "Complete"
        assert keys["ctrl+s"] == "Save"


async def test_after_logging_typing_goes_into_no_step_field(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        new_case = app.screen
        new_case.query_one(Form).fill(
            {
                "customer.name": "Bob Smith",
                "customer.phone": "0400 999 888",
                "summary": "Charged twice",
                "category": "Billing",
            }
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        form = screen.query_one("#step-form", Form)
        assert app.focused not in [f.control for f in form.fields()]

        # The agent carries on typing and presses ctrl+s: nothing is completed.
        await type_text(pilot, "nOnly Name")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.field("findings").get() == ""
        (case,) = workspace.cases.find(CaseFilter(status="all"))
        assert case.step is Step.INVESTIGATE
