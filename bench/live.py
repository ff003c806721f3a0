"""Save → other terminal's team view on PostgreSQL: how long a case saved by one person
takes to show in another person's team view, heard through LISTEN/NOTIFY.

A throwaway cluster is started (as the test suite starts one). The team view runs here,
headless, as alice; bob saves cases in a child process of his own, signed in as his own
role. For each save the child prints the ``time.monotonic()`` just after its commit
(``CLOCK_MONOTONIC`` is one clock for every process on Linux); the team view notes the
moment the case's row is in its table. Target: median and p95 ≤ 100 ms.

Usage: python bench/live.py [--saves 30]   (``child URL FOLDER`` is the saving child)
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from common import median, percentile  # noqa: E402
from tests.support.postgres import migrated, person_url, start_cluster  # noqa: E402
from tests.support.steps import case_fields  # noqa: E402
from tests.support.workspaces import utc_policy  # noqa: E402

from cstui.config import Settings  # noqa: E402
from cstui.workspace import Workspace, open_workspace, utc_now  # noqa: E402

TARGET_MS = 100.0


def workspace(url: str, folder: Path, person: str) -> Workspace:
    """``person``'s workspace on the server, from a data folder of their own."""
    utc_policy(folder, person)
    return open_workspace(Settings(folder, person, store=url), clock=utc_now)


def child(url: str, folder: str) -> None:
    """Bob's terminal: one case per line read; prints the moment each one committed."""
    bob = workspace(url, Path(folder), "bob")
    for _line in sys.stdin:
        case = bob.cases.log(case_fields("Sam Lee"))
        print(case.id, time.monotonic(), flush=True)


async def measure(url_alice: str, url_bob: str, folder: Path, saves: int) -> list[float]:
    """Milliseconds from each of bob's commits to its row in alice's team view."""
    from cstui.tui.app import build_app
    from cstui.tui.screens.team import TeamScreen
    from cstui.tui.widgets.team_table import TeamTable

    app = build_app(workspace(url_alice, folder / "alice", "alice"))
    bob = subprocess.Popen(
        [sys.executable, __file__, "child", url_bob, str(folder / "bob")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert bob.stdin is not None and bob.stdout is not None
    took: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        while not (isinstance(app.screen, TeamScreen) and app.live and app.live.feed.connected):
            await pilot.pause(0.01)
        await pilot.pause(0.5)
        table = app.screen.query_one(TeamTable)
        for _ in range(saves):
            before = _rows(table)
            bob.stdin.write("save\n")
            bob.stdin.flush()
            while _rows(table) == before:  # the row shows (nothing can before the commit)
                await asyncio.sleep(0.0005)
            seen = time.monotonic()
            case_id, committed = _read(bob.stdout)
            assert case_id in _rows(table) - before, case_id
            took.append((seen - committed) * 1000)
            await pilot.pause(0.2)
    bob.stdin.close()
    bob.wait()
    return took


def _read(stream: Any) -> tuple[str, float]:
    case_id, committed = stream.readline().split()
    return case_id, float(committed)


def _rows(table: Any) -> set[str]:
    return {str(key.value) for key in table.rows}


def main() -> None:
    """Start a cluster, measure, print the median and p95 against the target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cstui-live-"))
    folder.chmod(0o755)
    cluster = start_cluster(folder / "cluster")
    try:
        admin = cluster.url()
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute('CREATE DATABASE "live"')
        db = migrated(cluster.url(db="live"))
        alice, bob = person_url(cluster, db, "alice"), person_url(cluster, db, "bob")
        took = asyncio.run(measure(alice, bob, folder, args.saves))
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    mid, p95 = median(took), percentile(took, 95)
    verdict = "met" if p95 <= TARGET_MS else "MISSED"
    print(f"save → other terminal's team view, PostgreSQL, {len(took)} saves:")
    print(f"  median {mid:.1f} ms, p95 {p95:.1f} ms (target ≤ {TARGET_MS:.0f} ms: {verdict})")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
