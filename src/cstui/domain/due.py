"""Due dates of a case, from policy targets and business days.

- Acknowledge: by close of business on the Nth business day after the day of receipt
  (met when the Declare step is completed).
- Resolve: N calendar days after receipt, not counting time spent waiting on the
  customer (met when the Notify step is completed).
- Follow up: N calendar days after the customer was notified (met when the case closes).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache

from cstui.domain.deadline import zone_named
from cstui.models.case import Case
from cstui.models.deadline import Due, DueKind
from cstui.models.kinds import Step
from cstui.models.policy import BusinessHours, Policy, Weekday
from cstui.models.steps import NotifyData


def zone(hours: BusinessHours) -> tzinfo:
    """The policy's time zone, or this computer's when none (or an unknown one) is set."""
    return zone_named(hours.timezone)


@cache
def _open_weekdays(days: tuple[Weekday, ...]) -> frozenset[int]:
    """The weekday numbers of ``days``, worked out once per set of business days."""
    return frozenset(d.number for d in days)


def is_business_day(day: date, hours: BusinessHours) -> bool:
    """Open on ``day``: a business weekday and not a holiday."""
    return day.weekday() in _open_weekdays(tuple(hours.days)) and day not in hours.holidays


def add_business_days(start: date, count: int, hours: BusinessHours) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself if 0 and open)."""
    day = start
    if count == 0:
        while not is_business_day(day, hours):
            day += timedelta(days=1)
        return day
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_business_day(day, hours):
            remaining -= 1
    return day


def acknowledge_due(received: datetime, policy: Policy) -> datetime:
    """Close of business on the Nth business day after the day ``received``."""
    hours = policy.business_hours
    tz = zone(hours)
    day = add_business_days(
        received.astimezone(tz).date(), policy.targets.acknowledge_business_days, hours
    )
    return datetime.combine(day, hours.closes, tzinfo=tz).astimezone(UTC)


def paused_time(case: Case, now: datetime) -> timedelta:
    """Time spent waiting on the customer since the clocks last started."""
    total = timedelta()
    for pause in case.pauses:
        if pause.start < case.cycle_started_at:
            continue
        total += (pause.end or now) - pause.start
    return total


def add_calendar_days(start: datetime, days: int, policy: Policy) -> datetime:
    """``days`` calendar days after ``start``: the same clock time in the policy's zone."""
    local = start.astimezone(zone(policy.business_hours))
    return (local + timedelta(days=days)).astimezone(UTC)


def resolve_due(case: Case, policy: Policy, now: datetime) -> datetime:
    """Receipt plus the resolve target, pushed back by time spent waiting."""
    start = case.cycle_started_at
    due = add_calendar_days(start, policy.targets.resolve_calendar_days, policy)
    return due + paused_time(case, now)


def follow_up_due(notified: datetime, policy: Policy) -> datetime:
    """Notification plus the follow-up target."""
    return add_calendar_days(notified, policy.targets.follow_up_days, policy)


def _notified_at(case: Case) -> datetime | None:
    record = case.completed(Step.NOTIFY)
    if record is None:
        return None
    data = record.data
    return data.when if isinstance(data, NotifyData) and data.when else record.at


def next_due(case: Case, policy: Policy, now: datetime) -> Due | None:
    """The deadline the case is working towards now; None once closed."""
    if not case.is_open:
        return None
    if case.completed(Step.DECLARE) is None:
        kind, at = DueKind.ACKNOWLEDGE, acknowledge_due(case.cycle_started_at, policy)
    else:
        notified = _notified_at(case)
        if notified is None:
            kind, at = DueKind.RESOLVE, resolve_due(case, policy, now)
        else:
            kind, at = DueKind.FOLLOW_UP, follow_up_due(notified, policy)
    return Due(kind, at, now - at if now > at else None)
