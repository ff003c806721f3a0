"""My performance against the charter: cases cut into cycles, measured against the targets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tests.support.steps import case_fields

from cstui.content.toml_files import default_policy
from cstui.domain import workflow
from cstui.domain.performance import charter_figures, cycles
from cstui.models.case import Case, NewCase
from cstui.models.figures import charter_rows, percent
from cstui.models.kinds import Step
from cstui.models.policy import Policy

NOW = datetime(2026, 3, 30, 10, 0, tzinfo=UTC)
"""Monday 30 March 2026: the last 4 weeks start 2 March 10:00, the last 12 on 5 January."""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def utc_policy() -> Policy:
    shipped = default_policy()
    hours = shipped.business_hours.model_copy(update={"timezone": "UTC"})
    return shipped.model_copy(update={"business_hours": hours})


class Story:
    """A case told step by step at given times."""

    def __init__(self, number: int, logged: str) -> None:
        form = NewCase.model_validate(case_fields())
        self.case = workflow.new_case(f"C-{number:06d}", form, "alice", at(logged))

    def step(self, when: str, **fields: Any) -> Story:
        data = workflow.parse_step_data(self.case.step, fields)
        self.case = workflow.advance(self.case, data, "alice", at(when))
        return self

    def declare(self, when: str) -> Story:
        return self.step(when, promise="We will fix it", by="2026-12-31")

    def investigate(self, when: str) -> Story:
        return self.step(when, findings="Found it")

    def solve(self, when: str) -> Story:
        return self.step(when, action="Refund", policy_clause="4.2")

    def notify(self, when: str) -> Story:
        return self.step(when, method="phone", said="Done")

    def follow_up(self, when: str, satisfied: bool) -> Story:
        if satisfied:
            return self.step(when, satisfied=True)
        return self.step(when, satisfied=False, internal_review=True)

    def wait(self, start: str, end: str) -> Story:
        self.case = workflow.wait(self.case, "alice", at(start))
        self.case = workflow.resume(self.case, "alice", at(end))
        return self

    def reopen(self, when: str) -> Story:
        self.case = workflow.reopen(self.case, "came back", "alice", at(when))
        return self


def stories() -> list[Case]:
    a = (
        Story(1, "2026-03-16T09:00")
        .investigate("2026-03-16T10:00")
        .declare("2026-03-16T15:00")  # 6 h, on time (due Tue 17:00)
        .solve("2026-03-19T09:00")
        .notify("2026-03-20T09:00")  # 4 days
        .follow_up("2026-03-27T09:00", satisfied=True)
    )
    b = (
        Story(2, "2026-03-18T10:00")
        .investigate("2026-03-19T10:00")
        .declare("2026-03-20T10:00")  # 48 h, late (due Thu 19th 17:00)
        .wait("2026-03-20T10:00", "2026-03-25T10:00")  # not notified, still within target
    )
    c = Story(3, "2026-01-05T11:00").investigate("2026-01-05T11:30").declare("2026-01-05T12:00")
    # c was never notified: 30 days ran out on 4 February, so it counts as late.
    d = (
        Story(4, "2026-02-02T10:00")
        .investigate("2026-02-02T10:30")
        .declare("2026-02-02T11:00")
        .solve("2026-02-04T10:00")
        .notify("2026-02-05T10:00")  # 3 days
        .follow_up("2026-02-10T10:00", satisfied=False)
        .reopen("2026-03-10T10:00")
        .investigate("2026-03-10T10:30")
        .declare("2026-03-10T11:00")
        .wait("2026-03-10T12:00", "2026-03-11T08:00")  # 20 h waiting
        .solve("2026-03-11T09:00")
        .notify("2026-03-11T10:00")  # 24 h after the reopening, 4 h of it working
    )
    return [a.case, b.case, c.case, d.case]


def test_a_reopened_case_has_two_cycles() -> None:
    reopened = stories()[3]
    first, second = cycles(reopened, NOW)
    assert first.start == at("2026-02-02T10:00")
    assert second.start == at("2026-03-10T10:00")
    assert [r.step for r in first.records] == [
        Step.RECEIVE,
        Step.INVESTIGATE,
        Step.DECLARE,
        Step.SOLVE,
        Step.NOTIFY,
        Step.FOLLOW_UP,
    ]
    assert [r.step for r in second.records] == [
        Step.INVESTIGATE,
        Step.DECLARE,
        Step.SOLVE,
        Step.NOTIFY,
    ]
    assert len(second.pauses) == 1 and first.pauses == []


def test_the_last_four_weeks(utc_policy: Policy) -> None:
    four, _twelve = charter_figures(stories(), utc_policy, NOW)
    assert four.weeks == 4
    assert four.since == at("2026-03-02T10:00")
    assert four.cycles == 3  # a, b, and d since its reopening
    assert four.acknowledge.done == 3
    assert (four.acknowledge.on_time, four.acknowledge.late) == (2, 1)
    assert four.acknowledge.median == timedelta(hours=6)
    assert four.resolve.done == 2  # b is still within its target
    assert (four.resolve.on_time, four.resolve.late) == (2, 0)
    assert four.resolve.median == (timedelta(days=4) + timedelta(hours=4)) / 2
    assert four.reopened == 1
    assert (four.followed_up, four.satisfied) == (1, 1)
    assert four.share_satisfied == 1.0


def test_the_last_twelve_weeks(utc_policy: Policy) -> None:
    _four, twelve = charter_figures(stories(), utc_policy, NOW)
    assert twelve.cycles == 5
    assert (twelve.acknowledge.on_time, twelve.acknowledge.late) == (4, 1)
    assert twelve.acknowledge.median == timedelta(hours=1)
    assert twelve.resolve.done == 3
    assert (twelve.resolve.on_time, twelve.resolve.late) == (3, 1)  # c ran out of time
    assert twelve.resolve.median == timedelta(days=3)
    assert twelve.resolve.share_on_time == 0.75
    assert (twelve.followed_up, twelve.satisfied) == (2, 1)


def test_waiting_on_the_customer_moves_the_resolve_target(utc_policy: Policy) -> None:
    late_but_waited = (
        Story(9, "2026-02-01T10:00")
        .investigate("2026-02-01T11:00")
        .declare("2026-02-02T11:00")
        .wait("2026-02-02T12:00", "2026-02-12T12:00")  # ten days waiting
        .solve("2026-03-05T09:00")
        .notify("2026-03-05T10:00")  # 32 days after logging, 22 of them working
    )
    [twelve] = charter_figures([late_but_waited.case], utc_policy, NOW, windows=(12,))
    assert twelve.resolve.median == timedelta(days=22)
    assert (twelve.resolve.on_time, twelve.resolve.late) == (1, 0)


def test_no_cases_give_dashes_not_zeroes(utc_policy: Policy) -> None:
    four, twelve = charter_figures([], utc_policy, NOW)
    assert four.acknowledge.share_on_time is None
    assert four.share_satisfied is None
    rows = charter_rows([four, twelve], utc_policy)
    assert rows[0] == ("Cases logged or reopened", ["0", "0"], "")
    assert rows[2] == ("Acknowledged on time", ["—", "—"], "within 1 business day")
    assert rows[4] == ("Resolved on time", ["—", "—"], "within 30 days")
    assert percent(None) == "—"
    assert percent(2 / 3) == "67%"


def test_rows_show_medians_and_shares(utc_policy: Policy) -> None:
    figures = charter_figures(stories(), utc_policy, NOW)
    rows = {label: values for label, values, _ in charter_rows(figures, utc_policy)}
    assert rows["Median time to acknowledge"] == ["6h 0m", "1h 0m"]
    assert rows["Acknowledged on time"] == ["67% (2 of 3)", "80% (4 of 5)"]
    assert rows["Median time to resolve"] == ["2d 2h", "3d 0h"]
    assert rows["Resolved on time"] == ["100% (2 of 2)", "75% (3 of 4)"]
    assert rows["Reopened"] == ["1", "1"]
    assert rows["Satisfied at follow-up"] == ["100% (1 of 1)", "50% (1 of 2)"]
