"""Every key lands in the field it was typed for, however fast the keys come.

A Tab moves the focus; the keys after it belong to the next field even when they
arrive in the same read as the Tab (a fast typist, a busy moment, a telephony system
typing ``name<Tab>phone``). Pilot's ``press`` waits for the app after each key, so the
burst test posts its keys straight into the app's queue instead.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tests.support.tui import choose, focus_field, settle
from textual import events
from textual.pilot import Pilot

from cstui.services.cases import CaseFilter
from cstui.tui.app import build_app
from cstui.tui.screens.new_case import NewCaseScreen
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace

TAB = "\t"
COMPLAINT = (
    f"Bob Smith{TAB}0400999888{TAB}{TAB}Charged twice for October{TAB}{TAB}Reverse second charge"
)
"""The complaint as typed on the new-case form: name, phone, (email left empty),
summary, (details left empty), what the customer wants done."""
EXPECTED = {
    "customer.name": "Bob Smith",
    "customer.phone": "0400999888",
    "customer.email": "",
    "summary": "Charged twice for October",
    "details": "",
    "remedy_sought": "Reverse second charge",
}
STORED = {**EXPECTED, "customer.phone": "+61400999888"}
"""What is stored: the same, with the phone number in E.164."""


def key_event(char: str) -> events.Key:
    """The event the terminal driver makes for ``char``."""
    if char == TAB:
        return events.Key("tab", TAB)
    if char == " ":
        return events.Key("space", " ")
    return events.Key(char, char)


async def open_new_case(pilot: Pilot[Any]) -> Form:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NewCaseScreen)
    return pilot.app.screen.query_one(Form)


def typed(form: Form) -> dict[str, Any]:
    raw = form.raw()
    return {name: raw[name] for name in EXPECTED}


async def save_with_category(pilot: Pilot[Any], form: Form) -> None:
    await focus_field(pilot, form, "category")
    await choose(pilot, "bill")
    await pilot.press("ctrl+s")
    await settle(pilot)


def stored(workspace: Workspace) -> dict[str, str]:
    (case,) = workspace.cases.find(CaseFilter(status="all"))
    return {
        "customer.name": case.customer.name,
        "customer.phone": case.customer.phone or "",
        "customer.email": case.customer.email or "",
        "summary": case.summary,
        "details": case.details,
        "remedy_sought": case.remedy_sought,
    }


@pytest.mark.parametrize("delay_ms", [0, 20, 50, 100])
async def test_typing_across_tab_at_any_speed(workspace: Workspace, delay_ms: int) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_new_case(pilot)
        for char in COMPLAINT:
            app.post_message(key_event(char))
            await asyncio.sleep(delay_ms / 1000)
        await pilot.pause()
        await settle(pilot)
        assert typed(form) == EXPECTED
        await save_with_category(pilot, form)
    assert stored(workspace) == STORED


async def test_a_burst_of_keys_lands_where_it_was_typed(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_new_case(pilot)
        for char in COMPLAINT:  # all queued before the app handles the first
            app.post_message(key_event(char))
        await settle(pilot)
        assert typed(form) == EXPECTED
        await save_with_category(pilot, form)
    assert stored(workspace) == STORED
