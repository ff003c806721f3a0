"""Time saving through the services, in one process, on a copy of a generated store.

Each run makes three saves through the case service, each timed on its own with
``time.perf_counter`` (the real file store, which fsyncs every write):

- log: ``ws.cases.log`` of a new complaint;
- advance: ``ws.cases.advance`` of an open case at Investigate, Declare, Solve or Notify
  (it stays open), with that step's fields;
- close: ``ws.cases.advance`` of an open case at Follow up (the case closes).

The cases advanced and closed are the store's own open cases (the oldest first), so the
open set keeps its size: one case in, one out. One unmeasured save goes first (the
day's first save also makes the daily backup; that is not what is measured).

The lower bound is what no store can beat for a save: one fsync'd atomic write
(``cstui.store.file.files.atomic_write``) of the bytes of every open case, as JSON.

On a PostgreSQL server (``--server URL --user NAME``, STORE being that person's data
folder) the saves are made there, signed in as NAME, on the server's own open cases (not
copied first); there is no lower bound.

Usage: python bench/saving.py STORE SCRATCH [--runs 30] [--budget 120]
[--server URL --user NAME] (prints one JSON object; STORE is copied to SCRATCH first,
and is never changed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import orjson
from common import Budget, median
from generate import LEADER, Shape, new_case_fields, step_fields

from cstui.config import Settings
from cstui.models.case import Case
from cstui.models.kinds import Step
from cstui.store.file.documents import case_to_document
from cstui.store.file.files import atomic_write
from cstui.workspace import Workspace, open_workspace

T = TypeVar("T")
KINDS = ("log", "advance", "close")


def timed(action: Callable[[], T]) -> tuple[T, float]:
    """What ``action`` returns, and how many seconds it took."""
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


class Saves:
    """The saves of the runs, on one workspace, with the open cases to work on."""

    def __init__(self, ws: Workspace, rng: random.Random) -> None:
        self.ws = ws
        self.rng = rng
        self.today: date = ws.cases.clock().date()
        self.steps: dict[str, Step] = {c.id: c.step for c in ws.cases.repo.open_cases()}

    def _oldest(self, closing: bool) -> str:
        wanted = [i for i, s in self.steps.items() if (s is Step.FOLLOW_UP) == closing]
        if wanted:
            return min(wanted)
        case_id = min(self.steps)  # none left at that step: move one there, unmeasured
        while (self.steps[case_id] is Step.FOLLOW_UP) != closing:
            self._advance(case_id)
        return case_id

    def _advance(self, case_id: str) -> Case:
        outcome = self.rng.choice(("satisfied", "satisfied", "satisfied", "review"))
        fields = step_fields(
            self.steps[case_id], Shape(Step.CLOSED, outcome=outcome), self.rng, self.today
        )
        case = self.ws.cases.advance(case_id, fields)
        self._track(case)
        return case

    def _track(self, case: Case) -> None:
        if case.is_open:
            self.steps[case.id] = case.step
        else:
            self.steps.pop(case.id, None)

    def log(self) -> None:
        """Log a new complaint."""
        category = self.rng.choice(list(self.ws.policy.categories))
        fields = new_case_fields(self.rng, category, self.today)
        self._track(self.ws.cases.log(fields))

    def run(self) -> dict[str, float]:
        """One log, one advance, one close: the seconds of each."""
        _, log = timed(self.log)
        case_id = self._oldest(closing=False)
        _, advance = timed(lambda: self._advance(case_id))
        case_id = self._oldest(closing=True)
        closed, close = timed(lambda: self._advance(case_id))
        if closed.is_open:
            raise RuntimeError(f"{case_id} did not close")
        return {"log": log, "advance": advance, "close": close}


def open_set_bytes(ws: Workspace) -> bytes:
    """Every open case as one JSON document, as a store holding only them would keep it."""
    cases = ws.cases.repo.open_cases()
    return orjson.dumps({"cases": {c.id: case_to_document(c) for c in cases}})


def measure(store: Path, scratch: Path, budget: Budget) -> dict[str, Any]:
    """Copy ``store`` to ``scratch`` and time saves there."""
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(store, scratch)
    # Flushed before timing: else the first saves' fsyncs would also be writing back the
    # copy just made (hundreds of megabytes at 100k), which no user's save has to do.
    os.sync()
    ws = open_workspace(Settings(scratch, LEADER))
    saves = Saves(ws, random.Random(7))
    opened = len(saves.steps)
    saves.log()
    samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
    started = time.perf_counter()
    while budget.more(len(samples["log"]), started):
        for kind, seconds in saves.run().items():
            samples[kind].append(seconds)
    payload = open_set_bytes(ws)
    target = scratch / "open-set.json"
    writes = [timed(lambda: atomic_write(target, payload))[1] for _ in range(max(budget.runs, 10))]
    shutil.rmtree(scratch)
    return {
        "runs": len(samples["log"]),
        "open": opened,
        **samples,
        "bound": writes,
        "bound_bytes": len(payload),
        "medians_ms": {k: 1000 * median(v) for k, v in samples.items()},
        "bound_ms": 1000 * median(writes),
    }


def measure_server(home: Path, url: str, person: str, budget: Budget) -> dict[str, Any]:
    """Time saves on the PostgreSQL server at ``url``, signed in as ``person``."""
    ws = open_workspace(Settings(home, person, store=url))
    saves = Saves(ws, random.Random(7))
    opened = len(saves.steps)
    saves.log()
    samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
    started = time.perf_counter()
    while budget.more(len(samples["log"]), started):
        for kind, seconds in saves.run().items():
            samples[kind].append(seconds)
    return {
        "runs": len(samples["log"]),
        "open": opened,
        **samples,
        "medians_ms": {k: 1000 * median(v) for k, v in samples.items()},
    }


def main() -> None:
    """Measure one store and print the samples as JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", type=Path)
    parser.add_argument("scratch", type=Path)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds, then stop")
    parser.add_argument("--least", type=int, default=2, help="runs made whatever the budget")
    parser.add_argument("--server", help="a PostgreSQL URL: save there instead")
    parser.add_argument("--user", default=LEADER, help="who signs in to --server")
    args = parser.parse_args()
    budget = Budget(args.runs, args.budget, args.least)
    if args.server:
        result = measure_server(args.store, args.server, args.user, budget)
    else:
        result = measure(args.store, args.scratch, budget)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
