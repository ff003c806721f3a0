"""The complaint clocks as the standards count them: acknowledgements and delay notices
recorded as events on a case, and where a case stands against its deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cstui.domain import workflow
from cstui.domain.due import (
    ACKNOWLEDGED,
    DELAY_NOTICE,
    acknowledged_at,
    delay_notice_due,
    final_response_due,
    summary_resolution,
)
from cstui.errors import InputError
from cstui.models.case import Case
from cstui.models.kinds import NotifyMethod
from cstui.models.text_gate import clean_line
from cstui.services.cases import CaseService

ACKNOWLEDGE_LABELS: dict[str, str] = {**{m.value: m.label for m in NotifyMethod}, "sms": "SMS"}
"""How an acknowledgement may be sent (the Notify methods, and SMS), with their labels."""
ACKNOWLEDGE_METHODS: tuple[str, ...] = tuple(ACKNOWLEDGE_LABELS)

REASON_LIMIT = 500
"""The longest delay reason kept on the case."""


@dataclass(frozen=True)
class ClockStanding:
    """Where a case stands against the standard's clocks."""

    acknowledged_at: datetime | None
    final_response_by: datetime
    """The final-response deadline: waiting on the customer never moves it."""
    delay_notice_due: bool
    summary_resolution: bool
    """Resolved within the standard's summary-resolution window (DISP)."""


def standing(cases: CaseService, case: Case) -> ClockStanding:
    """Where ``case`` stands now under the policy."""
    policy, now = cases.policy, cases.clock()
    return ClockStanding(
        acknowledged_at=acknowledged_at(case, policy),
        final_response_by=final_response_due(case, policy),
        delay_notice_due=delay_notice_due(case, policy, now),
        summary_resolution=summary_resolution(case, policy),
    )


def acknowledge(cases: CaseService, case_id: str, method: str = "email") -> Case:
    """Record that the customer was told the complaint was received, by ``method``."""
    if method not in ACKNOWLEDGE_METHODS:
        raise InputError.single("method", f"must be one of: {', '.join(ACKNOWLEDGE_METHODS)}")
    workflow.require_open(cases.get(case_id), "acknowledge it")
    return cases.record_event(case_id, ACKNOWLEDGED, f"acknowledged by {method}")


def record_delay_notice(cases: CaseService, case_id: str, reason: str) -> Case:
    """Record that a delay notice (reasons and the right to go to the external body) was sent."""
    text = clean_line(reason).strip()
    if not text:
        raise InputError.single("reason", "say why the final response will be late")
    if len(text) > REASON_LIMIT:
        raise InputError.single("reason", f"must be at most {REASON_LIMIT} characters")
    workflow.require_open(cases.get(case_id), "send a delay notice")
    return cases.record_event(case_id, DELAY_NOTICE, f"delay notice sent: {text}")
