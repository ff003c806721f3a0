"""Due dates of a case, from policy targets and business days.

- Acknowledge: by close of business on the Nth business day after the day of receipt
  (met by an acknowledgement recorded on the case, by completing the Declare step, or,
  when the policy says so, by logging a complaint taken by phone).
- Resolve: N calendar days after receipt (the category's own number when the policy or
  its standard gives one), met when the Notify step is completed. Waiting on the
  customer moves it only where the policy lets it; the final-response deadline of a
  named standard never moves, and a delay notice is due shortly before it. A date
  promised to the customer earlier than that is the deadline instead (close of business).
- Follow up: N calendar days after the customer was notified (met when the case closes).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache

from cstui.domain.deadline import public_holidays, zone_named
from cstui.models.case import Case
from cstui.models.deadline import Due, DueKind
from cstui.models.kinds import Step
from cstui.models.policy import BusinessHours, Policy, Weekday
from cstui.models.promised import promised_date
from cstui.models.steps import NotifyData


def zone(hours: BusinessHours) -> tzinfo:
    """The policy's time zone, or this computer's when none (or an unknown one) is set."""
    return zone_named(hours.timezone)


@cache
def _open_weekdays(days: tuple[Weekday, ...]) -> frozenset[int]:
    """The weekday numbers of ``days``, worked out once per set of business days."""
    return frozenset(d.number for d in days)


ACKNOWLEDGED = "acknowledged"
"""The history action of an acknowledgement sent to the customer."""
DELAY_NOTICE = "delay notice"
"""The history action of a delay notice sent to the customer."""


def is_business_day(day: date, hours: BusinessHours) -> bool:
    """Open on ``day``: a listed working day, or a business weekday that is neither the
    centre's own holiday nor a public holiday of its country and region."""
    if day in hours.working_days:
        return True
    if day.weekday() not in _open_weekdays(tuple(hours.days)) or day in hours.holidays:
        return False
    closed = public_holidays(hours.holiday_country or "", hours.holiday_region or "", day.year)
    return day not in closed


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


def case_hours(case: Case, policy: Policy) -> BusinessHours:
    """The business hours ``case`` is counted in: its site's region, else the centre's."""
    return policy.hours_at(case.site)


def acknowledge_due(
    received: datetime,
    policy: Policy,
    days: int | None = None,
    hours: BusinessHours | None = None,
) -> datetime:
    """Close of business on the Nth business day after the day ``received`` (N: ``days``,
    or the policy's acknowledgement target), counted in ``hours`` (the centre's if None)."""
    hours = hours or policy.business_hours
    tz = zone(hours)
    count = policy.targets.acknowledge_business_days if days is None else days
    day = add_business_days(received.astimezone(tz).date(), count, hours)
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


def final_response_due(case: Case, policy: Policy) -> datetime:
    """Receipt plus the category's final-response days: waiting never moves it."""
    days = policy.targets.resolve_days_for(case.category)
    return add_calendar_days(case.cycle_started_at, days, policy)


def open_on_or_before(day: date, hours: BusinessHours) -> date:
    """The last business day on or before ``day`` (``day`` itself if none in the month
    before it is open)."""
    for back in range(32):
        earlier = day - timedelta(days=back)
        if is_business_day(earlier, hours):
            return earlier
    return day


def promised_due(case: Case, policy: Policy) -> datetime | None:
    """Close of business on the date promised to the customer, if one was promised; a
    promise for a closed day (a weekend, a holiday) is kept by the business day before."""
    by = promised_date(case)
    if by is None:
        return None
    hours = case_hours(case, policy)
    day = open_on_or_before(by, hours)
    return datetime.combine(day, hours.closes, tzinfo=zone(hours)).astimezone(UTC)


def resolve_due(case: Case, policy: Policy, now: datetime) -> datetime:
    """The final-response deadline, pushed back by time spent waiting where the policy's
    clock pauses for it."""
    due = final_response_due(case, policy)
    return due + paused_time(case, now) if policy.targets.waiting_pauses_resolve else due


def follow_up_due(notified: datetime, policy: Policy) -> datetime:
    """Notification plus the follow-up target."""
    return add_calendar_days(notified, policy.targets.follow_up_days, policy)


def _notified_at(case: Case) -> datetime | None:
    record = case.completed(Step.NOTIFY)
    if record is None:
        return None
    data = record.data
    return data.when if isinstance(data, NotifyData) and data.when else record.at


def _since_cycle(case: Case, action: str) -> datetime | None:
    """When ``action`` was first recorded since the clocks last started."""
    found = (h.at for h in case.history if h.action == action and h.at >= case.cycle_started_at)
    return next(found, None)


def acknowledgement_sent_at(case: Case) -> datetime | None:
    """When an acknowledgement was recorded as sent in this cycle, if one was."""
    return _since_cycle(case, ACKNOWLEDGED)


def acknowledged_at(case: Case, policy: Policy) -> datetime | None:
    """When the complaint was acknowledged in this cycle, if it was."""
    sent = acknowledgement_sent_at(case)
    declared = case.completed(Step.DECLARE)
    moments = [m for m in (sent, declared.at if declared else None) if m is not None]
    by_phone = policy.match_channel(case.channel) == policy.match_channel("phone")
    if policy.acknowledge_on_phone_logging and case.cycle_first_record == 0 and by_phone:
        moments.append(case.created_at)
    return min(moments, default=None)


def delay_notice_from(case: Case, policy: Policy) -> datetime:
    """When a delay notice becomes due: N business days before the final-response deadline."""
    hours = case_hours(case, policy)
    tz = zone(hours)
    day = final_response_due(case, policy).astimezone(tz).date()
    remaining = policy.targets.delay_notice_business_days
    while remaining:
        day -= timedelta(days=1)
        if is_business_day(day, hours):
            remaining -= 1
    return datetime.combine(day, hours.opens, tzinfo=tz).astimezone(UTC)


def delay_notice_pending_from(case: Case, policy: Policy) -> datetime | None:
    """When a delay notice becomes due, while one may still be: the case is open, the
    customer not yet notified, and no delay notice sent in this cycle (else None)."""
    if not case.is_open or _notified_at(case) is not None:
        return None
    if _since_cycle(case, DELAY_NOTICE) is not None:
        return None
    return delay_notice_from(case, policy)


def delay_notice_due(case: Case, policy: Policy, now: datetime) -> bool:
    """The case is about to miss its final-response deadline and no delay notice was sent."""
    pending = delay_notice_pending_from(case, policy)
    return pending is not None and now >= pending


def summary_resolution_by(case: Case, policy: Policy) -> datetime | None:
    """The end of the standard's summary-resolution window (DISP: close of business on the
    third business day after receipt); None when the standard has none."""
    window = policy.targets.summary_resolution_business_days
    if window is None:
        return None
    return acknowledge_due(case.cycle_started_at, policy, window, case_hours(case, policy))


def summary_resolution(case: Case, policy: Policy) -> bool:
    """Resolved (the customer notified) within the standard's summary-resolution window."""
    window_ends = summary_resolution_by(case, policy)
    notified = _notified_at(case)
    return window_ends is not None and notified is not None and notified <= window_ends


def summary_resolution_applies(case: Case, policy: Policy, now: datetime) -> bool:
    """A summary resolution communication, not a final response, is the response due: the
    customer was notified within the standard's window, or the window is still open."""
    window_ends = summary_resolution_by(case, policy)
    return window_ends is not None and (_notified_at(case) or now) <= window_ends


def next_deadline(case: Case, policy: Policy, now: datetime) -> tuple[DueKind, datetime] | None:
    """Which deadline the case is working towards now, and when; None once closed."""
    if not case.is_open:
        return None
    if acknowledged_at(case, policy) is None and case.completed(Step.DECLARE) is None:
        hours = case_hours(case, policy)
        return DueKind.ACKNOWLEDGE, acknowledge_due(case.cycle_started_at, policy, None, hours)
    notified = _notified_at(case)
    if notified is not None:
        return DueKind.FOLLOW_UP, follow_up_due(notified, policy)
    at = resolve_due(case, policy, now)
    promised = promised_due(case, policy)
    return DueKind.RESOLVE, at if promised is None else min(at, promised)


def next_due(case: Case, policy: Policy, now: datetime) -> Due | None:
    """The deadline the case is working towards now (flagged when a delay notice is
    due); None once closed."""
    found = next_deadline(case, policy, now)
    if found is None:
        return None
    return Due.against(*found, now, delay_notice_pending_from(case, policy))


def external_values(case: Case, policy: Policy) -> dict[str, str | None]:
    """Template values naming the external dispute body (the referral sentence is empty
    when the policy names none) and the reason of the latest delay notice."""
    body = policy.external_body
    prefix = "delay notice sent: "
    reasons = [h.detail for h in case.history if h.action == DELAY_NOTICE]
    return {
        "external_referral": body.referral_sentence(),
        "external_body": body.name or None,
        "external_contact": body.contact or None,
        "external_time_limit": body.time_limit or None,
        "delay_reason": reasons[-1].removeprefix(prefix) if reasons else None,
    }
