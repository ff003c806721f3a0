"""Helpers for the TUI tests: the fixed clock, a UTC workspace, seeding, and driving by keys.

Kept out of conftest.py so test modules can import them by a name no other folder uses.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.support.clock import FixedClock as TuiClock
from tests.support.steps import STEP_INPUTS
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Select, Static

from cstui.config import Settings
from cstui.models.case import Case
from cstui.tui.app import CstuiApp
from cstui.tui.widgets.form import Form
from cstui.workspace import Workspace, first_run, open_workspace

USER = "alice"
START = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
"""Monday 23 November 2026, 10:00 UTC: the acknowledge target is Tuesday 24th, 17:00."""

HOSTILE_CLOSE = "[/]"
HOSTILE_CLICK = "[@click=app.quit]x[/]"
HOSTILE_BOLD = "[bold]Bold[/bold]"
EMOJI_NAME = "😀 Zoë"
ARABIC_NAME = "محمد"
LONG_DETAILS = ("The parcel arrived late and damaged. " * 300)[:10_240]


def open_ws(data_dir: Path, user: str, clock: TuiClock) -> Workspace:
    """Open (creating on first use, led by alice) the data folder as ``user``, zone UTC."""
    first_run(data_dir, USER)
    policy = data_dir / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    if 'timezone = "UTC"' not in text:
        assert 'timezone = ""' in text, "the shipped policy no longer has an empty timezone"
        policy.write_text(text.replace('timezone = ""', 'timezone = "UTC"'), encoding="utf-8")
    return open_workspace(Settings(data_dir, user), clock=clock, lock_timeout=2.0)


def advance_to(ws: Workspace, case: Case, step: str) -> Case:
    """Complete steps through the service until ``case`` is at ``step``."""
    while case.step.value != step:
        case = ws.cases.advance(case.id, STEP_INPUTS[case.step.value])
    return case


# -- driving the app by keys ------------------------------------------------------------


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` one key at a time."""
    await pilot.press(*["space" if c == " " else c for c in text])


async def settle(pilot: Pilot[Any]) -> None:
    """Let store workers finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def choose(pilot: Pilot[Any], search: str) -> None:
    """In the focused Select: open it, type to find the option, Enter to choose it."""
    assert isinstance(pilot.app.focused, Select), f"focus is on {pilot.app.focused!r}"
    await pilot.press("enter")
    await type_text(pilot, search)
    await pilot.press("enter")
    await pilot.pause()


async def focus_field(pilot: Pilot[Any], form: Form, name: str, limit: int = 20) -> None:
    """Press tab until the control of field ``name`` has focus."""
    target = form.field(name).control
    for _ in range(limit):
        if pilot.app.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {name}; focus is on {pilot.app.focused!r}")


def notifications(app: CstuiApp) -> list[str]:
    """The messages of every notification still listed by the app."""
    return [n.message for n in app._notifications]


def plain(static: Widget) -> str:
    """What a Static shows, as plain text (markup, if any, already applied)."""
    assert isinstance(static, Static), static
    rendered = static.render()
    return str(getattr(rendered, "plain", rendered))


def column(table: DataTable[Any], label: str) -> list[str]:
    """The plain text of every cell in the column headed ``label``."""
    return [str(getattr(cell, "plain", cell)) for cell in table.get_column(label)]
