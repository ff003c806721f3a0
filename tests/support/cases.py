"""Taking a case through every step, as the tests that close cases do."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from tests.support.clock import FixedClock

from cstui.domain import workflow
from cstui.models.case import Case
from cstui.models.kinds import NotifyMethod
from cstui.models.steps import DeclareData, FollowUpData, InvestigateData, NotifyData, SolveData

CLOSING_STEPS = (
    InvestigateData(findings="Two charges on the statement"),
    DeclareData(promise="We will refund the second charge", by=date(2099, 12, 24)),
    SolveData(action="Refund the duplicate", policy_clause="4.2"),
    NotifyData(method=NotifyMethod.PHONE, said="Refund on its way"),
    FollowUpData(satisfied=True),
)
"""What each step records, from investigate to a satisfied follow-up (the case closes)."""


class SavesCases(Protocol):
    """Anything that saves a case against the version it was read at (a store's case port,
    or the file store's repository)."""

    def save(self, case: Case, expected_version: int) -> Case: ...


def close(repo: SavesCases, case: Case, clock: FixedClock, user: str = "tester") -> Case:
    """Take ``case`` through every step, an hour apart, each step saved as the app saves it."""
    for data in CLOSING_STEPS:
        case = repo.save(workflow.advance(case, data, user, clock.advance(hours=1)), case.version)
    return case
