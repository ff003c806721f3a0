"""What starting the TUI loads and does: no models until needed, the collector back after."""

from __future__ import annotations

import gc
import subprocess
import sys

from tests.support.tui import settle

from cstui.tui.app import build_app
from cstui.workspace import Workspace

HEAVY = ("pydantic", "cstui.models.", "cstui.services.", "cstui.content.library")
LIGHT = ("cstui.models.kinds", "cstui.models.deadline", "cstui.services.briefs")


def test_importing_the_app_loads_no_models() -> None:
    code = "import sys, cstui.tui.app; print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    heavy = [m for m in done.stdout.split() if m.startswith(HEAVY) and not m.startswith(LIGHT)]
    assert heavy == []


async def test_the_cycle_collector_runs_again_once_home_is_drawn(workspace: Workspace) -> None:
    app = build_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert gc.isenabled()
    assert gc.isenabled()
