"""A centre's day under load: many terminals saving at once, and a team view watching.

Each terminal is an OS process of its own driving the case SERVICES as one person on the
roster (on PostgreSQL signed in as that person's own LOGIN role): once every 2 s it logs a
case, notes it, advances it a step, logs the next, and so on (its own cases, so nobody
conflicts), each save timed with ``time.perf_counter``. The terminals start together (each
says it is ready, then all are told the same start moment) and each begins at its own
random offset within the first interval, as people do.

One more process runs the real app (``CstuiApp``, headless at 120x40) signed in as the
team leader, with ``v`` pressed to open the real team view (``TeamScreen``). It polls the
team table's rows every 5 ms in the app's own event loop and writes down the moment
(``CLOCK_MONOTONIC``, one clock for every process) each case id first appears in it.
"Save → team view" is that moment minus the moment the logging terminal started the
save, for every case logged while the view was up. Whatever makes the view reload (its
timer now, a notification later), a row appearing is what is measured.

After a run every acknowledged save is read back: a logged case must exist, a note must be
in its case, and a case must be at least at the version the save returned. "Lost" counts
those that are not.

Then the terminals are stepped up (10, 25, 50, 75, 100, ...), a short run each, until the
95th percentile of saves passes 50 ms: that count is reported per store.

Usage: python bench/load.py [--seconds 60] [--terminals 50] [--step-seconds 12]
[--steps 10,25,50,75,100] [--stores file,postgres] [--size 100000] (prints JSON)
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import ACCOUNT, median, percentile, python_child, say

INTERVAL = 2.0
P95_LIMIT_MS = 50.0
POLL = 0.005
OPENED_TOGETHER = 5
"""Terminals started (and warmed by their first save) at once before the next ones."""


# -- one terminal ---------------------------------------------------------------------------


def settings_from(args: argparse.Namespace) -> Any:
    """The settings of the person a child process works as."""
    from cstui.config import Settings

    return Settings(Path(args.home), args.person, store=args.url or "")


class Terminal:
    """One person's saves: log, note, advance, log, ..."""

    def __init__(self, ws: Any, person: str, rng: random.Random) -> None:
        self.ws = ws
        self.person = person
        self.rng = rng
        self.mine: list[Any] = []
        self.count = 0

    def save(self, turn: int) -> dict[str, Any]:
        """Make the save of ``turn``; what it was and what it returned."""
        from generate import Shape, new_case_fields, step_fields

        from cstui.models.kinds import Step

        kind = ("log", "note", "advance")[turn % 3] if self.mine else "log"
        today = self.ws.cases.clock().date()
        if kind == "log":
            category = self.rng.choice(list(self.ws.policy.categories))
            case = self.ws.cases.log(new_case_fields(self.rng, category, today))
            self.mine.append(case)
            return {"kind": kind, "case": case.id, "version": case.version}
        case = self.mine[-1]
        if kind == "note":
            self.count += 1
            text = f"load note {self.person} {self.count}"
            saved = self.ws.cases.note(case.id, text)
            self.mine[-1] = saved
            return {"kind": kind, "case": saved.id, "version": saved.version, "text": text}
        shape = Shape(Step.CLOSED, outcome="satisfied")
        saved = self.ws.cases.advance(case.id, step_fields(case.step, shape, self.rng, today))
        if saved.is_open:
            self.mine[-1] = saved
        else:
            self.mine.pop()
        return {"kind": kind, "case": saved.id, "version": saved.version}


def worker(args: argparse.Namespace) -> None:
    """A terminal: open the workspace, say ready, wait for the start, save, report."""
    from cstui.workspace import open_workspace

    rng = random.Random(args.seed)
    terminal = Terminal(open_workspace(settings_from(args)), args.person, rng)
    terminal.save(0)  # warmed, as a terminal open all day is: its first save loads the rules
    print("ready", flush=True)
    start = float(sys.stdin.readline().split()[1])
    first = start + rng.uniform(0, INTERVAL)
    saves: list[dict[str, Any]] = []
    turn = 0
    while (moment := first + turn * INTERVAL) < start + args.seconds:
        time.sleep(max(0.0, moment - time.monotonic()))
        began = time.monotonic()
        tick = time.perf_counter()
        try:
            done = terminal.save(turn)
            done["ms"] = 1000 * (time.perf_counter() - tick)
        except Exception as exc:  # counted: every error is a figure of the run
            done = {"kind": "error", "error": f"{type(exc).__name__}: {exc}"[:300]}
        done["began"] = began
        saves.append(done)
        turn += 1
    # Stay until every terminal is done: a process ending frees its memory, and that work
    # would fall on the others' last saves (a centre's terminals do not all close at once).
    time.sleep(max(0.0, start + args.seconds + INTERVAL - time.monotonic()))
    print(json.dumps(saves), flush=True)


# -- the team view ---------------------------------------------------------------------------


def team_view(args: argparse.Namespace) -> None:
    """The real app on the team view; each case id's first appearance, one per line."""
    from cstui.bundle import services_of
    from cstui.tui.app import CstuiApp
    from cstui.workspace import open_workspace

    app = CstuiApp(services_of(open_workspace(settings_from(args))))
    seen: set[str] = set()
    with Path(args.out).open("a", buffering=1) as out:
        _watch_team_view(app, seen, out)


def _watch_team_view(app: Any, seen: set[str], out: Any) -> None:
    """Run ``app``, open its team view, note each new row's moment in ``out``."""
    from textual.pilot import Pilot

    from cstui.tui.widgets.team_table import TeamTable

    def look() -> None:
        tables = app.screen.query(TeamTable)
        if not tables:
            return
        now = time.monotonic()
        keys = {str(key.value) for key in tables.first().rows}
        for case_id in keys - seen:
            out.write(f"{case_id} {now:.6f}\n")
        if not seen and keys:
            print("ready", flush=True)
        seen.update(keys)

    async def watch(pilot: Pilot[object]) -> None:
        await pilot.press("v")
        app.set_interval(POLL, look)

    app.run(headless=True, size=(120, 40), auto_pilot=watch)


# -- one run ----------------------------------------------------------------------------------


@dataclass
class Target:
    """Where the terminals of one store work, and who they are."""

    name: str
    home: Path
    people: list[str]
    urls: dict[str, str]
    """Each person's store URL (PostgreSQL), or none (the file store)."""

    def child(self, role: str, person: str, *more: str) -> list[str]:
        """The command of a child process working as ``person``."""
        url = ["--url", self.urls[person]] if self.urls else []
        return python_child(
            "load.py", role, "--home", str(self.home), "--person", person, *url, *more
        )


def _ready(target: Target, proc: subprocess.Popen[str]) -> None:
    """Wait until the child ``proc`` says it is ready (warmed by its first save)."""
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        raise RuntimeError(f"a child of the {target.name} run did not start")


def run(target: Target, terminals: int, seconds: float, scratch: Path) -> dict[str, Any]:
    """``terminals`` terminals saving for ``seconds``, a team view watching; the figures."""
    from generate import LEADER

    scratch.mkdir(parents=True, exist_ok=True)
    seen_file = scratch / f"seen-{target.name}-{terminals}.txt"
    seen_file.unlink(missing_ok=True)
    viewer = subprocess.Popen(
        target.child("team-view", LEADER, "--out", str(seen_file)),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    workers: list[subprocess.Popen[str]] = []
    try:
        _ready(target, viewer)
        for n, person in enumerate(target.people[:terminals]):  # opened a few at a time,
            workers.append(  # as a centre's terminals are through the morning
                subprocess.Popen(
                    target.child(
                        "worker",
                        person,
                        "--seconds",
                        str(seconds),
                        "--seed",
                        str(n + 1000 * terminals),
                    ),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                )
            )
            if len(workers) % OPENED_TOGETHER == 0 or len(workers) == terminals:
                for proc in workers[(len(workers) - 1) // OPENED_TOGETHER * OPENED_TOGETHER :]:
                    _ready(target, proc)
    except BaseException:
        for proc in [viewer, *workers]:
            proc.kill()
        raise
    start = time.monotonic() + 0.5
    for proc in workers:
        assert proc.stdin is not None
        proc.stdin.write(f"go {start}\n")
        proc.stdin.flush()
    saves: list[dict[str, Any]] = []
    for proc in workers:
        out, _ = proc.communicate()
        saves += json.loads(out.strip().splitlines()[-1])
    time.sleep(2.0)  # the team view's last reload
    viewer.terminate()
    viewer.wait()
    return figures(target, saves, seen_file)


def figures(target: Target, saves: list[dict[str, Any]], seen_file: Path) -> dict[str, Any]:
    """Latency, errors, lost writes and the team view's delay of one run."""
    done = [s for s in saves if s["kind"] != "error"]
    errors = [s["error"] for s in saves if s["kind"] == "error"]
    latency = [s["ms"] for s in done]
    seen: dict[str, float] = {}
    for line in seen_file.read_text().splitlines():
        case_id, moment = line.split()
        seen.setdefault(case_id, float(moment))
    logged = [s for s in done if s["kind"] == "log"]
    delays = [1000 * (seen[s["case"]] - s["began"]) for s in logged if s["case"] in seen]
    return {
        "store": target.name,
        "saves": len(saves),
        "p50_ms": percentile(latency, 50),
        "p95_ms": percentile(latency, 95),
        "p99_ms": percentile(latency, 99),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
        "lost": lost(target, done),
        "logged": len(logged),
        "shown": len(delays),
        "team_view_median_ms": median(delays),
        "team_view_p95_ms": percentile(delays, 95),
        "team_view_max_ms": max(delays, default=float("nan")),
    }


def lost(target: Target, done: list[dict[str, Any]]) -> int:
    """How many acknowledged saves cannot be read back."""
    from generate import LEADER

    from cstui.config import Settings
    from cstui.errors import NotFound
    from cstui.workspace import open_workspace

    url = target.urls.get(LEADER, "")
    ws = open_workspace(Settings(target.home, LEADER, store=url))
    missing = 0
    for save in done:
        try:
            case = ws.cases.get(save["case"])
        except NotFound:
            missing += 1
            continue
        if case.version < save["version"] or (
            "text" in save and save["text"] not in case.model_dump_json()
        ):
            missing += 1
    return missing


# -- the stores --------------------------------------------------------------------------------


def people(count: int) -> list[str]:
    """``count`` people: the roster's agents and leader, then ``loadNNN`` as needed."""
    from generate import LEADER, agent_names

    names = [*agent_names(), LEADER]
    return names + [f"load{n:03d}" for n in range(len(names), count)]


def enrol(home: Path, names: list[str], url_of: Any = None) -> None:
    """Put everyone of ``names`` not on the roster on it, as agents (as the leader), and
    make one save."""
    from generate import LEADER

    from cstui.config import Settings
    from cstui.workspace import open_workspace

    url = url_of(LEADER) if url_of else ""
    ws = open_workspace(Settings(home, LEADER, store=url))
    on = {m.name for m in ws.team.roster().members}
    for name in names:
        if name not in on:
            ws.team.add(name, "agent", "200")
    # one unmeasured save first, as saving.py makes: the day's first save on the file store
    # also takes the day's backup, which is not what is measured
    from generate import new_case_fields

    today = ws.cases.clock().date()
    ws.cases.log(new_case_fields(random.Random(1), ws.policy.categories[0], today))


def file_target(store: Path, scratch: Path, count: int) -> Target:
    """A copy of the generated file store, everyone on its roster."""
    home = scratch / "file-store"
    if home.exists():
        shutil.rmtree(home)
    shutil.copytree(store, home)
    names = people(count)
    enrol(home, names)
    return Target("file", home, names, {})


def server_target(store: Path, work: Path, count: int) -> tuple[Target, Any]:
    """A throwaway PostgreSQL server loaded with the store; everyone with a login role."""
    import pgstore
    from generate import LEADER

    server = pgstore.load_store(pgstore.start_server(work), store, work, LEADER)
    names = people(count)
    enrol(server.home, names, server.url)
    urls = {name: server.url(name) for name in [*names, LEADER]}
    return Target("postgres", server.home, names, urls), server


# -- the whole day -------------------------------------------------------------------------------


def day(target: Target, args: argparse.Namespace) -> dict[str, Any]:
    """The main run at ``--terminals``, then the steps up to where p95 passes 50 ms."""
    scratch = args.work / "load"
    say(f"load, {target.name}: {args.terminals} terminals for {args.seconds:g} s...")
    main_run = run(target, args.terminals, args.seconds, scratch)
    say(f"  {json.dumps(main_run)}")
    steps: list[dict[str, Any]] = []
    crossed = None
    for count in args.steps:
        if count > len(target.people):
            break
        say(f"load, {target.name}: step {count} terminals for {args.step_seconds:g} s...")
        got = run(target, count, args.step_seconds, scratch)
        steps.append({"terminals": count, "p95_ms": got["p95_ms"], "errors": got["errors"]})
        say(f"  p95 {got['p95_ms']:.1f} ms, errors {got['errors']}")
        if got["p95_ms"] > P95_LIMIT_MS:
            crossed = count
            break
    return {**main_run, "terminals": args.terminals, "steps": steps, "p95_crosses_at": crossed}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of the whole run (children parse their own)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--terminals", type=int, default=50)
    parser.add_argument("--step-seconds", type=float, default=12.0)
    parser.add_argument("--steps", default="10,25,50,75,100")
    parser.add_argument("--stores", default="file,postgres")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args(argv)
    args.steps = [int(s) for s in args.steps.split(",") if s]
    args.stores = [s for s in args.stores.split(",") if s]
    return args


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Every store's day; the generated store is made (or reused) first."""
    import generate

    args.work = args.work or generate.DEFAULT_WORK
    info = generate.ensure_store(args.work, args.size)
    count = max([args.terminals, *args.steps])
    results: dict[str, Any] = {}
    if "file" in args.stores:
        target = file_target(info.path, args.work / "load", count)
        results["file"] = day(target, args)
        shutil.rmtree(target.home, ignore_errors=True)
    if "postgres" in args.stores:
        target, server = server_target(info.path, args.work, count)
        try:
            results["postgres"] = day(target, args)
        finally:
            server.stop()
    return results


def child_args() -> argparse.Namespace:
    """A child's command line: its role, data folder, person, store and options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("role")
    parser.add_argument("--home", required=True)
    parser.add_argument("--person", default=ACCOUNT)
    parser.add_argument("--url")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out")
    return parser.parse_args()


def main() -> None:
    """A child (``worker``, ``team-view``), or the whole run."""
    if len(sys.argv) > 1 and sys.argv[1] in ("worker", "team-view"):
        args = child_args()
        (worker if args.role == "worker" else team_view)(args)
        return
    print(json.dumps(measure(parse_args()), indent=2))


if __name__ == "__main__":
    main()
