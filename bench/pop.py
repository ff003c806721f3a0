"""From ``cstui pop NUMBER`` starting to the caller's screen drawn in a running TUI.

Starts ``cstui`` in tmux (120x40) on a copy of the 100,000-case bench store (made by
``bench/run.py``; the archive is hard-linked, since only ``contacts/`` is written), then
runs ``cstui pop`` for callers of stored cases, timing each from the moment the process is
started until the pane shows that call's screen; Esc closes it before the next. Prints the
median, the p95 and their ratios to the targets (150 ms and 300 ms).

Usage: python bench/pop.py [--runs 30] [--store /tmp/cstui-bench/stores/cases-100000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import cstui_command, median, percentile

SOCKET = "cstui-bench-pop"
MEDIAN_TARGET, P95_TARGET = 0.150, 0.300
WAIT = 20.0
NUMBERS = ("+61400000001", "+61400000002", "+61400000003")


def tmux(*args: str) -> str:
    """Run a tmux command on this benchmark's own server; its output."""
    done = subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True)
    return done.stdout


def screen() -> str:
    """What the pane shows now."""
    return tmux("capture-pane", "-p", "-t", "cstui")


def wait_for(text: str, gone: bool = False) -> None:
    """Until ``text`` is on the pane (or, with ``gone``, no longer is)."""
    deadline = time.perf_counter() + WAIT
    while (text in screen()) == gone:
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {text!r}:\n{screen()}")


def copy_store(store: Path, into: Path) -> Path:
    """A data folder that reads ``store``: small files copied, the archive hard-linked."""
    data = into / "data"
    data.mkdir(mode=0o700)
    for item in store.iterdir():
        if item.name == "archive":
            subprocess.run(["cp", "-al", str(item), str(data / "archive")], check=True)
        elif item.is_file():
            shutil.copy2(item, data / item.name)
    return data


def run(runs: int, store: Path) -> list[float]:
    """Time ``runs`` pops; the seconds of each."""
    with tempfile.TemporaryDirectory(prefix="cstui-bench-pop-") as folder:
        root = Path(folder)
        data = copy_store(store, root)
        runtime = root / "run"
        runtime.mkdir(mode=0o700)
        env = {**os.environ, "CSTUI_DATA_DIR": str(data), "XDG_RUNTIME_DIR": str(runtime)}
        argv = " ".join(cstui_command())
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "cstui", "-x", "120", "-y", "40",
             "-e", f"CSTUI_DATA_DIR={data}", "-e", f"XDG_RUNTIME_DIR={runtime}", argv)  # fmt: skip
        try:
            wait_for("open cases")
            time.sleep(1.0)  # the listener starts once home is drawn
            times = []
            for n in range(runs):
                number = NUMBERS[n % len(NUMBERS)]
                mark = f"call b{n}x"
                started = time.perf_counter()
                pop = subprocess.Popen(
                    [*cstui_command(), "pop", number, "--call-id", f"b{n}x"],
                    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                )  # fmt: skip
                wait_for(mark)
                times.append(time.perf_counter() - started)
                pop.wait(timeout=WAIT)
                tmux("send-keys", "-t", "cstui", "Escape")
                wait_for(mark, gone=True)
            return times
        finally:
            tmux("kill-server")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--store", type=Path, default=Path("/tmp/cstui-bench/stores/cases-100000"))
    parser.add_argument("--json", action="store_true", help="the figures as JSON (run.py)")
    args = parser.parse_args()
    times = run(args.runs, args.store)
    mid, p95 = median(times), percentile(times, 95)
    if args.json:
        figures = {"runs": len(times), "median_ms": mid * 1000, "p95_ms": p95 * 1000}
        targets = {"median_target_ms": MEDIAN_TARGET * 1000, "p95_target_ms": P95_TARGET * 1000}
        print(json.dumps(figures | targets))
        return
    print(f"pop to caller's screen, {args.store.name}, {len(times)} runs")
    print(f"median {mid * 1000:.0f} ms (target {MEDIAN_TARGET * 1000:.0f} ms, "
          f"{mid / MEDIAN_TARGET:.2f}x)")  # fmt: skip
    print(f"p95    {p95 * 1000:.0f} ms (target {P95_TARGET * 1000:.0f} ms, "
          f"{p95 / P95_TARGET:.2f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
