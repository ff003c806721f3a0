"""Step inputs shared by tests that take a case through every step."""

from __future__ import annotations

from datetime import date

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
