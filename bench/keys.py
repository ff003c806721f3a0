"""Key press to finished frame on the team view, in the real app, headless.

The app runs with ``App.run_test`` (headless, 120x40) on a generated store: ``v`` on the
home screen opens the team view, and once its table shows every open case the keys are
pressed one at a time: blocks of down x10, page down x2, up x10, page up x2, so every
press moves the cursor and the cursor stays inside the list.

How "the next frame is done" is known. In Textual 8 a key reaches the app the way the
terminal driver sends it: ``Driver.send_message(events.Key)`` puts it on the app's message
queue; the app passes it to the focused table, whose binding moves the cursor (and
scrolls) and marks the table dirty; once the table is idle it posts ``Update`` (and
``UpdateScroll``) to its screen; the screen, once idle, resumes its update timer, whose
``Screen._on_timer_update`` runs ``_refresh_layout`` or ``Compositor.update_widgets``,
then ``_compositor_refresh``: the compositor calls ``render_lines`` on each dirty widget
and hands the changed lines to ``App._display``, the one place a frame leaves for the
terminal. Headless, ``_display`` does not encode the frame, so the app here overrides it
to encode it as a terminal would (``render_segments``) and notes the moment (see
``frames.py``). The table's ``render_lines`` is wrapped to note the cursor row and scroll
offset it drew, so each frame is known by what the table in it shows, not by what the
table's state happens to be (a frame another widget causes does not redraw the table).

``Pilot.press``, ``wait_for_idle`` and ``call_after_refresh`` are not used for timing:
``Pilot.press`` waits for the CPU to go idle in 20 ms steps, and an after-refresh
callback can run before the table's update has even reached the screen.

Keys are pressed the way a terminal delivers them: from a thread of their own (as
Textual's driver reads the terminal in a thread), which calls ``Driver.send_message``
50-150 ms (at random) after the previous press was drawn. So a press can land while the
app is busy with something else - a timer, the team view's one-second re-read of the
store, Python's garbage collector, the home screen underneath - and then waits for it,
exactly as a user's would: a press is never held back until the app is idle. The thread
notes the time just before it posts a key. The press's time is that of the first frame showing the
table as that key leaves it (its cursor row and scroll offset), minus that noted time.
Waiting for the next press is outside the measurement.

Usage: python bench/keys.py DATA [--presses 200] (prints one JSON object).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import queue
import random
import threading
import time
from pathlib import Path
from typing import Any

from common import ACCOUNT, median, percentile
from frames import FrameLog, timed

SIZE = (120, 40)
PAUSE = (0.05, 0.15)
"""Seconds between a press being drawn and the next press, drawn at random."""
BLOCK = ["down"] * 10 + ["pagedown"] * 2 + ["up"] * 10 + ["pageup"] * 2


class Presser(threading.Thread):
    """Posts keys from its own thread, as the terminal driver does, after a human pause."""

    def __init__(self, app: Any, driver: Any, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(daemon=True)
        self.app = app
        self.driver = driver
        self.loop = loop
        self.rng = random.Random(11)
        self.keys: queue.Queue[tuple[str, asyncio.Future[float]] | None] = queue.Queue()

    async def press(self, key: str) -> float:
        """Have ``key`` pressed after a pause; the ``perf_counter`` time it was posted."""
        posted: asyncio.Future[float] = self.loop.create_future()
        self.keys.put((key, posted))
        return await posted

    def stop(self) -> None:
        """No more keys."""
        self.keys.put(None)

    def run(self) -> None:
        """Post each key asked for after a pause, noting the moment just before."""
        from textual import events

        while (item := self.keys.get()) is not None:
            key, posted = item
            time.sleep(self.rng.uniform(PAUSE[0], PAUSE[1]))
            event = events.Key(key, None)
            event.set_sender(self.app)
            moment = time.perf_counter()
            self.loop.call_soon_threadsafe(posted.set_result, moment)
            self.driver.send_message(event)


def key_sequence(presses: int) -> list[str]:
    """``presses`` keys that each move the cursor, from the top row, staying in the list."""
    return (BLOCK * (presses // len(BLOCK) + 1))[:presses]


async def measure(data_dir: Path, presses: int) -> dict[str, Any]:
    """Open the team view on ``data_dir`` and time ``presses`` key presses."""
    from cstui.bundle import services_of
    from cstui.config import Settings
    from cstui.tui.app import CstuiApp
    from cstui.tui.screens.team import TeamScreen
    from cstui.tui.widgets.team_table import TeamTable
    from cstui.workspace import open_workspace

    frames = FrameLog()

    app = timed(CstuiApp, frames)(services_of(open_workspace(Settings(data_dir, ACCOUNT))))
    latencies: list[float] = []
    bursts: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        await frames.settle()
        await pilot.press("v")
        deadline = time.perf_counter() + 600
        while True:
            screen = app.screen
            if isinstance(screen, TeamScreen) and screen.board is not None:
                table = screen.query_one(TeamTable)
                if table.row_count == len(screen.board.rows) and table.has_focus:
                    break
            if time.perf_counter() > deadline:
                raise TimeoutError("the team view did not load")
            await asyncio.sleep(0.05)
        rows = table.row_count
        drawn: list[tuple[int, int]] = [(table.cursor_row, round(table.scroll_y))]
        render_lines = table.render_lines

        def noting_render_lines(crop: Any) -> Any:
            drawn[0] = (table.cursor_row, round(table.scroll_y))
            return render_lines(crop)

        table.render_lines = noting_render_lines  # type: ignore[method-assign]
        frames.probe = lambda: drawn[0]
        driver = app._driver
        assert driver is not None
        presser = Presser(app, driver, asyncio.get_running_loop())
        presser.start()
        for key in key_sequence(presses):
            posted = await presser.press(key)
            since = bisect.bisect_left(frames.times, posted)
            before = frames.shown[since - 1] if since else None
            give_up = posted + 60
            while True:
                await frames.settle(since=since)
                final = (table.cursor_row, round(table.scroll_y))
                if final != before and frames.shown[-1] == final:
                    break
                if time.perf_counter() > give_up:
                    raise RuntimeError(f"{key} did not change the table")
            first = next(i for i in range(since, len(frames.times)) if frames.shown[i] == final)
            latencies.append(frames.times[first] - posted)
            bursts.append(len(frames.times) - since)
        presser.stop()
        app.exit()
    return {
        "rows": rows,
        "presses": len(latencies),
        "samples_ms": [1000 * s for s in latencies],
        "median_ms": 1000 * median(latencies),
        "p95_ms": 1000 * percentile(latencies, 95),
        "max_ms": 1000 * max(latencies),
        "frames_per_press": sum(bursts) / len(bursts),
    }


def main() -> None:
    """Measure and print the result as JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--presses", type=int, default=200)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.data, args.presses))))


if __name__ == "__main__":
    main()
