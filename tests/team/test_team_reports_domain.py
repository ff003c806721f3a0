"""The team board, the analysis of complaints and the trends, as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from tests.support.clock import MONDAY_IN_NOVEMBER
from tests.support.team import fields
from tests.support.workspaces import advance_to

from cstui.domain import board as board_rules
from cstui.domain import reports
from cstui.domain import trends as trend_rules
from cstui.models import board as board_view
from cstui.models import trends as trends_view
from cstui.models.board import BoardRow
from cstui.models.case import Case, Note
from cstui.models.kinds import Step
from cstui.workspace import Workspace


def _rows(ws: Workspace, awaiting: tuple[str, ...] = ()) -> list[BoardRow]:
    cases = ws.cases.repo.open_cases()
    return board_rules.board(cases, ws.policy, ws.cases.clock(), awaiting)


def test_board_flags_and_counters(leader_ws: Workspace, team_clock) -> None:
    ws = leader_ws
    old = ws.cases.log(fields("Old"))
    team_clock.advance(days=2)  # Old's acknowledge target (Tue 17:00) has passed
    fresh = ws.cases.log(fields("Fresh"))
    waiting = ws.cases.log(fields("Waiting"))
    ws.cases.wait(waiting.id)
    done = advance_to(ws, ws.cases.log(fields("Done")), "closed")
    rows = _rows(ws, awaiting=(fresh.id,))
    by_id = {r.case.id: r for r in rows}
    assert done.id not in by_id  # closed cases are not on the board
    assert by_id[old.id].overdue and by_id[old.id].flags == "!"
    assert by_id[fresh.id].flags == "$"
    assert by_id[waiting.id].flags == "⏸"
    assert by_id[old.id].age == timedelta(days=2)
    counters = board_rules.counters(rows, ws.cases.clock(), UTC)
    assert counters.open == 3
    assert counters.per_step[Step.INVESTIGATE] == 3
    assert counters.overdue == 1
    assert counters.awaiting_approval == 1
    assert counters.due_today == 0


def test_due_today_counts_deadlines_later_today(leader_ws: Workspace, team_clock) -> None:
    leader_ws.cases.log(fields())  # logged Monday 10:00: acknowledge by Tuesday 17:00
    team_clock.advance(days=1)  # Tuesday 10:00
    counters = board_rules.counters(_rows(leader_ws), team_clock(), UTC)
    assert (counters.due_today, counters.overdue) == (1, 0)
    team_clock.advance(hours=8)  # Tuesday 18:00: now overdue, no longer "due today"
    counters = board_rules.counters(_rows(leader_ws), team_clock(), UTC)
    assert (counters.due_today, counters.overdue) == (0, 1)


def test_sort_by_each_column_and_reverse(leader_ws: Workspace, as_user, team_clock) -> None:
    a = leader_ws.cases.log(fields("Zed", category="Delivery"))
    team_clock.advance(hours=1)
    b = as_user("bob").cases.log(fields("Amy", category="Billing"))
    c = advance_to(leader_ws, leader_ws.cases.log(fields("Max", category="Other")), "solve")
    rows = _rows(leader_ws)

    def order(column: int, descending: bool = False) -> list[str]:
        return [r.case.id for r in board_view.sort_rows(rows, column, descending)]

    assert order(0) == [a.id, b.id, c.id]
    assert order(0, descending=True) == [c.id, b.id, a.id]
    assert order(1) == [b.id, c.id, a.id]  # customer: Amy, Max, Zed
    assert order(2) == [b.id, a.id, c.id]  # category: Billing, Delivery, Other
    assert order(3)[-1] == c.id  # step: Solve comes after Investigate
    assert order(4)[0] == a.id  # owner: alice before bob
    assert order(5) == [b.id, c.id, a.id]  # age: youngest first (b and c logged later)


def test_flags_sort_puts_the_most_flagged_first(leader_ws: Workspace, team_clock) -> None:
    plain = leader_ws.cases.log(fields("Plain"))
    waiting = leader_ws.cases.log(fields("Waiting"))
    leader_ws.cases.wait(waiting.id)
    rows = _rows(leader_ws, awaiting=(plain.id,))
    assert [r.case.id for r in board_view.sort_rows(rows, 7)] == [plain.id, waiting.id]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {"Zed", "Amy"}),
        ("amy", {"Amy"}),
        ("owner:bob", {"Amy"}),
        ("owner:ali", {"Zed"}),
        ("cat:deliv", {"Zed"}),
        ("step:investigate", {"Zed", "Amy"}),
        ("refund amy", {"Amy"}),  # every word must match somewhere (summary, name)
        ("owner:bob cat:delivery", set()),
        ("C-000002", {"Amy"}),
        ("nothing-like-this", set()),
    ],
)
def test_filter_words(leader_ws: Workspace, as_user, text: str, expected: set[str]) -> None:
    leader_ws.cases.log(fields("Zed", category="Delivery", summary="Parcel late"))
    as_user("bob").cases.log(fields("Amy", summary="Wants a refund"))
    rows = board_view.filter_rows(_rows(leader_ws), text)
    assert {r.case.customer.name for r in rows} == expected


def test_overdue_only_filter(leader_ws: Workspace, team_clock) -> None:
    late = leader_ws.cases.log(fields("Late"))
    team_clock.advance(days=3)
    leader_ws.cases.log(fields("New"))
    rows = board_view.filter_rows(_rows(leader_ws), "", overdue_only=True)
    assert [r.case.id for r in rows] == [late.id]


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(minutes=5), "5m"),
        (timedelta(hours=3, minutes=59), "3h"),
        (timedelta(days=2, hours=5), "2d"),
        (timedelta(days=13), "13d"),
        (timedelta(days=15), "2w"),
        (timedelta(seconds=-5), "0m"),
    ],
)
def test_short_age(delta: timedelta, text: str) -> None:
    assert board_view.short_age(delta) == text


def test_analysis_rows_and_outcomes(leader_ws: Workspace, team_clock) -> None:
    ws = leader_ws
    first = ws.cases.log(
        fields("Pat", summary="Salesperson could not help", directed_at="Salesperson")
    )
    team_clock.advance(days=3)
    second = ws.cases.log(
        fields(
            "Acme",
            customer={"name": "Acme", "email": "ops@acme.example", "type": "corporate"},
            category="Delivery",
            summary="Goods not delivered on time",
            directed_at="Distribution company",
        )
    )
    second = advance_to(ws, second, "closed")
    ws.cases.wait(first.id)
    rows = reports.analysis(
        ws.cases.repo.open_cases() + ws.cases.repo.closed_cases(),
        date(2026, 11, 23),
        date(2026, 11, 30),
        UTC,
    )
    assert [(r.received, r.case_id, r.made_by, r.directed_at) for r in rows] == [
        (date(2026, 11, 23), first.id, "Member of public (not regular customer)", "Salesperson"),
        (date(2026, 11, 26), second.id, "Corporate agency", "Distribution company"),
    ]
    assert rows[0].outcome == "Open at Investigate; waiting on the customer"
    assert rows[1].outcome == "Closed: Refund one charge; customer satisfied"
    outside = reports.analysis([first], date(2026, 11, 24), date(2026, 11, 30), UTC)
    assert outside == []


def test_outcome_of_a_referral_and_an_imported_closed_case(leader_ws: Workspace) -> None:
    case = advance_to(leader_ws, leader_ws.cases.log(fields()), "follow-up")
    referred = leader_ws.cases.advance(
        case.id,
        {"satisfied": False, "referral_body": "Ombudsman", "referral_contact": "1800 000"},
    )
    assert reports.outcome_text(referred) == (
        "Closed: Refund one charge; not satisfied: referred to Ombudsman"
    )
    note = Note(
        at=MONDAY_IN_NOVEMBER, author="alice", text="Outcome from the imported register: Replaced"
    )
    imported = referred.model_copy(update={"records": referred.records[:1], "notes": [note]})
    assert reports.outcome_text(imported) == "Closed: Replaced"


def _case_at(ws: Workspace, when: datetime, category: str, directed_at: str = "") -> Case:
    saved = ws.cases.clock
    ws.cases.clock = lambda: when
    try:
        return ws.cases.log(fields(category=category, directed_at=directed_at))
    finally:
        ws.cases.clock = saved


def test_weekly_counts_by_category(leader_ws: Workspace) -> None:
    now = MONDAY_IN_NOVEMBER
    _case_at(leader_ws, now - timedelta(days=1), "Billing")
    _case_at(leader_ws, now - timedelta(days=2), "Billing")
    _case_at(leader_ws, now - timedelta(days=8), "Delivery")
    _case_at(leader_ws, now - timedelta(weeks=13), "Delivery")  # outside 12 weeks
    cases = leader_ws.cases.repo.open_cases()
    per_week = trend_rules.weekly_counts(cases, leader_ws.policy.categories, now, 12)
    assert list(per_week) == leader_ws.policy.categories
    assert per_week["Billing"] == [0] * 11 + [2]
    assert per_week["Delivery"] == [0] * 10 + [1, 0]
    assert per_week["Other"] == [0] * 12


def test_trends_figures(leader_ws: Workspace, team_clock) -> None:
    ws = leader_ws
    fast = ws.cases.log(fields(directed_at="Call centre"))
    team_clock.advance(hours=2)
    advance_to(ws, fast, "closed")  # acknowledged 2 hours after logging, closed at once
    team_clock.advance(days=1)
    ws.cases.log(fields(directed_at="call centre"))
    ws.cases.log(fields(directed_at="Website"))
    team_clock.advance(days=2)
    found = trend_rules.trends(
        ws.cases.repo.open_cases() + ws.cases.repo.closed_cases(), ws.policy, team_clock(), 12
    )
    assert found.received == 3
    assert found.figures.acknowledge.median == timedelta(hours=2)
    assert found.figures.acknowledge.on_time == 1
    assert found.figures.acknowledge.late == 2  # the other two are past their target
    assert found.figures.resolve.median == timedelta(hours=2)
    assert (found.figures.followed_up, found.figures.satisfied) == (1, 1)
    assert found.close_times == trends_view.CloseTimes(1, 0, 0, 2)
    assert found.directed_at == [("Call centre", 2), ("Website", 1)]
    assert len(found.week_starts) == 12
    lines = dict(trends_view.figure_rows(found, ws.policy))
    assert lines["Time to acknowledge"].startswith("median 2h 0m; 33% on time (1 of 3)")
    assert lines["Satisfied at follow-up"] == "100% (1 of 1)"


def test_close_times_buckets(leader_ws: Workspace) -> None:
    case = leader_ws.cases.log(fields())
    at = case.created_at

    def closed_after(delta: timedelta) -> Case:
        return case.model_copy(update={"step": Step.CLOSED, "closed_at": at + delta})

    found = trend_rules.close_times(
        [
            closed_after(timedelta(weeks=4)),
            closed_after(timedelta(weeks=4, seconds=1)),
            closed_after(timedelta(weeks=8)),
            closed_after(timedelta(weeks=9)),
            case,
        ]
    )
    assert found == trends_view.CloseTimes(1, 2, 1, 1)
