"""The figures ``run.py`` takes of the PostgreSQL store and of the load test, and the table
of both stores side by side with the issue's targets.

``run.py`` measures the file store first, then starts a throwaway cluster
(``pgstore.py``), loads the largest generated store into it, and takes the same figures
there signed in as the team leader's own role; then it runs ``load.py`` (both stores).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Sequence
from typing import Any

from common import median, python_child, run_child, say

SAVE_KINDS = {
    "log": "Save: log a new case",
    "advance": "Save: advance a step (stays open)",
    "close": "Save: close a case (follow-up)",
}
LOAD_P95_MS = {"file": 50.0, "postgres": 30.0}
TEAM_VIEW_MS = {"file": 1500.0, "postgres": 100.0}


def server_saving(home: str, url: str, person: str, args: argparse.Namespace) -> dict[str, Any]:
    """Saves on the server, signed in as ``person`` (``saving.py --server``)."""
    say("saving on PostgreSQL...")
    run = run_child(
        python_child(
            "saving.py",
            home,
            "-",
            "--server",
            url,
            "--user",
            person,
            "--runs",
            str(args.save_runs),
            "--budget",
            str(args.budget),
            "--least",
            "2",
        ),
        capture=True,
    )
    got: dict[str, Any] = json.loads(run.stdout)
    say(f"  {got['medians_ms']}")
    return got


def run_load(args: argparse.Namespace) -> dict[str, Any]:
    """``load.py`` on both stores, at the largest size."""
    say(f"load test: {args.terminals} terminals for {args.load_seconds:g} s on each store...")
    run = run_child(
        python_child(
            "load.py",
            "--seconds",
            str(args.load_seconds),
            "--terminals",
            str(args.terminals),
            "--step-seconds",
            str(args.step_seconds),
            "--size",
            str(args.sizes[-1]),
            "--work",
            str(args.work),
            "--stores",
            ",".join(args.stores),
            "--steps",
            args.steps,
        ),
        capture=True,
    )
    got: dict[str, Any] = json.loads(run.stdout)
    (args.work / "load-result.json").write_text(json.dumps(got, indent=2))
    return got


def load_errors(load: dict[str, Any]) -> str:
    """The errors of the load test's main runs, a few of each store's, for under the table."""
    lines = [
        f"{name} store, {got['errors']} errors, e.g.: {example}"
        for name, got in load.items()
        for example in got["error_examples"]
    ]
    return "\n".join(["Load test errors:", *lines]) if lines else ""


def _ms(value: float) -> str:
    return f"{value:,.1f} ms" if math.isfinite(value) else "-"


def load_rows(
    load: dict[str, Any], row: Callable[..., Any], met: Callable[[bool], str]
) -> list[Any]:
    """The load test's rows, each store's in turn."""
    rows = []
    for name, got in load.items():
        pre = "PostgreSQL: " if name == "postgres" else ""
        n, label = str(got["saves"]), f"{got['terminals']} terminals"
        limit, view_limit = LOAD_P95_MS[name], TEAM_VIEW_MS[name]
        crossed = got["p95_crosses_at"]
        steps = ", ".join(f"{s['terminals']}: {s['p95_ms']:.0f}" for s in got["steps"])
        rows += [
            row(f"{pre}Load: save p50", label, n, _ms(got["p50_ms"])),
            row(
                f"{pre}Load: save p95",
                label,
                n,
                _ms(got["p95_ms"]),
                f"<= {limit:g} ms",
                met(got["p95_ms"] <= limit),
            ),
            row(f"{pre}Load: save p99", label, n, _ms(got["p99_ms"])),
            row(f"{pre}Load: errors", label, n, str(got["errors"]), "0", met(got["errors"] == 0)),
            row(
                f"{pre}Load: acknowledged saves lost",
                label,
                n,
                str(got["lost"]),
                "0",
                met(got["lost"] == 0),
            ),
            row(
                f"{pre}Load: save -> team view, median",
                label,
                str(got["shown"]),
                _ms(got["team_view_median_ms"]),
            ),
            row(
                f"{pre}Load: save -> team view, p95",
                label,
                str(got["shown"]),
                _ms(got["team_view_p95_ms"]),
                f"<= {view_limit:g} ms",
                met(got["team_view_p95_ms"] <= view_limit and got["shown"] == got["logged"]),
            ),
            row(
                f"{pre}Load: p95 by terminals (ms)",
                steps or "-",
                "",
                f"> 50 ms at {crossed}" if crossed else "never > 50 ms",
            ),
        ]
    return rows


def _find(rows: Sequence[Any], figure: str, stored: str | None = None) -> Any:
    for r in rows:
        if r.figure == figure and (stored is None or r.stored == stored):
            return r
    return None


def _cell(*found: Any) -> tuple[str, str, str]:
    """(value, target, met) of one or more rows (values joined by " / ")."""
    there = [f for f in found if f is not None]
    if not there:
        return "not measured", "", ""
    value = " / ".join(f.value for f in there)
    target = there[0].target
    mets = [f.met for f in there if f.met]
    return (
        value,
        target,
        ("yes" if mets and all(m == "yes" for m in mets) else "NO" if mets else ""),
    )


def summary(rows: Sequence[Any], largest: str) -> str:
    """The issue's table: each figure, file store and PostgreSQL, target and met."""
    figures: list[tuple[str, Callable[[str], tuple[str, str, str]]]] = [
        ("save (log / advance / close), median", lambda p: _cell(
            *[_find(rows, p + name, largest) for name in SAVE_KINDS.values()])),
        ("case list --open --json vs task: time", lambda p: _cell(
            _find(rows, p + "CLI list open: time, cstui / task"))),
        ("case list --open --json vs task: memory", lambda p: _cell(
            _find(rows, p + "CLI list open: peak memory, cstui / task"))),
        ("TUI start vs bare Textual 500-row app", lambda p: _cell(
            _find(rows, p + "TUI start: cstui / bare"))),
        ("year report (25k cases)", lambda p: _cell(
            next((r for r in rows if r.figure.startswith(p + "Report:")), None))),
        ("50 terminals: p95 save / errors / lost", lambda p: _cell(
            _find(rows, p + "Load: save p95"), _find(rows, p + "Load: errors"),
            _find(rows, p + "Load: acknowledged saves lost"))),
        ("save -> other terminal's team view, p95", lambda p: _cell(
            _find(rows, p + "Load: save -> team view, p95"))),
        ("terminals at which p95 save passes 50 ms", lambda p: _cell(
            _find(rows, p + "Load: p95 by terminals (ms)"))),
    ]  # fmt: skip
    head = ("Figure (100k stored, 500 open)", "File store", "Target", "Met", "PostgreSQL",
            "Target", "Met")  # fmt: skip
    cells = [head]
    for name, cell in figures:
        cells.append((name, *cell(""), *cell("PostgreSQL: ")))
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = []
    for n, c in enumerate(cells):
        lines.append("  ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def saving_medians(got: dict[str, Any]) -> dict[str, float]:
    """Each kind's median seconds."""
    return {kind: median(got[kind]) for kind in SAVE_KINDS}
