"""My performance against the charter: my own cases measured against the policy targets.

Each case is cut into cycles: the first runs from logging, each later one from a
reopening. A cycle counts in a window (the last 4 or 12 weeks) when it started in it.

- Time to acknowledge: the Declare record's time minus the cycle's start. On time when
  it is no later than the acknowledge target (close of business, N business days on).
- Time to resolve: the Notify record's time minus the cycle's start, minus the time
  spent waiting on the customer. On time when within the resolve target.
- A cycle not acknowledged (or resolved) yet counts as late once its target has passed,
  and is left out while it still may be met.
- Reopened: reopenings of my cases in the window.
- Satisfaction: follow-ups recorded in the window, and how many found the customer
  satisfied.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cstui.domain.due import acknowledge_due, add_calendar_days
from cstui.models.case import Case, Pause, StepRecord
from cstui.models.figures import Timing, WindowFigures
from cstui.models.kinds import Step
from cstui.models.policy import Policy
from cstui.models.steps import FollowUpData

WINDOWS: tuple[int, ...] = (4, 12)
"""The windows shown, in weeks."""


@dataclass(frozen=True)
class Cycle:
    """One run of a case through the procedure, from logging or from a reopening."""

    start: datetime
    records: list[StepRecord]
    pauses: list[Pause]

    def first(self, step: Step) -> StepRecord | None:
        """The first record of ``step`` in this cycle."""
        return next((r for r in self.records if r.step is step), None)

    def paused_until(self, moment: datetime, now: datetime) -> timedelta:
        """Time spent waiting on the customer between the start and ``moment``."""
        total = timedelta()
        for pause in self.pauses:
            start = max(pause.start, self.start)
            end = min(pause.end or now, moment)
            if end > start:
                total += end - start
        return total


def _records_per_cycle(case: Case, cycle_count: int) -> list[list[StepRecord]]:
    """The case's step records cut after each follow-up, into ``cycle_count`` lists."""
    groups: list[list[StepRecord]] = [[]]
    for record in case.records:
        groups[-1].append(record)
        if record.step is Step.FOLLOW_UP and len(groups) < cycle_count:
            groups.append([])
    return groups + [[] for _ in range(cycle_count - len(groups))]


def _pauses_between(case: Case, start: datetime, end: datetime | None) -> list[Pause]:
    return [p for p in case.pauses if p.start >= start and (end is None or p.start < end)]


def cycles(case: Case, now: datetime) -> list[Cycle]:
    """The case's cycles, oldest first; each later one starts at a reopening."""
    starts = [case.created_at] + [h.at for h in case.history if h.action == "reopened"]
    ends: list[datetime | None] = [*starts[1:], None]
    groups = _records_per_cycle(case, len(starts))
    return [
        Cycle(start, records, _pauses_between(case, start, end))
        for start, end, records in zip(starts, ends, groups, strict=True)
    ]


def _median(values: Sequence[timedelta]) -> timedelta | None:
    if not values:
        return None
    return timedelta(seconds=statistics.median(v.total_seconds() for v in values))


def _acknowledge(cycle_list: Iterable[Cycle], policy: Policy, now: datetime) -> Timing:
    taken: list[timedelta] = []
    on_time = late = 0
    for cycle in cycle_list:
        due = acknowledge_due(cycle.start, policy)
        record = cycle.first(Step.DECLARE)
        if record is not None:
            taken.append(record.at - cycle.start)
            on_time, late = (on_time + 1, late) if record.at <= due else (on_time, late + 1)
        elif now > due:
            late += 1
    return Timing(_median(taken), len(taken), on_time, late)


def _resolve(cycle_list: Iterable[Cycle], policy: Policy, now: datetime) -> Timing:
    taken: list[timedelta] = []
    on_time = late = 0
    days = policy.targets.resolve_calendar_days
    for cycle in cycle_list:
        record = cycle.first(Step.NOTIFY)
        until = record.at if record is not None else now
        paused = cycle.paused_until(until, now)
        due = add_calendar_days(cycle.start, days, policy) + paused
        if record is not None:
            taken.append(record.at - cycle.start - paused)
            on_time, late = (on_time + 1, late) if record.at <= due else (on_time, late + 1)
        elif now > due:
            late += 1
    return Timing(_median(taken), len(taken), on_time, late)


def _reopenings(cases: Iterable[Case], since: datetime, now: datetime) -> int:
    return sum(
        1 for case in cases for h in case.history if h.action == "reopened" and since <= h.at <= now
    )


def _follow_ups(cases: Iterable[Case], since: datetime, now: datetime) -> list[FollowUpData]:
    return [
        r.data
        for case in cases
        for r in case.records
        if isinstance(r.data, FollowUpData) and since <= r.at <= now
    ]


def window_figures(
    cases: Iterable[Case], policy: Policy, now: datetime, weeks: int
) -> WindowFigures:
    """The charter figures of ``cases`` over the last ``weeks`` weeks before ``now``."""
    since = now - timedelta(weeks=weeks)
    cases = list(cases)
    in_window = [c for case in cases for c in cycles(case, now) if since <= c.start <= now]
    follow_ups = _follow_ups(cases, since, now)
    return WindowFigures(
        weeks=weeks,
        since=since,
        cycles=len(in_window),
        acknowledge=_acknowledge(in_window, policy, now),
        resolve=_resolve(in_window, policy, now),
        reopened=_reopenings(cases, since, now),
        followed_up=len(follow_ups),
        satisfied=sum(1 for f in follow_ups if f.satisfied),
    )


def charter_figures(
    cases: Iterable[Case], policy: Policy, now: datetime, windows: Sequence[int] = WINDOWS
) -> list[WindowFigures]:
    """The figures for each window (4 and 12 weeks by default)."""
    cases = list(cases)
    return [window_figures(cases, policy, now, weeks) for weeks in windows]
