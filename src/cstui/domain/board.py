"""The team board's rules: which cases it shows, what is due today, the counters."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, tzinfo

from cstui.domain.due import next_due
from cstui.models.board import BoardRow, Counters
from cstui.models.case import Case
from cstui.models.kinds import PROCEDURE
from cstui.models.policy import Policy


def board(
    cases: Iterable[Case], policy: Policy, now: datetime, awaiting: Collection[str] = ()
) -> list[BoardRow]:
    """The open cases among ``cases`` as rows; ``awaiting`` holds ids awaiting approval."""
    return [
        BoardRow(c, next_due(c, policy, now), now - c.created_at, c.id in awaiting)
        for c in cases
        if c.is_open
    ]


def is_due_today(row: BoardRow, now: datetime, zone: tzinfo) -> bool:
    """Due later today (in the centre's zone), and not overdue yet."""
    return (
        row.due is not None
        and not row.due.overdue
        and row.due.at.astimezone(zone).date() == now.astimezone(zone).date()
    )


def counters(rows: Sequence[BoardRow], now: datetime, zone: tzinfo) -> Counters:
    """Open per step, overdue, due today, awaiting approval."""
    per_step = {step: 0 for step in PROCEDURE}
    for row in rows:
        per_step[row.case.step] = per_step.get(row.case.step, 0) + 1
    return Counters(
        open=len(rows),
        per_step=per_step,
        overdue=sum(1 for r in rows if r.overdue),
        due_today=sum(1 for r in rows if is_due_today(r, now, zone)),
        awaiting_approval=sum(1 for r in rows if r.awaiting_approval),
    )
