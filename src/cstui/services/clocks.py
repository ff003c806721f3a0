"""The complaint clocks as the standards count them: acknowledgements and delay notices
recorded as events on a case, and where a case stands against its deadlines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from cstui.domain.due import (
    ACKNOWLEDGED,
    DELAY_NOTICE,
    acknowledged_at,
    acknowledgement_sent_at,
    delay_notice_due,
    final_response_due,
    summary_resolution,
    summary_resolution_applies,
    summary_resolution_by,
    zone,
)
from cstui.errors import InputError, WorkflowError
from cstui.models.case import Case
from cstui.models.deadline import iso
from cstui.models.errors import too_long
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
    summary_resolution_by: datetime | None = None
    """The end of that window; None when the standard has none."""
    summary_resolution_due: bool = False
    """A summary resolution communication is the response due instead of a final
    response: resolved within the window, or the window still open."""

    def summary_resolution_json(self) -> dict[str, object] | None:
        """``{"window_ends": ..., "resolved_within": ..., "response": ...}``; None when the
        standard has no summary-resolution window."""
        if self.summary_resolution_by is None:
            return None
        response = "summary-resolution" if self.summary_resolution_due else "final-response"
        return {
            "window_ends": iso(self.summary_resolution_by),
            "resolved_within": self.summary_resolution,
            "response": response,
        }

    def summary_resolution_text(self, moment: Callable[[datetime], str]) -> str | None:
        """The summary-resolution line of a case (``moment`` writes a date and time);
        None when a final response is due as usual."""
        if self.summary_resolution_by is None or not self.summary_resolution_due:
            return None
        by = moment(self.summary_resolution_by)
        if self.summary_resolution:
            return f"resolved by {by}: a summary resolution communication is the response due"
        return f"resolve by {by} and a summary resolution communication replaces the final response"


def standing(cases: CaseService, case: Case) -> ClockStanding:
    """Where ``case`` stands now under the policy."""
    policy, now = cases.policy, cases.clock()
    return ClockStanding(
        acknowledged_at=acknowledged_at(case, policy),
        final_response_by=final_response_due(case, policy),
        delay_notice_due=delay_notice_due(case, policy, now),
        summary_resolution=summary_resolution(case, policy),
        summary_resolution_by=summary_resolution_by(case, policy),
        summary_resolution_due=summary_resolution_applies(case, policy, now),
    )


def acknowledge(
    cases: CaseService, case_id: str, method: str = "email", expected_version: int | None = None
) -> Case:
    """Record that the customer was told the complaint was received, by ``method``
    (``expected_version``: the version the change was made from, as other changes)."""
    if method not in ACKNOWLEDGE_METHODS:
        raise InputError.single("method", f"must be one of: {', '.join(ACKNOWLEDGE_METHODS)}")

    def not_yet(case: Case) -> None:
        sent = acknowledgement_sent_at(case)
        if sent is not None:
            raise WorkflowError(
                f"{case.id} was acknowledged already, at "
                f"{sent.astimezone(zone(cases.policy.business_hours)):%Y-%m-%d %H:%M}; "
                "nothing was recorded"
            )

    return cases.record_event(
        case_id, ACKNOWLEDGED, f"acknowledged by {method}", expected_version,
        "acknowledge it", once=not_yet,
    )  # fmt: skip


def record_delay_notice(cases: CaseService, case_id: str, reason: str) -> Case:
    """Record that a delay notice (reasons and the right to go to the external body) was sent."""
    text = clean_line(reason).strip()
    if not text:
        raise InputError.single("reason", "say why the final response will be late")
    if len(text) > REASON_LIMIT:
        raise InputError.single("reason", too_long(REASON_LIMIT))
    return cases.record_event(
        case_id, DELAY_NOTICE, f"delay notice sent: {text}", None, "send a delay notice"
    )
