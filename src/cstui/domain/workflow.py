"""The complaint procedure as pure functions: each takes a case and returns a new one.

Nothing here saves anything; the service layer loads, calls these, and saves.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError

from cstui.domain.promise import check_promised_date
from cstui.errors import InputError, NotFound, PermissionDenied, WorkflowError
from cstui.models.case import Case, HistoryEntry, NewCase, Note, Pause, StepRecord
from cstui.models.errors import input_error
from cstui.models.kinds import Step, next_step
from cstui.models.policy import Policy
from cstui.models.step_registry import STEPS
from cstui.models.steps import (
    DeclareData,
    NotifyData,
    ReceiveData,
    SolveData,
    StepData,
)
from cstui.models.team import Roster
from cstui.models.text_gate import clean_text

if TYPE_CHECKING:
    from cstui.models.refunds import RefundRecord


def parse_step_data(step: Step, fields: dict[str, Any]) -> StepData:
    """Validate what was typed for ``step``; raise :class:`InputError` naming the fields."""
    form = STEPS.get(step)
    if form is None or not form.fields:
        raise WorkflowError(f"{step.label} is not completed with a form")
    return cast("StepData", form.parse(fields))


def check_new_case(form: NewCase, policy: Policy) -> NewCase:
    """Match category, channel and site to the policy's lists, or say which are allowed."""
    category = policy.match_category(form.category)
    if category is None:
        raise InputError.single("category", f"must be one of: {', '.join(policy.categories)}")
    channel = policy.match_channel(form.channel)
    if channel is None:
        raise InputError.single("channel", f"must be one of: {', '.join(policy.channels)}")
    site = policy.match_site(form.site) if form.site else ""
    if site is None:
        names = ", ".join(s.name for s in policy.sites) or "none: the policy names no sites"
        raise InputError.single("site", f"must be one of: {names}")
    return form.model_copy(update={"category": category, "channel": channel, "site": site})


def _changed(
    case: Case, actor: str, now: datetime, action: str, detail: str, **update: Any
) -> Case:
    entry = HistoryEntry(at=now, actor=actor, action=action, detail=detail)
    return case.model_copy(
        update={
            **update,
            "updated_at": now,
            "updated_by": actor,
            "history": [*case.history, entry],
        }
    )


def new_case(case_id: str, form: NewCase, actor: str, now: datetime) -> Case:
    """Log a complaint: the Receive step is done, the case moves to Investigate."""
    record = StepRecord(actor=actor, at=now, data=ReceiveData())
    return Case(
        **form.model_dump(),
        id=case_id,
        version=1,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
        owner=actor,
        step=Step.INVESTIGATE,
        cycle_started_at=now,
        records=[record],
        history=[
            HistoryEntry(at=now, actor=actor, action="created", detail="logged the complaint")
        ],
    )


def require_open(case: Case, doing: str) -> None:
    """Refuse ``doing`` anything but reopening to a closed case."""
    if not case.is_open:
        raise WorkflowError(f"{case.id} is closed; reopen it (with a reason) before you {doing}")


def check_refunds_settled(refunds: Sequence[RefundRecord]) -> None:
    """Solve completes only when no refund record of the case is pending or declined
    (approved, within the limit, or withdrawn); InputError on ``refund_decision``."""
    if refunds:
        from cstui.domain.refunds.approval import check_solve

        check_solve(refunds)


def advance(
    case: Case,
    data: StepData,
    actor: str,
    now: datetime,
    refunds: Sequence[RefundRecord] = (),
) -> Case:
    """Complete the case's current step with ``data`` and move to the next step.

    Steps go strictly in order: completing any other step is refused with the reason.
    Completing a step while waiting on the customer ends the wait first. Solve waits for
    the case's refund records in ``refunds`` to be settled.
    """
    require_open(case, "complete a step")
    if data.step is not case.step:
        raise WorkflowError(
            f"{case.id} is at step {case.step.number} ({case.step.label}); "
            f"complete that before {data.step.label} — steps cannot be skipped"
        )
    if case.waiting:
        case = resume(case, actor, now)
    if isinstance(data, NotifyData) and data.when is None:
        data = data.model_copy(update={"when": now})
    if isinstance(data, NotifyData) and data.when and data.when > now:
        raise InputError.single("when", "cannot be in the future")
    if isinstance(data, DeclareData):
        check_promised_date(data.by, case.created_at, now)
    if isinstance(data, SolveData):
        check_refunds_settled(refunds)
    following = next_step(case.step)
    record = StepRecord(actor=actor, at=now, data=data)
    detail = f"completed {case.step.label}; now {following.label}"
    return _changed(
        case,
        actor,
        now,
        "advanced",
        detail,
        step=following,
        records=[*case.records, record],
        closed_at=now if following is Step.CLOSED else None,
    )


def add_note(case: Case, text: str, actor: str, now: datetime) -> Case:
    """Add an internal note."""
    try:
        note = Note(at=now, author=actor, text=text)
    except ValidationError as exc:
        raise input_error(exc) from None
    return _changed(case, actor, now, "note", "added a note", notes=[*case.notes, note])


def wait(case: Case, actor: str, now: datetime) -> Case:
    """Start waiting on the customer: the resolve clock pauses."""
    require_open(case, "wait on the customer")
    if case.waiting:
        raise WorkflowError(f"{case.id} is already waiting on the customer")
    return _changed(
        case,
        actor,
        now,
        "waiting",
        "waiting on customer; resolve clock paused",
        pauses=[*case.pauses, Pause(start=now)],
    )


def resume(case: Case, actor: str, now: datetime) -> Case:
    """Stop waiting on the customer: the resolve clock runs again."""
    if not case.waiting:
        raise WorkflowError(f"{case.id} is not waiting on the customer")
    pauses = [*case.pauses[:-1], case.pauses[-1].model_copy(update={"end": now})]
    return _changed(case, actor, now, "resumed", "resolve clock restarted", pauses=pauses)


def reopen(case: Case, reason: str, actor: str, now: datetime) -> Case:
    """Reopen a closed case at Investigate; the reason is recorded and the clocks restart."""
    if case.is_open:
        raise WorkflowError(f"{case.id} is still open; only a closed case can be reopened")
    reason = " ".join(clean_text(reason).split())
    if not reason:
        raise InputError.single("reason", "say why the case is reopened")
    if len(reason) > 1_000:
        raise InputError.single("reason", "is too long (at most 1000 characters)")
    return _changed(
        case,
        actor,
        now,
        "reopened",
        f"reopened: {reason}",
        step=Step.INVESTIGATE,
        closed_at=None,
        cycle_started_at=now,
        cycle_first_record=len(case.records),
        reopen_count=case.reopen_count + 1,
    )


def add_event(case: Case, action: str, detail: str, actor: str, now: datetime) -> Case:
    """Add a line to the case's history (e.g. a refund approved); open or closed cases."""
    return _changed(case, actor, now, action, detail)


def assign(case: Case, new_owner: str, actor: str, now: datetime, roster: Roster) -> Case:
    """Give the case to ``new_owner``. Only a team leader may move someone else's case."""
    if case.owner != actor and not roster.is_team_leader(actor):
        raise PermissionDenied(
            f"only a team leader can reassign {case.id}, which belongs to {case.owner}"
        )
    if roster.get(new_owner) is None:
        raise NotFound(f"{new_owner} is not on the team roster")
    if new_owner == case.owner:
        raise WorkflowError(f"{case.id} already belongs to {new_owner}")
    return _changed(
        case, actor, now, "assigned", f"owner {case.owner} -> {new_owner}", owner=new_owner
    )
