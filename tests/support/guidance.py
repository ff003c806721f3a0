"""Guidance tests: the seed text of the tips, step inputs that fill templates, overrides."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.support import steps, workspaces

from cstui.models.case import Case
from cstui.workspace import Workspace

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
    """Complete steps through the service (with :data:`STEP_INPUTS`) until ``case`` is at
    ``step``."""
    return workspaces.advance_to(ws, case, step, STEP_INPUTS)


def write_override(data_dir: Path, name: str, text: str) -> Path:
    """Put ``text`` in ``<data_dir>/content/<name>``."""
    path = data_dir / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
