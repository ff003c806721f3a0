"""Open cases in brief, for lists: the home screen and ``cstui case list``.

The store keeps them current under the policy in force (see
:meth:`cstui.store.ports.CaseStore.open_briefs`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from cstui.models.brief import CaseBrief
from cstui.models.kinds import Step

if TYPE_CHECKING:
    from cstui.store.ports import CaseStore


def most_urgent_first(briefs: Iterable[CaseBrief], now: datetime) -> list[CaseBrief]:
    """Overdue cases first, the most overdue at the top, then by next deadline; cases
    with no deadline last, oldest first."""

    def urgency(brief: CaseBrief) -> tuple[bool, datetime | str, str, str]:
        due = brief.due(now)
        order: datetime | str = due.at if due is not None else brief.created_at
        return (due is None, order, brief.created_at, brief.id)  # ids are zero-padded

    return sorted(briefs, key=urgency)


def matching(
    briefs: Iterable[CaseBrief],
    now: datetime,
    owner: str | None = None,
    step: Step | None = None,
    overdue: bool = False,
) -> list[CaseBrief]:
    """The briefs of ``owner``'s cases at ``step``, past their deadline if ``overdue``
    (None and False: any)."""
    return [
        b
        for b in briefs
        if (owner is None or b.owner == owner)
        and (step is None or b.step is step)
        and (not overdue or ((due := b.due(now)) is not None and due.overdue))
    ]


class OpenCaseBriefs:
    """Every open case in brief, most urgent first (see :func:`most_urgent_first`)."""

    def __init__(self, cases: CaseStore, clock: Callable[[], datetime]) -> None:
        self.cases = cases
        self.clock = clock

    def all(self) -> list[CaseBrief]:
        """Every open case, most urgent first."""
        return most_urgent_first(self.cases.open_briefs(), self.clock())

    def find(
        self, owner: str | None = None, step: Step | None = None, overdue: bool = False
    ) -> list[CaseBrief]:
        """The open cases that match (see :func:`matching`)."""
        return matching(self.all(), self.clock(), owner, step, overdue)
