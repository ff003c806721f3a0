"""Logging a complaint from the keyboard: the new-case form, its errors, leaving it."""

from __future__ import annotations

from tests.support.clock import MONDAY_IN_NOVEMBER
from tests.support.tui import choose, focus_field, notifications, plain, settle, type_text

from cstui.models.case import Case
from cstui.services.cases import CaseFilter
from cstui.tui.app import build_app
from cstui.tui.dialogs.confirm import ConfirmDialog
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace


def all_cases(ws: Workspace) -> list[Case]:
    return ws.cases.find(CaseFilter(status="all"))


async def test_log_a_case_with_keys_only(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)

        await type_text(pilot, "Jo Citizen")
        await pilot.press("tab")
        await type_text(pilot, "0412 345 678")
        await pilot.press("tab", "tab")  # past email, to the summary
        await type_text(pilot, "Charged twice")
        form = app.screen.query_one(Form)
        await focus_field(pilot, form, "category")
        await choose(pilot, "bill")
        assert form.field("category").get() == "Billing"
        await pilot.press("ctrl+s")
        await settle(pilot)

        cases = all_cases(workspace)
        assert len(cases) == 1
        case = cases[0]
        assert case.customer.name == "Jo Citizen"
        assert case.customer.phone == "+61412345678"  # stored in E.164
        assert case.summary == "Charged twice"
        assert case.category == "Billing"
        assert case.channel == "phone"
        assert case.owner == "alice"
        assert case.created_at == MONDAY_IN_NOVEMBER

        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case_id == case.id
        assert "Jo Citizen" in plain(app.screen.query_one("#case-summary"))
        # Back goes home (the form was replaced, not stacked), where the case is listed.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_tab_order_follows_the_conversation(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen.query_one(Form)
        order = []
        for _ in form.fields():
            focused = app.focused
            order.append(next(f.spec.name for f in form.fields() if f.control is focused))
            await pilot.press("tab")
        assert order == [f.spec.name for f in form.fields()]


async def test_validation_keeps_typed_text(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Jo Citizen")
        await pilot.press("tab")
        await type_text(pilot, "12ab")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, NewCaseScreen)
        form = app.screen.query_one(Form)
        assert "phone number" in form.field("customer.phone").error
        assert form.field("summary").error  # empty summary
        assert form.field("customer.name").error == ""
        assert form.field("customer.name").get() == "Jo Citizen"
        assert form.field("customer.phone").get() == "12ab"
        assert all_cases(workspace) == []
        assert any("Nothing you typed was lost" in m for m in notifications(app))

        # Fixing the fields and saving again logs the case.
        # The first field in error has the focus: the phone.
        assert app.focused is form.field("customer.phone").control
        await pilot.press("ctrl+u")
        await type_text(pilot, "0412 345 678")
        await focus_field(pilot, form, "summary")
        await type_text(pilot, "Charged twice")
        await focus_field(pilot, form, "category")
        await choose(pilot, "deliv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert [c.category for c in all_cases(workspace)] == ["Delivery"]


async def test_category_is_required(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Jo")
        await pilot.press("tab")
        await type_text(pilot, "0412345678")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Late")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen.query_one(Form)
        assert form.field("category").error
        assert app.focused is form.field("category").control
        assert all_cases(workspace) == []


async def test_escape_on_a_dirty_form_asks_first(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Jo")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)

        await pilot.press("n")  # keep the form
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)
        assert app.screen.query_one(Form).field("customer.name").get() == "Jo"

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert all_cases(workspace) == []


async def test_escape_on_an_empty_form_goes_straight_back(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewCaseScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_question_mark_in_a_field_is_text_not_help(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen.query_one(Form)
        await focus_field(pilot, form, "summary")
        await type_text(pilot, "Why? n f r q")
        assert isinstance(app.screen, NewCaseScreen)
        assert form.field("summary").get() == "Why? n f r q"


async def test_a_site_is_offered_when_the_policy_names_sites(data_dir, tui_clock) -> None:
    from tests.support.workspaces import LEADER, open_utc_workspace, utc_policy

    policy = utc_policy(data_dir)
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text + '\n[[sites]]\nname = "Melbourne"\nregion = "AU-VIC"\n', "utf-8")
    workspace = open_utc_workspace(data_dir, LEADER, tui_clock)
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Jo Citizen")
        await pilot.press("tab")
        await type_text(pilot, "0412 345 678")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Charged twice")
        form = app.screen.query_one(Form)
        await focus_field(pilot, form, "category")
        await choose(pilot, "bill")
        await focus_field(pilot, form, "site")
        await choose(pilot, "melb")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [case] = all_cases(workspace)
        assert case.site == "Melbourne"
        assert "Site: Melbourne" in plain(app.screen.query_one("#details"))


async def test_no_site_is_asked_for_when_the_policy_names_none(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        names = [f.spec.name for f in app.screen.query_one(Form).fields()]
        assert "site" not in names
