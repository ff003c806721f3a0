"""Helpers for the guidance tests: seed text, a fixed clock, a UTC workspace, driving by keys.

Kept out of conftest.py so test modules can import them by a name no other folder uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.support import steps
from tests.support.clock import FixedClock as Clock
from textual.pilot import Pilot

from cstui.config import Settings
from cstui.models.case import Case
from cstui.store.ports import Stores
from cstui.workspace import Workspace, first_run, open_workspace

USER = "alice"
START = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
"""Monday 23 November 2026, 10:00 UTC: acknowledge by Tuesday 24th, resolve by 23 December."""

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
"""The user's documents, beside the project (../shared/seeds)."""
SEED_003 = SEEDS / "003_232d65b36ef58f91.txt"


def normalised(text: str) -> str:
    """Whitespace runs folded to one space, ends stripped."""
    return " ".join(text.split())


def seed_tips(text: str) -> dict[int, str]:
    """The numbered Customer Service Quick Tips of seed 003."""
    tail = text.split("Customer Service Quick Tips:", 1)[1]
    return {int(n): normalised(body) for n, body in re.findall(r"(?m)^(\d+)\. (.+)$", tail)}


def seed_activity_paragraphs(text: str) -> dict[str, list[str]]:
    """Each "(Heading" of seed 003's Activities and the paragraphs under it."""
    body = text.split("\nActivities\n", 1)[1].split("Customer Service Quick Tips:", 1)[0]
    themes: dict[str, list[str]] = {}
    current = ""
    for line in (line.strip() for line in body.splitlines()):
        if not line:
            continue
        if line.startswith("("):
            current = line[1:]
            themes[current] = []
        else:
            themes[current].append(line)
    return themes


def open_ws(
    data_dir: Path,
    clock: Clock,
    user: str = USER,
    stores: Callable[[Workspace], Stores] | None = None,
) -> Workspace:
    """Open (creating on first use) the data folder with the policy's zone set to UTC
    (over ``stores`` when given, else the folder's file store)."""
    first_run(data_dir, USER)
    policy = data_dir / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    if 'timezone = "UTC"' not in text:
        assert 'timezone = ""' in text, "the shipped policy no longer has an empty timezone"
        policy.write_text(text.replace('timezone = ""', 'timezone = "UTC"'), encoding="utf-8")
    return open_workspace(Settings(data_dir, user), clock=clock, lock_timeout=2.0, stores=stores)


STEP_INPUTS: dict[str, dict[str, Any]] = {
    **steps.STEP_INPUTS,
    "declare": {"promise": "We will refund the second charge", "by": "2026-12-01"},
    "solve": {"action": "Refund the second charge of $40", "policy_clause": "Refunds 4.2"},
    "follow-up": {
        "satisfied": False,
        "referral_body": "Energy Ombudsman",
        "referral_contact": "1800 000 000",
    },
}
"""Each step's inputs, with a promise, an action and a referral for templates to fill in."""


def advance_to(ws: Workspace, case: Case, step: str) -> Case:
    """Complete steps through the service until ``case`` is at ``step``."""
    while case.step.value != step:
        case = ws.cases.advance(case.id, STEP_INPUTS[case.step.value])
    return case


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` one key at a time."""
    await pilot.press(*["space" if c == " " else c for c in text])


async def settle(pilot: Pilot[Any]) -> None:
    """Let store workers finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def plain(widget: Any) -> str:
    """What a Static shows, as plain text."""
    rendered = widget.render()
    return str(getattr(rendered, "plain", rendered))


def write_override(data_dir: Path, name: str, text: str) -> Path:
    """Put ``text`` in ``<data_dir>/content/<name>``."""
    path = data_dir / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
