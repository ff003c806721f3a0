"""Loads and saves off the UI thread: saves queue and all land, a newer load wins, and
widgets are given data and post messages."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from rich.text import Text
from tests.support.steps import case_fields
from tests.support.tui import notifications, plain, settle, type_text
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from cstui.models.case import Case
from cstui.models.kinds import Step
from cstui.tui.app import build_app
from cstui.tui.screens.case import CaseScreen
from cstui.tui.widgets.guidance_panel import GuidancePanel
from cstui.workspace import Workspace

WAIT = 10.0
"""Seconds a test waits for a worker before it fails."""


class Gate:
    """Holds the first call of a service method until opened (fault injection: a slow store).

    Later calls go straight through.
    """

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.entered = threading.Event()
        self.opened = threading.Event()
        self.left = threading.Event()
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls > 1:
            return self.real(*args, **kwargs)
        try:
            result = self.real(*args, **kwargs)  # read (or written) before the hold
            self.entered.set()
            self.opened.wait(WAIT)
            return result
        finally:
            self.left.set()


async def until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds."""
    for _ in range(int(WAIT / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never held")


async def open_case(pilot: Pilot[Any], case_id: str) -> CaseScreen:
    app = pilot.app
    assert hasattr(app, "screens")
    app.push_screen(app.screens.case(case_id))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def test_a_save_queued_behind_another_lands_on_its_new_version(
    workspace: Workspace, monkeypatch: Any
) -> None:
    case = workspace.cases.log(case_fields())
    gate = Gate(workspace.cases.note)
    monkeypatch.setattr(workspace.cases, "note", gate)
    app = build_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_case(pilot, case.id)
        await pilot.press("ctrl+n")
        await type_text(pilot, "First")
        await pilot.press("enter")
        await asyncio.to_thread(gate.entered.wait, WAIT)  # the note is written, held
        await pilot.press("ctrl+t")  # wait on the customer: queued behind the note
        await pilot.pause()
        assert screen.saving
        assert not workspace.cases.get(case.id).waiting
        gate.opened.set()
        await until(pilot, lambda: not screen.saving)
        await settle(pilot)
        saved = workspace.cases.get(case.id)
        assert saved.version == case.version + 2
        assert [n.text for n in saved.notes] == ["First"]
        assert saved.waiting
        assert screen.case is not None and screen.case.version == saved.version
        assert not any("changed" in m or "Still saving" in m for m in notifications(app))


async def test_a_newer_load_wins_over_an_older_one(
    workspace: Workspace, other_terminal: Callable[[str], Workspace], monkeypatch: Any
) -> None:
    case = workspace.cases.log(case_fields())
    app = build_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_case(pilot, case.id)
        gate = Gate(workspace.cases.get)
        monkeypatch.setattr(workspace.cases, "get", gate)
        await pilot.press("ctrl+r")  # reads the case as it is, then is held
        await asyncio.to_thread(gate.entered.wait, WAIT)
        noted: Case = other_terminal("alice").cases.note(case.id, "From the other terminal")
        await pilot.press("ctrl+r")  # a newer read sees the note
        await until(pilot, lambda: screen.case is not None and screen.case.version == noted.version)
        gate.opened.set()  # the older read now finishes, with the older case
        await asyncio.to_thread(gate.left.wait, WAIT)
        await settle(pilot)
        assert screen.case is not None and screen.case.version == noted.version
        assert "From the other terminal" in plain(screen.query_one("#notes"))


class PanelApp(App[None]):
    """A guidance panel alone, answering its requests as a screen would."""

    def __init__(self) -> None:
        super().__init__()
        self.wanted: list[Step] = []

    def compose(self) -> ComposeResult:
        yield GuidancePanel(id="panel")

    def on_guidance_panel_help_wanted(self, event: GuidancePanel.HelpWanted) -> None:
        self.wanted.append(event.step)
        event.panel.give_help({step: Text(f"Help for {step.label}") for step in Step})


async def test_the_guidance_panel_asks_for_what_it_lacks_and_shows_what_it_is_given() -> None:
    app = PanelApp()
    async with app.run_test(size=(120, 30)) as pilot:
        panel = app.query_one(GuidancePanel)
        panel.show_step(Step.INVESTIGATE)
        await pilot.pause()
        assert app.wanted == [Step.INVESTIGATE]
        assert panel.text == "Help for Investigate"
        panel.show_step(Step.SOLVE)  # given already: shown at once, nothing asked
        assert panel.text == "Help for Solve"
        await pilot.pause()
        assert app.wanted == [Step.INVESTIGATE]
