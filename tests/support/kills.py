"""A data folder's workspace and a kill stand-in, for tests that cut a write short."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cstui.config import Settings
from cstui.workspace import Workspace, open_workspace

FIELDS: dict[str, Any] = {
    "customer": {"name": "Jo Citizen", "phone": "0400 000 001"},
    "channel": "phone",
    "category": "Billing",
    "summary": "Charged twice",
}
"""A complaint to log."""


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even the store's own error path."""


def open_folder(folder: Path) -> Workspace:
    """ann's workspace on ``folder`` (a terminal opened afresh)."""
    return open_workspace(Settings(folder, "ann"))


def next_write_is_clean(folder: Path, number: str) -> None:
    """After a kill: the store checks clean, the next case gets ``number`` (the one the
    killed write was about to give out), and the store holds it."""
    after = open_folder(folder)
    assert after.store.check().problems == []
    assert after.cases.log(FIELDS).id == number
    health = open_folder(folder).store.check()
    assert health.ok and health.cases == int(number[2:])
