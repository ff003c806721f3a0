"""The reports on calls: contacts per day, repeat callers (numbers that called more than
once in the period) and calls per case.

Pure functions over the calls of a period; nothing here reads the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from cstui.models.contact import Contact


@dataclass(frozen=True)
class RepeatCaller:
    """A number that called more than once in the period."""

    number: str
    calls: int
    last: datetime
    """When it called last."""


@dataclass(frozen=True)
class CallsReport:
    """The calls received from ``start`` to ``end`` (days in the centre's zone)."""

    start: date
    end: date
    total: int
    per_day: list[tuple[date, int]]
    """Each day with calls and how many, oldest first."""
    repeat_callers: list[RepeatCaller]
    """Most calls first (then the latest caller first)."""
    per_case: list[tuple[str, int]]
    """Each case with calls linked to it and how many, most first (then by case id)."""
    unlinked: int
    """Calls linked to no case."""


def calls_report(contacts: Iterable[Contact], start: date, end: date, zone: tzinfo) -> CallsReport:
    """The report on the ``contacts`` that came in from ``start`` to ``end`` in ``zone``."""
    chosen = [c for c in contacts if start <= c.at.astimezone(zone).date() <= end]
    per_day = Counter(c.at.astimezone(zone).date() for c in chosen)
    per_case = Counter(c.case_id for c in chosen if c.case_id)
    return CallsReport(
        start=start,
        end=end,
        total=len(chosen),
        per_day=sorted(per_day.items()),
        repeat_callers=repeat_callers(chosen),
        per_case=sorted(per_case.items(), key=lambda item: (-item[1], item[0])),
        unlinked=sum(1 for c in chosen if not c.case_id),
    )


def repeat_callers(calls: list[Contact]) -> list[RepeatCaller]:
    """The numbers among ``calls`` that called more than once, most calls first (then the
    latest caller first); an erased number is no one's."""
    known = sorted((c for c in calls if not c.is_redacted), key=lambda c: c.at)
    per_number = Counter(c.number for c in known)
    last = {c.number: c.at for c in known}
    repeats = [RepeatCaller(n, count, last[n]) for n, count in per_number.items() if count > 1]
    return sorted(repeats, key=lambda r: (-r.calls, -r.last.timestamp(), r.number))
