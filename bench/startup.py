"""Time from process start to the interactive home screen, median of N runs.

Each run is a fresh Python process that opens the workspace and the TUI (headless), waits
for the home screen to be drawn, and exits. Usage: python bench/startup.py [--runs 5] [--cases 50]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys
from pathlib import Path
from cstui.config import Settings
from cstui.workspace import open_workspace
from cstui.tui.app import build_app

async def ready(pilot):
    await pilot.pause()
    pilot.app.exit()

build_app(open_workspace(Settings(Path(sys.argv[1]), "bench"))).run(
    headless=True, size=(120, 40), auto_pilot=ready
)
"""

BARE = """
from textual.app import App
from textual.widgets import DataTable

class Bare(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Case", "Customer", "Step", "Owner", "Next due")
        for n in range(500):
            table.add_row(f"C-{n:06d}", f"Customer {n}", "2 Investigate", "agent", "2026-11-24")

async def ready(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, size=(120, 40), auto_pilot=ready)
"""


def _time(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True)
    return time.perf_counter() - start


def seed(data_dir: Path, count: int) -> None:
    """Log ``count`` cases through the app's own services."""
    from cstui.config import Settings
    from cstui.workspace import open_workspace

    ws = open_workspace(Settings(data_dir, "bench"))
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
    """Run the child N times and print each time and the median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        seed(data, args.cases)
        ours, bare = [], []
        for _ in range(args.runs):  # alternate, so both see the same machine load
            ours.append(_time(CHILD, str(data)))
            bare.append(_time(BARE))
    print(f"Start to first interactive frame, {args.cases} open cases, {args.runs} runs each")
    print("cstui (s):                  " + ", ".join(f"{t:.3f}" for t in ours))
    print("bare Textual, 500 rows (s): " + ", ".join(f"{t:.3f}" for t in bare))
    mine, base = statistics.median(ours), statistics.median(bare)
    print(f"median cstui {mine:.3f} s, bare {base:.3f} s, ratio {mine / base:.2f}")


if __name__ == "__main__":
    main()
