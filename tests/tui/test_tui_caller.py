"""The returning caller: ``--caller NUMBER`` and ``f`` open their history, open cases
first; Enter opens one, ``n`` starts a new case prefilled from their latest case."""

from __future__ import annotations

from typing import Any

from tests.support.steps import case_fields
from tests.support.tui import column, plain, settle, type_text
from tests.support.workspaces import advance_to
from textual.app import App
from textual.widgets import DataTable

from cstui.tui.app import build_app
from cstui.tui.screens.caller import CallerScreen
from cstui.tui.screens.case import CaseScreen
from cstui.tui.screens.home import HomeScreen
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace


def jo(phone: str, summary: str, email: str | None = None) -> dict[str, object]:
    customer = {"name": "Jo Citizen", "phone": phone, "email": email}
    return case_fields(customer=customer, summary=summary)


def log_jo(workspace: Workspace) -> dict[str, str]:
    """Jo's three cases (one closed) typed three ways, and someone else's."""
    cases = workspace.cases
    closed = advance_to(workspace, cases.log(jo("+61 400 111 222", "Old refund")), "closed")
    first = cases.log(jo("0400 111 222", "Charged twice"))
    latest = cases.log(jo("0400111222", "Late again", email="jo@example.com"))
    other = cases.log(case_fields("Al", customer={"name": "Al", "phone": "0499 000 111"}))
    return {"closed": closed.id, "first": first.id, "latest": latest.id, "other": other.id}


def table(app: App[Any]) -> DataTable[Any]:
    screen = app.screen
    assert isinstance(screen, CallerScreen), screen
    return screen.query_one("#caller-cases", DataTable)


async def test_caller_opens_their_history_open_cases_first(workspace: Workspace) -> None:
    ids = log_jo(workspace)
    app = build_app(workspace, caller="0400111222")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = column(table(app), "Case")
        assert rows == [ids["first"], ids["latest"], ids["closed"]]  # open, most urgent first
        assert ids["other"] not in rows
        assert column(table(app), "What is due")[0].startswith("acknowledge: ")
        assert column(table(app), "What is due")[2] == "closed"
        assert "3 cases, 2 open" in plain(app.screen.query_one("#caller-status"))
        assert "Jo Citizen" in plain(app.screen.query_one("#caller-title"))
        # Enter opens the case under the cursor: the caller's most urgent open case.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case_id == ids["first"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CallerScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_n_starts_a_case_prefilled_from_the_latest_case(workspace: Workspace) -> None:
    log_jo(workspace)
    app = build_app(workspace, caller="+61 400 111 222")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        form = app.screen.query_one(Form)
        assert form.field("customer.name").get() == "Jo Citizen"
        assert form.field("customer.phone").get() == "+61400111222"
        assert form.field("customer.email").get() == "jo@example.com"


async def test_an_unknown_number_says_so_and_offers_a_new_case(workspace: Workspace) -> None:
    log_jo(workspace)
    app = build_app(workspace, caller="0411 999 888")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert column(table(app), "Case") == []
        assert "No cases for this caller" in plain(app.screen.query_one("#caller-status"))
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        form = app.screen.query_one(Form)
        assert form.field("customer.phone").get() == "0411 999 888"
        assert form.field("customer.name").get() == ""


async def test_f_on_home_finds_the_caller_by_phone_or_email(workspace: Workspace) -> None:
    ids = log_jo(workspace)
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        for typed in ("+61 400 111 222", "jo@example.com"):
            await pilot.press("f")
            await pilot.pause()
            await type_text(pilot, typed)
            await pilot.press("enter")
            await settle(pilot)
            assert ids["latest"] in column(table(app), "Case")
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)


async def test_a_number_that_cannot_be_parsed_is_shown_not_raised(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        await type_text(pilot, "12")
        await pilot.press("enter")
        await settle(pilot)
        assert "not a phone number" in plain(app.screen.query_one("#caller-status"))
