"""A menu choice and the save pressed right after it, in the same read: the save sees the
choice. (Enter on a menu chooses an option, and the menu then tells its field; a save
handed on before that saved the field as it was.)

As in ``test_key_order``, the keys are posted straight into the app's queue, all before
the app handles the first.
"""

from __future__ import annotations

from typing import Any

from tests.support.tui import focus_field, notifications, settle
from tests.tui.test_key_order import COMPLAINT, STORED, TAB, key_event, open_new_case, stored
from textual import events
from textual.app import App
from textual.widgets import Select

from cstui.services.cases import CaseFilter
from cstui.tui.app import build_app
from cstui.tui.screens.case import CaseScreen
from cstui.workspace import Workspace


def enter() -> events.Key:
    """A new Enter key event (an event is handed on once: each key is its own)."""
    return events.Key("enter", "\r")


def ctrl_s() -> events.Key:
    """A new Ctrl+S key event."""
    return events.Key("ctrl+s", "\x13")


def choose_billing() -> list[events.Key]:
    """Open the category menu, find "Billing" by typing, choose it."""
    return [enter(), *[key_event(char) for char in "bill"], enter()]


def post(app: App[Any], keys: list[events.Key]) -> None:
    for key in keys:
        app.post_message(key)


def category(workspace: Workspace) -> str:
    (case,) = workspace.cases.find(CaseFilter(status="all"))
    return case.category


async def test_a_choice_then_ctrl_s_in_one_read_saves_the_choice(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_new_case(pilot)
        post(app, [key_event(char) for char in COMPLAINT])
        await settle(pilot)
        await focus_field(pilot, form, "category")
        assert isinstance(app.focused, Select)
        post(app, [*choose_billing(), ctrl_s()])
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen), notifications(app)
    assert stored(workspace) == STORED
    assert category(workspace) == "Billing"


async def test_a_whole_complaint_chosen_and_saved_in_one_burst(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_case(pilot)
        typed = [key_event(char) for char in f"{COMPLAINT}{TAB}{TAB}"]  # on to the category
        post(app, [*typed, *choose_billing(), ctrl_s()])
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen), notifications(app)
    assert stored(workspace) == STORED
    assert category(workspace) == "Billing"
