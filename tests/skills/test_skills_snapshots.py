"""Screenshots of every tab of My skills and of its two dialogs, at 80x24.

Deterministic: a fixed clock, the policy in UTC, no toasts, no blinking cursors, the
default theme. Update after a deliberate change of look with
``pytest tests/skills/test_skills_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from tests.support.clock import FixedClock
from tests.support.skills import ratings_for
from tests.support.tui import settle, type_text
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from cstui.models.skills import Rating
from cstui.tui.app import CstuiApp, build_app
from cstui.tui.dialogs.skills_action import SkillsActionDialog
from cstui.tui.dialogs.skills_learning import SkillsLearningDialog
from cstui.tui.screens.skills import SkillsScreen
from cstui.workspace import Workspace

Steps = Callable[[Pilot[Any]], Awaitable[None]]
THEME = "textual-dark"


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


def steady(app: App[Any]) -> None:
    app.clear_notifications()
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False


def shoot(snap_compare: Any, app: CstuiApp, steps: Steps, expect: type) -> bool:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = THEME
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await steps(pilot)
        await settle(pilot)
        assert isinstance(pilot.app.screen, expect), pilot.app.screen
        steady(pilot.app)
        await pilot.pause()

    compared: bool = snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    return compared


def keys(*pressed: str) -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press(*pressed)

    return steps


@pytest.fixture
def history(alice: Workspace, skills_clock: FixedClock) -> Workspace:
    """Three monthly assessments, a persistent gap, actions (one overdue), learning."""
    skills = alice.skills
    gaps = {"f4.11": Rating.BETTER, "f1.21": Rating.BETTER}
    skills.assess(ratings_for(gaps, default=Rating.BETTER))
    skills_clock.advance(days=30)
    skills.assess(ratings_for(gaps, default=Rating.ADEQUATE))
    skills.add_action(
        {
            "statement": "f4.11",
            "need": "Keep weekly complaint counts [bold]not bold[/bold]",
            "initiate": "Ask for last month's figures",
            "due": "2026-04-15",
            "activities": ["service-orientation-4"],
        }
    )
    skills.add_action(
        {
            "statement": "f1.21",
            "need": "Let callers finish",
            "initiate": "Ask Sam to sit in on two calls",
            "due": "2026-06-20",
            "activities": ["active-listening-1"],
        }
    )
    skills.set_status(2)
    skills_clock.advance(days=30)
    skills.assess(ratings_for(gaps, default=Rating.WELL))
    skills.log_learning(
        {
            "kind": "observing",
            "what": "Watched Sam calm an angry caller",
            "reflection": "She let him finish, then repeated his words back.",
            "on": "2026-04-20",
        }
    )
    skills.log_learning({"kind": "reading", "what": "Fish Tales", "on": "2026-03-10"})
    return alice


def test_skills_assess_draft(snap_compare: Any, alice: Workspace) -> None:
    alice.skills.rate(
        {"f1.01": Rating.WELL, "f1.02": Rating.ADEQUATE, "f1.03": Rating.BETTER,
         "f1.04": Rating.NA},
        position="f1.05",
    )  # fmt: skip
    assert shoot(snap_compare, build_app(alice), keys(), SkillsScreen)


def test_skills_three_and_three(snap_compare: Any, history: Workspace) -> None:
    assert shoot(snap_compare, build_app(history), keys("2"), SkillsScreen)


def test_skills_actions(snap_compare: Any, history: Workspace) -> None:
    assert shoot(snap_compare, build_app(history), keys("3"), SkillsScreen)


def test_skills_progress(snap_compare: Any, history: Workspace) -> None:
    assert shoot(snap_compare, build_app(history), keys("4"), SkillsScreen)


def test_skills_learning(snap_compare: Any, history: Workspace) -> None:
    assert shoot(snap_compare, build_app(history), keys("5"), SkillsScreen)


def test_skills_performance(snap_compare: Any, history: Workspace) -> None:
    assert shoot(snap_compare, build_app(history), keys("6"), SkillsScreen)


def test_skills_action_dialog(snap_compare: Any, history: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("2", "tab", "e")
        await pilot.pause()
        await type_text(pilot, "Weekly counts")
        await pilot.press("ctrl+s")  # the second answer is missing: shown under its field

    assert shoot(snap_compare, build_app(history), steps, SkillsActionDialog)


def test_skills_learning_dialog(snap_compare: Any, history: Workspace) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("5", "l")
        await pilot.pause()
        await type_text(pilot, "Complaints workshop")

    assert shoot(snap_compare, build_app(history), steps, SkillsLearningDialog)
