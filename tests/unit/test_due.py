"""Due dates: business days for acknowledging, calendar days for resolving and following up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cstui.domain import workflow
from cstui.domain.due import (
    acknowledge_due,
    add_business_days,
    is_business_day,
    next_due,
    resolve_due,
)
from cstui.models.case import Case, NewCase
from cstui.models.deadline import Due, DueKind, describe_duration
from cstui.models.kinds import Step
from cstui.models.policy import BusinessHours, Policy, Weekday

SYDNEY = ZoneInfo("Australia/Sydney")

FIELDS: dict[Step, dict[str, Any]] = {
    Step.INVESTIGATE: {"findings": "Duplicate charge."},
    Step.DECLARE: {"promise": "Refund it.", "by": "2026-12-31"},  # later than every target
    Step.SOLVE: {"action": "Refund", "policy_clause": "4.2"},
    Step.NOTIFY: {"method": "email", "said": "Refunded."},
    Step.FOLLOW_UP: {"satisfied": True},
}


def syd(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SYDNEY)


def due_now(case: Case, policy: Policy, now: datetime) -> Due:
    """What the case is due for at ``now``; the case must be due for something."""
    due = next_due(case, policy, now)
    assert due is not None, f"{case.id} is due for nothing at {now}"
    return due


def with_hours(policy: Policy, **changes) -> Policy:
    hours = BusinessHours.model_validate({**policy.business_hours.model_dump(), **changes})
    return policy.model_copy(update={"business_hours": hours})


@pytest.fixture
def log(new_case_fields):
    def make(received: datetime) -> Case:
        form = NewCase.model_validate(new_case_fields())
        return workflow.new_case("C-000001", form, "tester", received)

    return make


def complete(case: Case, now: datetime, **extra) -> Case:
    data = workflow.parse_step_data(case.step, {**FIELDS[case.step], **extra})
    return workflow.advance(case, data, "tester", now)


def declared(case: Case) -> Case:
    """Investigate and Declare, an hour apart, on the day of receipt."""
    case = complete(case, case.created_at + timedelta(hours=1))
    return complete(case, case.created_at + timedelta(hours=2))


# -- acknowledge: business days -----------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (syd(3, 2), syd(3, 3, 17)),  # Monday -> Tuesday close of business
        (syd(3, 6), syd(3, 9, 17)),  # Friday -> Monday
        (syd(3, 6, 23, 59), syd(3, 9, 17)),  # late Friday is still Friday
        (syd(3, 7), syd(3, 9, 17)),  # Saturday -> Monday
        (syd(3, 8, 8), syd(3, 9, 17)),  # Sunday -> Monday
    ],
)
def test_acknowledge_by_close_of_next_business_day(policy, received, due) -> None:
    assert acknowledge_due(received, policy) == due


def test_acknowledge_skips_holidays(policy) -> None:
    easter = with_hours(policy, holidays=[date(2026, 4, 3), date(2026, 4, 6)])
    # Thursday before Good Friday: Friday and Monday are holidays -> Tuesday.
    assert acknowledge_due(syd(4, 2), easter) == syd(4, 7, 17)
    no_public = with_hours(policy, holiday_country="")
    assert acknowledge_due(syd(4, 2), no_public) == syd(4, 3, 17)


def test_acknowledge_counts_business_days_from_policy(policy) -> None:
    three = policy.model_copy(
        update={"targets": policy.targets.model_copy(update={"acknowledge_business_days": 3})}
    )
    assert acknowledge_due(syd(3, 5), three) == syd(3, 10, 17)  # Thu -> Fri, Mon, Tue
    six_days = with_hours(policy, days=["mon", "tue", "wed", "thu", "fri", "sat"])
    assert acknowledge_due(syd(3, 6), six_days) == syd(3, 7, 17)


def test_same_day_target_moves_to_the_next_open_day(policy) -> None:
    hours = policy.business_hours
    assert add_business_days(date(2026, 3, 7), 0, hours) == date(2026, 3, 9)
    assert add_business_days(date(2026, 3, 4), 0, hours) == date(2026, 3, 4)


def test_business_day_is_the_policy_time_zones_day(policy) -> None:
    # Thursday 20:30 UTC is already Friday morning in Sydney: due Monday, not Friday.
    received = datetime(2026, 3, 5, 20, 30, tzinfo=UTC)
    due = acknowledge_due(received, policy)
    assert due == syd(3, 9, 17)
    assert due == datetime(2026, 3, 9, 6, 0, tzinfo=UTC)  # AEDT is UTC+11
    new_york = acknowledge_due(received, with_hours(policy, timezone="America/New_York"))
    assert new_york == datetime(2026, 3, 6, 17, 0, tzinfo=ZoneInfo("America/New_York"))


def test_close_of_business_follows_daylight_saving(policy) -> None:
    # Sydney leaves daylight saving on Sunday 5 April 2026: 17:00 is then UTC+10.
    # (Public holidays left out: Good Friday to Easter Monday would move the day.)
    no_public = with_hours(policy, holiday_country="")
    assert acknowledge_due(syd(4, 3), no_public) == datetime(2026, 4, 6, 7, 0, tzinfo=UTC)


def test_next_due_is_acknowledge_until_declared(policy, log) -> None:
    case = log(syd(3, 6))
    due = due_now(case, policy, syd(3, 6, 11))
    assert due is not None
    assert (due.kind, due.at, due.overdue_by) == (DueKind.ACKNOWLEDGE, syd(3, 9, 17), None)
    case = complete(case, syd(3, 6, 12))  # investigated, not yet declared
    assert due_now(case, policy, syd(3, 6, 13)).kind is DueKind.ACKNOWLEDGE


# -- resolve: calendar days, paused while waiting -------------------------------------


def test_resolve_due_thirty_days_after_receipt(policy, log) -> None:
    case = declared(log(syd(3, 2)))
    due = due_now(case, policy, syd(3, 3))
    assert due.kind is DueKind.RESOLVE
    assert due.at == syd(3, 2) + timedelta(days=30)
    assert not due.overdue


def test_calendar_days_keep_the_local_clock_time_across_daylight_saving(policy, log) -> None:
    # Received 10:00 AEDT on 20 March; 30 days later Sydney is on AEST (UTC+10).
    case = declared(log(syd(3, 20)))
    stored = Case.model_validate(case.model_dump(mode="json"))  # as read back, in UTC
    assert stored.cycle_started_at.tzinfo is UTC
    for copy in (case, stored):
        assert resolve_due(copy, policy, syd(3, 21)) == datetime(2026, 4, 19, 0, 0, tzinfo=UTC)


def test_waiting_pauses_the_resolve_clock_and_resume_restarts_it(policy, log) -> None:
    start = syd(3, 2).astimezone(UTC)  # elapsed time, not wall-clock time
    case = declared(log(start))
    case = workflow.wait(case, "tester", start + timedelta(days=2))
    # Still waiting: the deadline keeps moving back as time passes.
    assert resolve_due(case, policy, start + timedelta(days=5)) == start + timedelta(days=33)
    assert resolve_due(case, policy, start + timedelta(days=6)) == start + timedelta(days=34)
    case = workflow.resume(case, "tester", start + timedelta(days=5))
    # Resumed: the three days waited are added once, and the clock runs again.
    assert resolve_due(case, policy, start + timedelta(days=10)) == start + timedelta(days=33)
    assert resolve_due(case, policy, start + timedelta(days=40)) == start + timedelta(days=33)
    case = workflow.wait(case, "tester", start + timedelta(days=10))
    case = workflow.resume(case, "tester", start + timedelta(days=11))
    assert due_now(case, policy, start + timedelta(days=12)).at == start + timedelta(days=34)


def test_overdue_by_says_how_late(policy, log) -> None:
    case = declared(log(syd(3, 2)))
    at = syd(3, 2) + timedelta(days=30)
    assert due_now(case, policy, at).overdue_by is None
    late = due_now(case, policy, at + timedelta(hours=2, minutes=30))
    assert late.overdue
    assert late.overdue_by == timedelta(hours=2, minutes=30)
    assert describe_duration(late.overdue_by) == "2h 30m"


def test_reopen_restarts_the_clocks_and_ignores_old_pauses(policy, log) -> None:
    case = log(syd(3, 2))
    case = workflow.wait(case, "tester", syd(3, 2, 11))
    case = workflow.resume(case, "tester", syd(3, 4, 11))
    at = syd(3, 3)
    while case.is_open:
        at += timedelta(hours=1)
        case = complete(case, at)
    assert next_due(case, policy, at) is None
    reopened = workflow.reopen(case, "not fixed", "tester", syd(3, 13))  # a Friday
    due = due_now(reopened, policy, syd(3, 13, 11))
    assert (due.kind, due.at) == (DueKind.ACKNOWLEDGE, syd(3, 16, 17))
    reopened = declared(reopened)
    assert resolve_due(reopened, policy, syd(3, 14)) == syd(3, 13) + timedelta(days=30)


# -- follow up ----------------------------------------------------------------------


def test_follow_up_due_seven_days_after_notify(policy, log) -> None:
    case = declared(log(syd(3, 2)))
    case = complete(case, syd(3, 3))  # solved
    case = complete(case, syd(3, 4, 15))  # notified now
    due = due_now(case, policy, syd(3, 5))
    assert (due.kind, due.at) == (DueKind.FOLLOW_UP, syd(3, 11, 15))
    assert due_now(case, policy, syd(3, 12, 15)).overdue_by == timedelta(days=1)


def test_follow_up_counts_from_when_the_customer_was_told(policy, log) -> None:
    case = complete(declared(log(syd(3, 2))), syd(3, 3))
    case = complete(case, syd(3, 5), when=syd(3, 4, 9).isoformat())
    assert due_now(case, policy, syd(3, 5)).at == syd(3, 11, 9)


def test_closed_case_has_no_due_date(policy, log) -> None:
    case = log(syd(3, 2))
    at = syd(3, 2)
    while case.is_open:
        at += timedelta(hours=1)
        case = complete(case, at)
    assert next_due(case, policy, at + timedelta(days=365)) is None


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(days=3, hours=4, minutes=59), "3d 4h"),
        (timedelta(hours=5, minutes=10), "5h 10m"),
        (timedelta(minutes=12, seconds=30), "12m"),
    ],
)
def test_describe_duration(delta, text) -> None:
    assert describe_duration(delta) == text


def test_weekday_numbers_match_the_calendar() -> None:
    monday = date(2026, 3, 2)
    expected = {day: (monday + timedelta(days=n)).weekday() for n, day in enumerate(Weekday)}
    assert {day: day.number for day in expected} == expected
    assert [Weekday.MON.number, Weekday.SUN.number] == [0, 6]


def test_business_days_follow_each_policy_s_days_and_holidays() -> None:
    hours = BusinessHours(days=[Weekday.MON, Weekday.WED], holidays=[date(2026, 3, 4)])
    fortnight = [date(2026, 3, 2) + timedelta(days=n) for n in range(14)]
    opened = [d for d in fortnight if is_business_day(d, hours)]
    assert opened == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 11)]
    weekend = BusinessHours(days=[Weekday.SAT, Weekday.SUN])
    assert [d.day for d in fortnight if is_business_day(d, weekend)] == [7, 8, 14, 15]
