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
