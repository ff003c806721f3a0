"""Helpers for the skills tests: a fixed clock, UTC workspaces, ratings, closed cases.

Kept out of conftest.py so test modules can import them by a name no other folder uses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.support.clock import FixedClock as Clock
from textual.pilot import Pilot

from cstui.config import Settings
from cstui.content.self_assessment import load_self_assessment
from cstui.models.skills import Rating
from cstui.store.ports import Stores
from cstui.workspace import Workspace, first_run, open_workspace

LEADER = "alice"
START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""Monday 2 March 2026, 10:00 UTC."""


def open_ws(
    data_dir: Path, user: str, clock: Clock, stores: Callable[[Workspace], Stores] | None = None
) -> Workspace:
    """The data folder (made on first use, led by alice) opened as ``user``, zone UTC
    (over ``stores`` when given, else the folder's file store)."""
    first_run(data_dir, LEADER)
    policy = data_dir / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    if 'timezone = "UTC"' not in text:
        assert 'timezone = ""' in text, "the shipped policy no longer has an empty timezone"
        policy.write_text(text.replace('timezone = ""', 'timezone = "UTC"'), encoding="utf-8")
    return open_workspace(Settings(data_dir, user), clock=clock, lock_timeout=2.0, stores=stores)


def ids() -> list[str]:
    """Every statement id, in order."""
    return load_self_assessment().ids()


def ratings_for(pattern: dict[str, Rating], default: Rating = Rating.ADEQUATE) -> dict[str, str]:
    """A full set of ratings (as JSON values): ``pattern`` where given, else ``default``."""
    return {sid: pattern.get(sid, default).value for sid in ids()}


async def settle(pilot: Pilot[Any]) -> None:
    """Let every queued save finish and the screen catch up."""
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not getattr(pilot.app.screen, "saving", False):
            break
    await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` one key at a time."""
    await pilot.press(*["space" if c == " " else c for c in text])
