"""Trends over the last N weeks (rolling weeks ending now): complaints received per week
by category; the charter figures (as in :mod:`cstui.domain.performance`); how long
complaints took to close; who or what complaints were most often directed at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from cstui.domain.performance import window_figures
from cstui.models.case import Case, case_number
from cstui.models.policy import Policy
from cstui.models.trends import CloseTimes, Trends

TOP_DIRECTED_AT = 5
"""How many "directed at" targets the trends list."""


def week_starts(now: datetime, weeks: int) -> list[datetime]:
    """The starts of the last ``weeks`` rolling weeks ending at ``now``, oldest first."""
    return [now - timedelta(weeks=weeks - i) for i in range(weeks)]


def weekly_counts(
    cases: Iterable[Case], categories: Sequence[str], now: datetime, weeks: int
) -> dict[str, list[int]]:
    """Complaints received in each of the last ``weeks`` weeks, per category.

    Every category of ``categories`` is listed (zeros included), then any other
    category found on a case, in alphabetical order.
    """
    since = now - timedelta(weeks=weeks)
    per_week: dict[str, list[int]] = {c: [0] * weeks for c in categories}
    extra: dict[str, list[int]] = {}
    for case in cases:
        if not since <= case.created_at <= now:
            continue
        index = min(int((case.created_at - since) / timedelta(weeks=1)), weeks - 1)
        bucket = per_week.get(case.category)
        if bucket is None:
            bucket = extra.setdefault(case.category, [0] * weeks)
        bucket[index] += 1
    return {**per_week, **dict(sorted(extra.items()))}


def close_times(cases: Iterable[Case]) -> CloseTimes:
    """Closed within 4 weeks of receipt, in 4 to 8 weeks, after more than 8, or still open."""
    within = middle = over = still_open = 0
    for case in cases:
        if case.is_open or case.closed_at is None:
            still_open += 1
            continue
        taken = case.closed_at - case.created_at
        if taken <= timedelta(weeks=4):
            within += 1
        elif taken <= timedelta(weeks=8):
            middle += 1
        else:
            over += 1
    return CloseTimes(within, middle, over, still_open)


def top_directed_at(cases: Iterable[Case], limit: int = TOP_DIRECTED_AT) -> list[tuple[str, int]]:
    """The targets complaints were most often directed at (letter case ignored; the
    first spelling met is shown)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for case in cases:
        name = " ".join(case.directed_at.split())
        if not name:
            continue
        key = name.casefold()
        spelling.setdefault(key, name)
        counts[key] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(spelling[key], count) for key, count in ranked[:limit]]


def _timed(case: Case) -> bool:
    """Whether the case's steps were worked here (not closed before it was imported)."""
    return not (
        case.import_key is not None and case.closed_at is not None and len(case.records) < 2
    )


def trends(cases: Iterable[Case], policy: Policy, now: datetime, weeks: int = 12) -> Trends:
    """The trends of the last ``weeks`` weeks before ``now``."""
    every = sorted(cases, key=lambda c: (c.created_at, case_number(c.id)))
    since = now - timedelta(weeks=weeks)
    recent = [c for c in every if since <= c.created_at <= now]
    return Trends(
        weeks=weeks,
        since=since,
        until=now,
        week_starts=week_starts(now, weeks),
        per_week=weekly_counts(every, policy.categories, now, weeks),
        received=len(recent),
        figures=window_figures([c for c in every if _timed(c)], policy, now, weeks),
        close_times=close_times(recent),
        directed_at=top_directed_at(recent),
    )
