"""A case's brief gives the same deadline as the full case, at any later moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cstui.domain import workflow
from cstui.domain.brief import brief_of, brief_stamp
from cstui.domain.due import next_due, promised_due
from cstui.models.brief import CaseBrief
from cstui.models.case import Case, NewCase
from cstui.models.deadline import iso
from cstui.models.kinds import Step

SYDNEY = ZoneInfo("Australia/Sydney")
START = datetime(2026, 3, 2, 10, 0, tzinfo=SYDNEY)
FIELDS: dict[Step, dict[str, Any]] = {
    Step.INVESTIGATE: {"findings": "Duplicate charge."},
    Step.DECLARE: {"promise": "Refund it.", "by": "2026-03-20"},
    Step.SOLVE: {"action": "Refund", "policy_clause": "4.2"},
    Step.NOTIFY: {"method": "email", "said": "Refunded."},
    Step.FOLLOW_UP: {"satisfied": True},
}


def complete(case: Case, now: datetime) -> Case:
    return workflow.advance(case, workflow.parse_step_data(case.step, FIELDS[case.step]), "t", now)


def stored(case: Case) -> Case:
    """The case as read back from the store (moments in UTC)."""
    return Case.model_validate(case.model_dump(mode="json"))


def history(new_case_fields) -> list[Case]:
    """A case at every stage worth a brief: new, declared, waiting, resumed, notified,
    waiting again, reopened after closing while still waiting, ..."""
    case = workflow.new_case("C-000001", NewCase.model_validate(new_case_fields()), "t", START)
    at = START
    seen = [case]

    def later(**delta: float) -> datetime:
        nonlocal at
        at += timedelta(**delta)
        return at

    case = workflow.wait(case, "t", later(hours=1))  # waiting before the declare
    seen.append(case)
    case = workflow.resume(case, "t", later(days=1))
    seen.append(case)
    for _ in range(2):
        case = complete(case, later(hours=2))
        seen.append(case)
    case = workflow.wait(case, "t", later(days=2))  # waiting at solve: pushes resolve
    seen.append(case)
    case = workflow.resume(case, "t", later(days=3))
    seen.append(case)
    case = workflow.wait(case, "t", later(days=1))
    seen.append(case)
    case = complete(case, later(hours=5))  # solved while waiting
    seen.append(case)
    case = complete(case, later(hours=5))  # notified: follow-up clock
    seen.append(case)
    case = complete(case, later(days=1))  # closed
    case = workflow.reopen(case, "not fixed", "t", later(days=2))
    seen.append(case)
    case = workflow.wait(case, "t", later(hours=3))
    seen.append(case)
    return seen


def test_the_brief_deadline_is_the_full_one_now_and_later(policy, new_case_fields) -> None:
    for case in history(new_case_fields):
        brief = brief_of(stored(case), policy)
        for days in (0, 0.5, 1, 3, 10, 31, 45, 90):
            now = case.updated_at + timedelta(days=days)
            assert brief.due(now) == next_due(case, policy, now), (case.step, case.waiting, days)


def test_a_brief_keeps_what_a_list_shows(policy, new_case_fields) -> None:
    case = stored(history(new_case_fields)[4])
    brief = brief_of(case, policy)
    assert (brief.id, brief.customer, brief.phone, brief.email) == (
        case.id,
        case.customer.name,
        case.customer.phone,
        case.customer.email,
    )
    assert (brief.step, brief.owner, brief.version, brief.waiting) == (
        case.step,
        case.owner,
        case.version,
        case.waiting,
    )
    document = case.model_dump(mode="json")
    assert (brief.created_at, brief.updated_at) == (document["created_at"], document["updated_at"])


def test_a_brief_survives_storing(policy, new_case_fields) -> None:
    for case in history(new_case_fields):
        brief = brief_of(case, policy)
        assert CaseBrief.from_document(brief.to_document()) == brief


@pytest.mark.parametrize(
    "broken",
    [{"owner": None}, {"due_kind": "soon"}, {"step": "nowhere"}, {"due_at": "Tuesday"}],
)
def test_a_damaged_brief_is_refused(policy, new_case_fields, broken) -> None:
    document = {**brief_of(history(new_case_fields)[0], policy).to_document(), **broken}
    document = {k: v for k, v in document.items() if v is not None or k not in broken}
    with pytest.raises((KeyError, ValueError)):
        CaseBrief.from_document(document)


def test_the_stamp_follows_the_policy_bytes() -> None:
    assert brief_stamp(b"a = 1\n") == brief_stamp(b"a = 1\n")
    assert brief_stamp(b"a = 1\n") != brief_stamp(b"a = 2\n")


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=SYDNEY),
    ],
)
def test_iso_writes_moments_as_stored_cases_do(moment) -> None:
    from pydantic import TypeAdapter

    assert iso(moment) == TypeAdapter(datetime).dump_python(moment, mode="json")


def test_a_long_wait_never_carries_the_deadline_past_the_promise(policy, new_case_fields) -> None:
    case = workflow.new_case("C-000001", NewCase.model_validate(new_case_fields()), "t", START)
    case = complete(case, START + timedelta(hours=1))
    promise = {"promise": "Refund it.", "by": "2026-04-10"}  # later than the 1 April target
    data = workflow.parse_step_data(Step.DECLARE, promise)
    case = workflow.advance(case, data, "t", START + timedelta(hours=2))
    case = workflow.wait(case, "t", START + timedelta(days=3))
    brief = brief_of(stored(case), policy)
    for days in (5, 9, 12, 20, 40):
        now = START + timedelta(days=days)
        assert brief.due(now) == next_due(case, policy, now), days
    promised = datetime(2026, 4, 10, 17, 0, tzinfo=SYDNEY)
    due = brief.due(START + timedelta(days=20))
    assert due is not None and due.at == promised  # not 1 April + 17 days


def test_a_brief_says_when_a_delay_notice_is_due(policy, new_case_fields) -> None:
    case = workflow.new_case("C-000001", NewCase.model_validate(new_case_fields()), "t", START)
    brief = brief_of(stored(case), policy)  # final response by 1 April: notice from 25 March
    sent = workflow.add_event(case, "delay notice", "late", "t", START + timedelta(days=23))
    flags = [
        due.delay_notice_due if due else None
        for due in (
            brief.due(datetime(2026, 3, 24, 10, tzinfo=SYDNEY)),
            brief.due(datetime(2026, 3, 25, 10, tzinfo=SYDNEY)),
            brief_of(stored(sent), policy).due(START + timedelta(days=24)),
        )
    ]
    assert flags == [False, True, False]


def test_a_promise_for_a_closed_day_is_kept_by_the_business_day_before(
    policy, new_case_fields
) -> None:
    case = workflow.new_case("C-000001", NewCase.model_validate(new_case_fields()), "t", START)
    case = complete(case, START + timedelta(hours=1))
    promise = {"promise": "Refund it.", "by": "2026-03-22"}  # a Sunday
    data = workflow.parse_step_data(Step.DECLARE, promise)
    case = workflow.advance(case, data, "t", START + timedelta(hours=2))
    friday = datetime(2026, 3, 20, 17, 0, tzinfo=SYDNEY)
    assert promised_due(case, policy) == friday
    due = brief_of(stored(case), policy).due(START + timedelta(days=3))
    assert due is not None and due.at == friday
