"""Who may approve a refund above an agent's limit: team leaders only, never their own.

A decline cannot take away what the law requires unless it names a legal ground, and a
request that is pending or declined holds up the Solve step of its case until it is
approved or withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from cstui.errors import InputError, PermissionDenied, WorkflowError
from cstui.models.refunds import (
    Approval,
    DeclineGround,
    RefundRecord,
    RefundStatus,
    ReturnReason,
)
from cstui.models.team import Roster
from cstui.models.text_gate import clean_line

MAX_REASON = 1000


def _problem(
    record: RefundRecord, user: str, roster: Roster
) -> tuple[type[PermissionDenied | WorkflowError], str] | None:
    if not roster.is_team_leader(user):
        return PermissionDenied, (
            f"only a team leader can approve or decline a refund; {user} is not one"
        )
    if record.created_by == user:
        return PermissionDenied, (
            f"nobody approves their own request: {record.id} was asked for by {user}"
        )
    if record.status is not RefundStatus.PENDING:
        return (
            WorkflowError,
            f"{record.id} is not waiting for approval (it is {record.status.value})",
        )
    return None


def why_not(record: RefundRecord, user: str, roster: Roster) -> str | None:
    """Why ``user`` may not approve or decline ``record``; None when they may."""
    problem = _problem(record, user, roster)
    return None if problem is None else problem[1]


def check_may_decide(record: RefundRecord, user: str, roster: Roster) -> None:
    """Raise PermissionDenied or WorkflowError unless ``user`` may decide on ``record``."""
    problem = _problem(record, user, roster)
    if problem is not None:
        kind, message = problem
        raise kind(message)


def _reason(text: str, required: bool) -> str:
    reason = clean_line(text)
    if required and not reason:
        raise InputError.single("reason", "say why the refund is declined")
    if len(reason) > MAX_REASON:
        raise InputError.single("reason", f"is too long (at most {MAX_REASON} characters)")
    return reason


def approve(
    record: RefundRecord, user: str, roster: Roster, now: datetime, note: str = ""
) -> RefundRecord:
    """``user`` (a team leader, not the requester) approves the pending request."""
    check_may_decide(record, user, roster)
    approval = Approval(approved=True, by=user, at=now, reason=_reason(note, required=False))
    return record.model_copy(update={"status": RefundStatus.APPROVED, "approval": approval})


def law_requires(record: RefundRecord) -> bool:
    """Whether the law itself requires a remedy for the return the record checked.

    Records kept before the floor was recorded count every remedy for faulty goods.
    """
    decision = record.decision
    if decision.floor:
        return True
    return bool(decision.remedies) and record.inputs.reason is not ReturnReason.CHANGE_OF_MIND


def grounds_text() -> str:
    """The legal grounds a decline may name, as typed."""
    return ", ".join(g.value for g in DeclineGround)


def _ground(record: RefundRecord, ground: DeclineGround | None) -> DeclineGround | None:
    if ground is None and law_requires(record):
        raise InputError.single(
            "ground",
            f"the law requires a remedy for {record.id}: a decline must name a legal ground "
            f"({grounds_text()}); otherwise approve it",
        )
    return ground


def decline(
    record: RefundRecord,
    user: str,
    roster: Roster,
    now: datetime,
    reason: str,
    ground: DeclineGround | None = None,
) -> RefundRecord:
    """``user`` (a team leader, not the requester) declines it, saying why.

    A remedy the law requires is declined only on a legal ground (InputError on ``ground``).
    """
    check_may_decide(record, user, roster)
    why = _reason(reason, required=True)
    approval = Approval(approved=False, by=user, at=now, reason=why, ground=_ground(record, ground))
    return record.model_copy(update={"status": RefundStatus.DECLINED, "approval": approval})


def withdraw(record: RefundRecord, user: str) -> RefundRecord:
    """The requester takes back a pending or declined request, so the case can go on."""
    if record.created_by != user:
        raise PermissionDenied(
            f"only {record.created_by}, who asked for {record.id}, can withdraw it"
        )
    if record.status not in HOLDING:
        raise WorkflowError(
            f"{record.id} is {record.status.value}; only a pending or declined request "
            "can be withdrawn"
        )
    return record.model_copy(update={"status": RefundStatus.WITHDRAWN})


HOLDING = frozenset({RefundStatus.PENDING, RefundStatus.DECLINED})
"""Where a request stands when it holds up the Solve step of its case."""


def holding_message(record: RefundRecord) -> str:
    """Why ``record`` holds up Solve, and what to do about it."""
    withdraw_hint = f"withdraw it (refund withdraw {record.id}) and decide another action"
    if record.status is RefundStatus.PENDING:
        return (
            f"{record.id} is waiting for a team leader's approval: ask a team leader to "
            f"decide it, or {withdraw_hint}"
        )
    by = f" by {record.approval.by}" if record.approval else ""
    return f"{record.id} was declined{by}: {withdraw_hint}"


def check_solve(records: Iterable[RefundRecord]) -> None:
    """Refuse to complete Solve while a refund record of the case is pending or declined.

    InputError on ``refund_decision`` naming the first such record and what to do.
    """
    for record in records:
        if record.status in HOLDING:
            raise InputError.single("refund_decision", holding_message(record))
