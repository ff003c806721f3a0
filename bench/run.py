"""cstui's performance figures, all measured in one run, in one table with targets.

1. Saving (``saving.py``): median time of logging a case, advancing one a step and
   closing one, in-process through the case service on the real file store (fsync), at
   every size; 100k against 1k; and the lower bound, one fsync'd atomic write of the open
   cases' bytes.
2. Listing open cases from the command line, whole process: ``cstui case list --open
   --json`` against Taskwarrior 2.6 ``task list`` over as many tasks (500 pending, the
   rest completed), alternately; median wall time and peak memory (``ru_maxrss``).
3. and 4. Starting the TUI to a quiet home screen, and its peak memory, against a bare
   Textual app with a 500-row DataTable, alternately (``startup.py``).
5. Keys on the team view: key press to finished frame, median and 95th percentile
   (``keys.py``, which explains how a finished frame is known).
6. The complaints report over one full calendar year, as JSON to a file, whole process.
7. 1-4 and 6 again on a PostgreSQL server (``pgstore.py``: a throwaway cluster holding the
   largest store, signed in as the team leader's own login role).
8. A centre's day under load (``load.py``): terminals saving through the services at
   once on each store, a real team view watching; the steps up to 100 terminals.

The first table is the issue's: each figure on both stores with its target
(``both_stores.py``); every figure measured follows.

The figures at the largest size use the largest store; stores come from ``generate.py``
(made once, then reused). Progress goes to stderr; the table to stdout (and ``--output``).

Usage: python bench/run.py [--sizes 1000,10000,100000] [--runs 15] [--quick] [--fresh]
[--stores file,postgres] [--load-seconds 60] [--terminals 50] [--step-seconds 12]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import both_stores
import generate
import startup
import taskwarrior
from common import (
    Budget,
    ChildRun,
    alternate,
    compile_cstui,
    cstui_command,
    median,
    python_child,
    run_child,
    say,
)

SAVE_TARGET_MS = 25.0
SAVE_RATIO = 1.20
LIST_RATIO = 0.50
START_RATIO = 1.20
MEMORY_RATIO = 1.30
KEY_P95_MS = 16.0
REPORT_SECONDS = 2.0
PG_SAVE_TARGET_MS = 15.0
PG_START_RATIO = 1.30
PG_REPORT_SECONDS = 1.0


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    figure: str
    stored: str = ""
    runs: str = ""
    value: str = ""
    target: str = ""
    met: str = ""


@dataclass(frozen=True)
class Where:
    """The store the figures are taken on: a data folder's files, or a server."""

    name: str
    """``file`` or ``postgres``."""
    data_dir: Path
    url: str = ""
    """The PostgreSQL URL signing in as the team leader (empty: the folder's files)."""

    @property
    def prefix(self) -> str:
        """What the table's figures of this store start with."""
        return "PostgreSQL: " if self.url else ""

    @property
    def env(self) -> dict[str, str] | None:
        """The environment of a ``cstui`` command on this store."""
        return {**os.environ, "CSTUI_STORE": self.url} if self.url else None

    def cstui(self) -> list[str]:
        """``cstui`` on this store, as the team leader."""
        return [*cstui_command(), "--data-dir", str(self.data_dir), "--user", generate.LEADER]


def met(ok: bool) -> str:
    """The met column."""
    return "yes" if ok else "NO"


def size_label(size: int) -> str:
    """``100k`` for 100000."""
    return f"{size // 1000}k" if size % 1000 == 0 else f"{size:,}"


def ms(seconds: float) -> str:
    """Seconds shown as milliseconds."""
    return f"{1000 * seconds:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def secs(seconds: float) -> str:
    """Seconds, three decimals."""
    return f"{seconds:.3f} s"


def mb(kb: float) -> str:
    """Kilobytes shown as megabytes."""
    return f"{kb / 1024:,.0f} MB"


def times(value: float) -> str:
    """A ratio."""
    return f"{value:.2f}x" if math.isfinite(value) else "-"


def ratio_row(figure: str, stored: str, runs: str, value: float, limit: float) -> Row:
    """A ratio measured against the highest it may be."""
    return Row(figure, stored, runs, times(value), f"<= {limit:.2f}x", met(value <= limit))


# -- the figures --------------------------------------------------------------------------


def saving_rows(stores: list[generate.StoreInfo], args: argparse.Namespace) -> list[Row]:
    """Figure 1, at every size."""
    results: dict[int, dict[str, Any]] = {}
    for info in stores:
        say(f"saving at {size_label(info.size)}...")
        run = run_child(
            python_child(
                "saving.py",
                str(info.path),
                str(args.work / "scratch" / f"saving-{info.size}"),
                "--runs",
                str(args.save_runs),
                "--budget",
                str(args.budget),
                "--least",
                "2",
            ),
            capture=True,
        )
        results[info.size] = json.loads(run.stdout)
        say(f"  {results[info.size]['medians_ms']}")
    small, large = stores[0].size, stores[-1].size
    rows: list[Row] = []
    names = {
        "log": "Save: log a new case",
        "advance": "Save: advance a step (stays open)",
        "close": "Save: close a case (follow-up)",
    }
    for kind, name in names.items():
        for info in stores:
            got = results[info.size]
            value = median(got[kind])
            last = info.size == large
            rows.append(
                Row(
                    name,
                    size_label(info.size),
                    str(len(got[kind])),
                    ms(value),
                    f"<= {SAVE_TARGET_MS:g} ms" if last else "",
                    met(value * 1000 <= SAVE_TARGET_MS) if last else "",
                )
            )
        if large != small:
            ratio = median(results[large][kind]) / median(results[small][kind])
            rows.append(
                ratio_row(
                    f"{name}: {size_label(large)} / {size_label(small)}",
                    size_label(large),
                    "",
                    ratio,
                    SAVE_RATIO,
                )
            )
    for info in stores:
        got = results[info.size]
        rows.append(
            Row(
                f"Lower bound: atomic write of the open set ({got['bound_bytes'] / 1024:,.0f} KB)",
                size_label(info.size),
                str(len(got["bound"])),
                ms(median(got["bound"])),
            )
        )
    return rows


def server_rows(info: generate.StoreInfo, args: argparse.Namespace) -> list[Row]:
    """Saving, listing, starting and the year report on a PostgreSQL server holding the
    largest store, signed in as the team leader's own role."""
    import pgstore

    server = pgstore.load_store(
        pgstore.start_server(args.work), info.path, args.work, generate.LEADER
    )
    try:
        url = server.url(generate.LEADER)
        where = Where("postgres", server.home, url)
        rows = list_rows(info, args, where)
        rows += startup_rows(info, args, where)
        rows += report_rows(info, args, where)
        # last: the saves change the server's store (the file store's work on a copy)
        got = both_stores.server_saving(str(server.home), url, generate.LEADER, args)
        label, n = size_label(info.size), str(got["runs"])
        rows += [
            Row(
                f"PostgreSQL: {name}",
                label,
                n,
                ms(seconds),
                f"<= {PG_SAVE_TARGET_MS:g} ms",
                met(seconds * 1000 <= PG_SAVE_TARGET_MS),
            )
            for name, seconds in (
                (both_stores.SAVE_KINDS[k], v) for k, v in both_stores.saving_medians(got).items()
            )
        ]
    finally:
        server.stop()
    return rows


def list_rows(info: generate.StoreInfo, args: argparse.Namespace, where: Where) -> list[Row]:
    """Figure 2: ``cstui case list --open --json`` against ``task list``."""
    label = size_label(info.size)
    listing = [*where.cstui(), "case", "list", "--open", "--json"]
    shown = json.loads(run_child(listing, env=where.env, capture=True).stdout)
    if len(shown) != info.open:
        raise RuntimeError(f"cstui listed {len(shown)} open cases, not {info.open}")
    if taskwarrior.task_binary() is None:
        say("task is not installed (apt-get install taskwarrior): skipping the comparison")
        ours = _repeat(lambda: run_child(listing, env=where.env), args, "cstui case list")
        return [
            Row(
                f"{where.prefix}CLI list open: cstui, time", label, str(len(ours)), secs(_med(ours))
            ),
            Row("CLI list open: task list", "", "", "skipped: apt-get install taskwarrior"),
        ]
    completed = info.size
    say(f"Taskwarrior store: {info.open} pending, {completed:,} completed...")
    rc = taskwarrior.build(args.work, info.open, completed)
    task, env = taskwarrior.command(rc)
    lines = run_child(task, env=env, capture=True).stdout.decode().count("\n")
    if lines < info.open:
        raise RuntimeError(f"task list printed {lines} lines for {info.open} pending tasks")
    say("listing open cases: cstui vs task...")
    ours, theirs = alternate(
        lambda: run_child(listing, env=where.env),
        lambda: run_child(task, env=env),
        _budget(args),
        "list",
        warm=False,  # both have just run once, for the checks above
    )
    their_label = f"{info.open} + {completed // 1000}k done"
    time_ratio = _med(ours) / _med(theirs)
    rss_ratio = _rss(ours) / _rss(theirs)
    n, pre = str(len(ours)), f"{where.prefix}CLI list open: "
    return [
        Row(f"{pre}cstui case list --open --json", label, n, secs(_med(ours))),
        Row(f"{pre}task list (Taskwarrior 2.6)", their_label, n, secs(_med(theirs))),
        ratio_row(f"{pre}time, cstui / task", label, n, time_ratio, LIST_RATIO),
        Row(f"{pre}peak memory, cstui", label, n, mb(_rss(ours))),
        Row(f"{pre}peak memory, task", their_label, n, mb(_rss(theirs))),
        ratio_row(f"{pre}peak memory, cstui / task", label, n, rss_ratio, LIST_RATIO),
    ]


def startup_rows(info: generate.StoreInfo, args: argparse.Namespace, where: Where) -> list[Row]:
    """Figures 3 and 4: the TUI's start and memory against a bare Textual app."""
    say(f"starting the TUI ({where.name}): cstui vs a bare Textual app...")
    ours, bare = startup.compare(where.data_dir, _budget(args), where.url)
    if any(s.rows == 0 for s in ours):
        raise RuntimeError("the home screen showed no open cases")
    if any(s.rows != info.open for s in ours):
        say(f"  the home screen showed {ours[0].rows} of the {info.open} open cases")
    label, n = size_label(info.size), str(len(ours))
    mine, base = median([s.seconds for s in ours]), median([s.seconds for s in bare])
    mem, base_mem = median([s.rss_kb for s in ours]), median([s.rss_kb for s in bare])
    bare_label, pre = f"{startup.BARE_ROWS} rows", where.prefix
    start_limit = PG_START_RATIO if where.url else START_RATIO
    return [
        Row(f"{pre}TUI start to home screen: cstui", label, n, secs(mine)),
        Row(f"{pre}TUI start: bare Textual, one DataTable", bare_label, n, secs(base)),
        ratio_row(f"{pre}TUI start: cstui / bare", label, n, mine / base, start_limit),
        Row(f"{pre}Memory at start (peak RSS): cstui", label, n, mb(mem)),
        Row(f"{pre}Memory at start (peak RSS): bare Textual", bare_label, n, mb(base_mem)),
        # the issue sets no memory target for a server
        Row(f"{pre}Memory at start: cstui / bare", label, n, times(mem / base_mem))
        if where.url
        else ratio_row(
            f"{pre}Memory at start: cstui / bare", label, n, mem / base_mem, MEMORY_RATIO
        ),
    ]


def key_rows(info: generate.StoreInfo, args: argparse.Namespace) -> list[Row]:
    """Figure 5: key press to finished frame on the team view."""
    say(f"keys on the team view: {args.presses} presses...")
    run = run_child(
        python_child("keys.py", str(info.path), "--presses", str(args.presses)), capture=True
    )
    got = json.loads(run.stdout)
    label, n = f"{size_label(info.size)}, {got['rows']} open", str(got["presses"])
    p95 = got["p95_ms"]
    return [
        Row("Keys, team view: key to frame, median", label, n, ms(got["median_ms"] / 1000)),
        Row(
            "Keys, team view: key to frame, p95",
            label,
            n,
            ms(p95 / 1000),
            f"<= {KEY_P95_MS:g} ms",
            met(p95 <= KEY_P95_MS),
        ),
        Row("Keys, team view: key to frame, slowest", label, n, ms(got["max_ms"] / 1000)),
    ]


def pop_rows(info: generate.StoreInfo, args: argparse.Namespace) -> list[Row]:
    """Figure 7: ``cstui pop`` starting to the caller's screen drawn in the running TUI
    (``pop.py``), median and p95 against the targets (150 ms, 300 ms)."""
    say(f"cstui pop into the running TUI: {args.runs * 2} pops...")
    command = python_child("pop.py", "--store", str(info.path), "--runs", str(args.runs * 2))
    got = json.loads(run_child([*command, "--json"], capture=True).stdout)
    label, n = size_label(info.size), str(got["runs"])
    return [
        Row(
            f"Pop: {figure} to caller's screen",
            label,
            n,
            ms(value / 1000),
            f"<= {limit:g} ms",
            met(value <= limit),
        )
        for figure, value, limit in (
            ("median", got["median_ms"], got["median_target_ms"]),
            ("p95", got["p95_ms"], got["p95_target_ms"]),
        )
    ]


def report_rows(info: generate.StoreInfo, args: argparse.Namespace, where: Where) -> list[Row]:
    """Figure 6: the complaints report over the last full calendar year."""
    year = max(y for y in info.per_year if y < datetime.now(UTC).year)
    out = args.work / "scratch" / "report.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [
        *where.cstui(),
        "report",
        "complaints",
        "--from",
        f"{year}-01-01",
        "--to",
        f"{year}-12-31",
        "--format",
        "json",
        "--output",
        str(out),
    ]
    say(f"complaints report for {year} ({where.name})...")
    run_child(command, env=where.env)
    count = json.loads(out.read_text())["count"]
    if abs(count - info.per_year[year]) > info.per_year[year] // 100:
        raise RuntimeError(f"the report counted {count} cases, not {info.per_year[year]}")
    runs = _repeat(lambda: run_child(command, env=where.env), args, "report")
    value = _med(runs)
    limit = PG_REPORT_SECONDS if where.url else REPORT_SECONDS
    return [
        Row(
            f"{where.prefix}Report: complaints {year} ({count:,} cases), json",
            size_label(info.size),
            str(len(runs)),
            secs(value),
            f"<= {limit:g} s",
            met(value <= limit),
        )
    ]


def _budget(args: argparse.Namespace) -> Budget:
    return Budget(args.runs, args.budget)


def _med(runs: list[ChildRun]) -> float:
    return median([r.seconds for r in runs])


def _rss(runs: list[ChildRun]) -> float:
    return median([r.rss_kb for r in runs])


def _repeat(action: Callable[[], ChildRun], args: argparse.Namespace, label: str) -> list[ChildRun]:
    """Measured runs of ``action``; the caller has run it once already (warm caches)."""
    runs: list[ChildRun] = []
    budget, started = Budget(args.runs, args.budget), time.perf_counter()
    while budget.more(len(runs), started):
        runs.append(action())
        say(f"  {label}: run {len(runs)}: {runs[-1].seconds:.3f} s")
    return runs


# -- the table ----------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    """The rows as aligned text."""
    head = Row("Figure", "Stored", "Runs", "Median", "Target", "Met")
    cells = [[r.figure, r.stored, r.runs, r.value, r.target, r.met] for r in [head, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(6)]
    right = {2, 3}
    lines = []
    for n, row in enumerate(cells):
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def source_version(folder: Path) -> str:
    """``, commit abc1234`` (and whether ``src`` has uncommitted changes), if in git."""

    def git(*words: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(folder), *words], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return ""
    changed = git("status", "--porcelain", "--", ".")
    return f", commit {commit}" + (" with uncommitted changes" if changed else "")


def heading(args: argparse.Namespace, stores: list[generate.StoreInfo], load: str) -> str:
    """What was measured, where and when."""
    import textual

    import cstui

    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    source = Path(cstui.__file__).parent
    python = platform.python_version()
    where = f"{platform.node()}, {os.cpu_count()} CPUs, Linux {platform.release()}"
    sizes = ", ".join(f"{size_label(s.size)} ({s.open} open)" for s in stores)
    return "\n".join(
        [
            f"cstui benchmarks, {now}; {where}; Python {python}, Textual {textual.__version__}",
            f"cstui from {source}{source_version(source)} (store code {generate.fingerprint()})",
            f"stores: {sizes}, in {args.work / 'stores'}",
            f"command: {' '.join(['python', *sys.argv])}",
            f"load average (1 min) before and after: {load}; peak memory of /bin/true as "
            f"measured here: {mb(run_child(['/bin/true']).rss_kb)}",
            "Medians of the runs unless said otherwise; targets are for the largest size.",
            "",
        ]
    )


def parse_args() -> argparse.Namespace:
    """The command line; ``--quick`` changes the defaults."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=generate.parse_sizes)
    parser.add_argument("--runs", type=int, help="runs of each child process (default 15)")
    parser.add_argument("--save-runs", type=int, help="saves of each kind (default 30)")
    parser.add_argument("--presses", type=int, help="key presses (default 200)")
    parser.add_argument(
        "--budget",
        type=float,
        help="seconds per figure, after which it stops once 3 runs are done (default 120)",
    )
    parser.add_argument("--quick", action="store_true", help="1k and 10k, fewer runs")
    parser.add_argument("--work", type=Path, default=generate.DEFAULT_WORK)
    parser.add_argument("--fresh", action="store_true", help="generate the stores again")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--stores",
        default="file,postgres",
        help="file,postgres (the file store is always measured)",
    )
    parser.add_argument(
        "--load-seconds",
        type=float,
        help="seconds of the load test's main run on each store (default 60; 0: none)",
    )
    parser.add_argument("--terminals", type=int, default=50, help="of the load test")
    parser.add_argument("--steps", default="10,25,50,75,100", help="the load test's steps")
    parser.add_argument(
        "--step-seconds", type=float, help="each step of the load test (default 12)"
    )
    args = parser.parse_args()
    quick = args.quick
    defaults = {
        "sizes": [1_000, 10_000] if quick else [1_000, 10_000, 100_000],
        "runs": 5 if quick else 15,
        "save_runs": 10 if quick else 30,
        "presses": 60 if quick else 200,
        "budget": 30.0 if quick else 120.0,
        "load_seconds": 20.0 if quick else 60.0,
        "step_seconds": 6.0 if quick else 12.0,
    }
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    args.sizes = sorted(args.sizes)
    args.stores = [name for name in args.stores.split(",") if name]
    return args


def main() -> None:
    """Make or find the stores, measure everything, print the table."""
    args = parse_args()
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    stores = [generate.ensure_store(args.work, size, args.fresh) for size in args.sizes]
    largest = stores[-1]
    compile_cstui()
    files = Where("file", largest.path)
    rows = saving_rows(stores, args)
    rows += list_rows(largest, args, files)
    rows += startup_rows(largest, args, files)
    rows += key_rows(largest, args)
    rows += report_rows(largest, args, files)
    rows += pop_rows(largest, args)
    if "postgres" in args.stores:
        rows += server_rows(largest, args)
    errors = ""
    if args.load_seconds > 0:
        load_test = both_stores.run_load(args)
        rows += both_stores.load_rows(load_test, Row, met)
        errors = both_stores.load_errors(load_test)
    shutil.rmtree(args.work / "scratch", ignore_errors=True)
    load = f"{load_before:.2f}, {os.getloadavg()[0]:.2f}"
    side_by_side = both_stores.summary(rows, size_label(largest.size))
    text = heading(args, stores, load) + side_by_side + "\n\nEvery figure:\n" + table(rows) + "\n"
    text += f"\n{errors}\n" if errors else ""
    text += f"\n(measured in {time.perf_counter() - started:.0f} s)\n"
    print(text, end="")
    if args.output is not None:
        args.output.write_text(text)


if __name__ == "__main__":
    main()
