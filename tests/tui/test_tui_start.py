"""What starting the TUI loads and does: no models until needed, garbage collected after."""

from __future__ import annotations

import subprocess
import sys
import weakref

from tests.support.tui import settle

from cstui.tui.app import build_app
from cstui.workspace import Workspace

HEAVY = ("pydantic", "cstui.models.", "cstui.services.", "cstui.content.library")
LIGHT = (
    "cstui.models.kinds",
    "cstui.models.deadline",
    "cstui.models.text_gate",
    "cstui.models.roles",
    "cstui.services.briefs",
)


def test_importing_the_app_loads_no_models() -> None:
    code = "import sys, cstui.tui.app; print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    heavy = [m for m in done.stdout.split() if m.startswith(HEAVY) and not m.startswith(LIGHT)]
    assert heavy == []


def _cyclic_garbage_is_reclaimed_unasked() -> bool:
    """Drop a reference cycle, then allocate as a running app does: is the cycle freed
    without anyone calling the collector?"""

    class Node:
        peer: object = None

    node = Node()
    node.peer = node
    gone = weakref.ref(node)
    del node
    kept = [[n] for n in range(50_000)]  # containers that live on, as the collector counts
    del kept
    return gone() is None


async def test_cyclic_garbage_is_reclaimed_while_the_app_runs_and_after(
    workspace: Workspace,
) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert _cyclic_garbage_is_reclaimed_unasked()
    assert _cyclic_garbage_is_reclaimed_unasked()


DRAW_HOME = """
import asyncio, sys
from datetime import UTC, datetime
from pathlib import Path
from tests.support.workspaces import open_utc_workspace
from cstui.tui.app import build_app

ws = open_utc_workspace(Path(sys.argv[1]), "tester", lambda: datetime(2026, 3, 2, tzinfo=UTC))
async def draw() -> None:
    async with build_app(ws).run_test() as pilot:
        await pilot.pause()
asyncio.run(draw())
print("holidays" in sys.modules)
"""


def test_the_holiday_calendar_loads_off_the_start_path(tmp_path) -> None:
    """Briefs' deadlines are worked out when a case is saved: drawing home with an open
    case never loads the public-holiday calendar."""
    from tests.support.steps import case_fields
    from tests.support.workspaces import open_utc_workspace

    from cstui.workspace import utc_now

    data_dir = tmp_path / "data"
    open_utc_workspace(data_dir, "tester", utc_now).cases.log(case_fields())
    run = [sys.executable, "-c", DRAW_HOME, str(data_dir)]
    done = subprocess.run(run, capture_output=True, text=True, check=True)
    assert done.stdout.split()[-1] == "False"
