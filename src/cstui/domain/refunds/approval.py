"""Who may approve a refund above an agent's limit: team leaders only, never their own."""

from __future__ import annotations

from datetime import datetime

from cstui.errors import InputError, PermissionDenied, WorkflowError
from cstui.models.refunds import Approval, RefundRecord, RefundStatus
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


def decline(
    record: RefundRecord, user: str, roster: Roster, now: datetime, reason: str
) -> RefundRecord:
    """``user`` (a team leader, not the requester) declines it, saying why."""
    check_may_decide(record, user, roster)
    approval = Approval(approved=False, by=user, at=now, reason=_reason(reason, required=True))
    return record.model_copy(update={"status": RefundStatus.DECLINED, "approval": approval})
