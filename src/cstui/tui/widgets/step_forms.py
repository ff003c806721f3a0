"""The form for each step of the procedure, as field specs."""

from __future__ import annotations

from datetime import date

from cstui.models.kinds import NotifyMethod, Step
from cstui.tui.widgets.form import FieldSpec


def step_fields(step: Step, promise_by: date | None = None) -> list[FieldSpec]:
    """The fields that complete ``step``; ``promise_by`` pre-fills Declare's date."""
    if step is Step.INVESTIGATE:
        return [FieldSpec("findings", "Findings: what happened", kind="text")]
    if step is Step.DECLARE:
        return [
            FieldSpec("promise", "What you promised the customer", kind="text"),
            FieldSpec(
                "by",
                "Resolved by (date)",
                kind="date",
                default=promise_by.isoformat() if promise_by else "",
            ),
        ]
    if step is Step.SOLVE:
        return [
            FieldSpec("action", "Action decided", kind="text"),
            FieldSpec("policy_clause", "Policy clause consulted", max_length=200),
            FieldSpec("refund_decision", "Refund check id (optional)", max_length=40),
        ]
    if step is Step.NOTIFY:
        return [
            FieldSpec(
                "method",
                "How the customer was told",
                kind="choice",
                default="phone",
                choices=tuple((m.value.replace("-", " ").title(), m.value) for m in NotifyMethod),
            ),
            FieldSpec("said", "What the customer was told", kind="text"),
        ]
    if step is Step.FOLLOW_UP:
        return [
            FieldSpec(
                "satisfied",
                "Was the customer satisfied?",
                kind="choice",
                choices=(("Yes, satisfied", "yes"), ("No, still unhappy", "no")),
            ),
            FieldSpec("referral_body", "If not: referred to (e.g. an ombudsman)", max_length=200),
            FieldSpec("referral_contact", "Its contact details", max_length=200),
            FieldSpec("internal_review", "Referred to an internal review instead", kind="flag"),
        ]
    return []
