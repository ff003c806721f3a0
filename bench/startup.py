"""Time from process start to the interactive home screen, and the memory it took.

Two child programs, each a fresh Python process run headless at 120x40:

- ``cstui``: opens the workspace on a data folder and starts the TUI on its home screen
  (my open cases, every open case);
- ``bare``: a Textual app with nothing but a 500-row DataTable, the least any such
  screen can cost.

Each child notes when every frame is done (see ``frames.py``) and, once the screen has
been quiet for a moment, prints the ``time.monotonic()`` of its last frame and the number
of table rows it shows, then exits. The start-up time is that moment minus the moment
just before the parent started the child (``CLOCK_MONOTONIC`` is one clock for every
process on Linux), so leaving the app is not counted. Peak memory is the child's
``ru_maxrss`` from ``os.wait4``. The two are run alternately (ABAB...), so both see the
same machine.

Usage: python bench/startup.py [--data DIR | --cases 50] [--runs 5]
(``child cstui DIR [URL]`` and ``child bare`` are the two children themselves).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import (
    ACCOUNT,
    Budget,
    ChildRun,
    alternate,
    compile_cstui,
    median,
    python_child,
    run_child,
)
from frames import FrameLog, timed

SIZE = (120, 40)
BARE_ROWS = 500


async def _report_when_quiet(app: Any, frames: FrameLog, rows: Any) -> None:
    """Once the first screen is drawn and quiet, print its last frame's moment; exit."""
    await frames.settle()
    last = frames.times[-1]
    moment = time.monotonic() - (time.perf_counter() - last)
    print(f"ready {moment:.6f} {rows()}", flush=True)
    app.exit()


def child_cstui(data_dir: Path, store: str = "") -> None:
    """Open the workspace and the TUI on ``data_dir`` (and the PostgreSQL server at
    ``store``, if given); report when home is drawn."""
    from textual.pilot import Pilot
    from textual.widgets import DataTable

    from cstui.bundle import services_of
    from cstui.config import Settings
    from cstui.tui.app import CstuiApp
    from cstui.workspace import open_workspace

    frames = FrameLog()
    gc.disable()  # as ``cstui`` does before it opens the store for the terminal app
    app = timed(CstuiApp, frames)(
        services_of(open_workspace(Settings(data_dir, ACCOUNT, store=store)))
    )

    async def ready(pilot: Pilot[object]) -> None:
        def rows() -> int:
            return int(pilot.app.screen.query_one("#all", DataTable).row_count)

        await _report_when_quiet(pilot.app, frames, rows)

    app.run(headless=True, size=SIZE, auto_pilot=ready)


def child_bare() -> None:
    """A bare Textual app showing a 500-row DataTable; report when it is drawn."""
    from textual.app import App, ComposeResult
    from textual.pilot import Pilot
    from textual.widgets import DataTable

    frames = FrameLog()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Case", "Customer", "Step", "Owner", "Next due")
            for n in range(BARE_ROWS):
                table.add_row(f"C-{n:06d}", f"Customer {n}", "2 Investigate", "agent", "2026-11-24")

    async def ready(pilot: Pilot[object]) -> None:
        def rows() -> int:
            return int(pilot.app.query_one(DataTable).row_count)

        await _report_when_quiet(pilot.app, frames, rows)

    timed(Bare, frames)().run(headless=True, size=SIZE, auto_pilot=ready)


@dataclass(frozen=True)
class Start:
    """One child's start: seconds to its quiet first screen, peak memory, rows shown."""

    seconds: float
    rss_kb: int
    rows: int
    wall: float
    """The whole process, leaving included."""


def start(argv: list[str]) -> tuple[Start, ChildRun]:
    """Run one child and read its report."""
    run = run_child(argv, capture=True)
    words = run.stdout.decode().split()
    if len(words) < 3 or words[0] != "ready":
        raise RuntimeError(f"{' '.join(argv)} did not report: {run.stdout[-500:]!r}")
    return Start(float(words[1]) - run.started, run.rss_kb, int(words[2]), run.seconds), run


def compare(data_dir: Path, budget: Budget, store: str = "") -> tuple[list[Start], list[Start]]:
    """cstui on ``data_dir`` (on the server ``store``, if given) and the bare app, alternately."""
    ours: list[Start] = []
    bare: list[Start] = []

    def run_ours() -> ChildRun:
        got, run = start(python_child("startup.py", "child", "cstui", str(data_dir), store))
        ours.append(got)
        return run

    def run_bare() -> ChildRun:
        got, run = start(python_child("startup.py", "child", "bare"))
        bare.append(got)
        return run

    alternate(run_ours, run_bare, budget, "TUI start")
    return ours[1:], bare[1:]  # the first of each warmed the caches


def seed(data_dir: Path, count: int) -> None:
    """Log ``count`` cases through the app's own services."""
    from cstui.config import Settings
    from cstui.workspace import open_workspace

    ws = open_workspace(Settings(data_dir, ACCOUNT))
    for n in range(count):
        ws.cases.log(
            {
                "customer": {"name": f"Customer {n}", "phone": f"0400{n:06d}"},
                "channel": "phone",
                "category": ws.policy.categories[n % len(ws.policy.categories)],
                "summary": f"Complaint number {n} about a late delivery",
                "details": "The parcel did not arrive on the promised day. " * 8,
            }
        )


def main() -> None:
    """Children, or: compare cstui with the bare app and print the medians."""
    if len(sys.argv) > 2 and sys.argv[1] == "child":
        if sys.argv[2] == "cstui":
            child_cstui(Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "")
        else:
            child_bare()
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, help="a data folder (default: a new one)")
    parser.add_argument("--cases", type=int, default=50, help="cases to log in a new folder")
    args = parser.parse_args()
    compile_cstui()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            data = Path(tmp) / "data"
            seed(data, args.cases)
        ours, bare = compare(data, Budget(args.runs, 1e9))
    print(f"Start to the quiet first screen, {ours[0].rows} open cases, {len(ours)} runs each")
    for name, starts in (("cstui", ours), (f"bare Textual, {BARE_ROWS} rows", bare)):
        times = ", ".join(f"{s.seconds:.3f}" for s in starts)
        print(f"{name + ' (s):':28}{times}")
    mine, base = median([s.seconds for s in ours]), median([s.seconds for s in bare])
    print(f"median cstui {mine:.3f} s, bare {base:.3f} s, ratio {mine / base:.2f}")
    mem, base_mem = median([s.rss_kb for s in ours]), median([s.rss_kb for s in bare])
    print(f"peak memory cstui {mem / 1024:.0f} MB, bare {base_mem / 1024:.0f} MB")


if __name__ == "__main__":
    main()
