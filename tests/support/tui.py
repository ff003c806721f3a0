"""Driving the app by keys in Pilot tests, reading what it shows, and hostile names."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Select, Static

from cstui.tui.app import CstuiApp
from cstui.tui.widgets.form import Form

HOSTILE_CLOSE = "[/]"
HOSTILE_CLICK = "[@click=app.quit]x[/]"
HOSTILE_BOLD = "[bold]Bold[/bold]"
EMOJI_NAME = "😀 Zoë"
ARABIC_NAME = "محمد"
LONG_DETAILS = ("The parcel arrived late and damaged. " * 300)[:10_240]


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` one key at a time."""
    await pilot.press(*["space" if c == " " else c for c in text])


async def settle(pilot: Pilot[Any]) -> None:
    """Let background loads and every queued save finish, and the screen catch up (a
    load a screen starts as it mounts, and a table widening its columns, included)."""
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not _busy(pilot.app):
            break
    await pilot.pause()


def _busy(app: App[Any]) -> bool:
    """Work is still under way: a worker started (by a screen mounted since the last look),
    a save waiting, or a table not yet widened to rows just added (Textual does that when
    the table is next idle, which a busy machine can put off past a screenshot)."""
    screen = app.screen
    return (
        any(not worker.is_finished for worker in app.workers)
        or bool(getattr(screen, "saving", False))
        or any(table._require_update_dimensions for table in screen.query(DataTable))
    )


async def until(pilot: Pilot[Any], holds: Callable[[], bool], rounds: int = 50) -> None:
    """Let the app run until ``holds()`` (a form mounted after a load, say); fail if never."""
    for _ in range(rounds):
        if holds():
            return
        await settle(pilot)
    raise AssertionError(f"never came true: {holds}")


async def shown_within(pilot: Pilot[Any], holds: Callable[[], bool], seconds: float) -> float:
    """Let the app run (pressing nothing) until ``holds()``; the seconds it took (fails
    after ``seconds``)."""
    started = time.perf_counter()
    while not holds():
        assert time.perf_counter() - started < seconds, "not shown in time"
        await pilot.pause(0.005)
    return time.perf_counter() - started


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


def cstui(pilot: Pilot[Any]) -> CstuiApp:
    """The app ``pilot`` drives, as the cstui app it is."""
    app = pilot.app
    assert isinstance(app, CstuiApp), app
    return app


def notifications(app: App[Any]) -> list[str]:
    """The messages of every notification the app still lists."""
    return [n.message for n in app._notifications]


def plain(static: Widget) -> str:
    """What a Static shows, as plain text (markup, if any, already applied)."""
    assert isinstance(static, Static), static
    rendered = static.render()
    return str(getattr(rendered, "plain", rendered))


def column(table: DataTable[Any], label: str) -> list[str]:
    """The plain text of every cell in the column headed ``label``."""
    return [str(getattr(cell, "plain", cell)) for cell in table.get_column(label)]
