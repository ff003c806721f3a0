"""Complaint cases as the faces use them: log, list, show, and move through the steps."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from cstui.domain import workflow
from cstui.domain.due import next_due, resolve_due, zone
from cstui.domain.promise import PROMISE_WARNING, beyond_target_warning
from cstui.errors import ConflictError, FieldProblem, InputError, NotFound
from cstui.models.case import Case, NewCase, case_number, check_case_id
from cstui.models.customer import normalise_email, normalise_phone
from cstui.models.deadline import Due
from cstui.models.errors import input_error
from cstui.models.kinds import Step
from cstui.models.phone import e164, e164_or_same
from cstui.models.policy import Policy
from cstui.models.steps import DeclareData, StepData
from cstui.services.team import TeamService
from cstui.store.ports import ArchiveQuery, CaseStore, RefundStore

if TYPE_CHECKING:
    from cstui.models.refunds import RefundRecord


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list shows."""

    status: str = "open"
    """open, closed or all."""
    overdue: bool = False
    owner: str | None = None
    step: Step | None = None
    touched_since: datetime | None = None
    """Only cases changed at or after this moment (all open cases count as changed)."""


def case_id_arg(value: str) -> str:
    """A case id typed by a user, checked; InputError naming the ``id`` field if not."""
    try:
        return check_case_id(value)
    except ValueError as exc:
        raise InputError.single("id", str(exc)) from None


class CaseService:
    """Every case action, for one user, with the policy's clocks."""

    def __init__(
        self,
        repo: CaseStore,
        policy: Policy,
        team: TeamService,
        user: str,
        clock: Callable[[], datetime],
        refunds: RefundStore | None = None,
    ) -> None:
        self.repo = repo
        self.refunds = refunds
        """Refund records, whose pending or declined requests hold up Solve."""
        self.policy = policy
        self.team = team
        self.user = user
        self.clock = clock

    # -- reading -----------------------------------------------------------------
    def get(self, case_id: str) -> Case:
        """One case by id."""
        return self.repo.get(case_id_arg(case_id))

    def due(self, case: Case) -> Due | None:
        """The case's next deadline against the clock."""
        return next_due(case, self.policy, self.clock())

    def resolve_by(self, case: Case) -> datetime:
        """When the case must be resolved by, under the policy (pauses counted)."""
        return resolve_due(case, self.policy, self.clock())

    def every(self, query: ArchiveQuery | None = None) -> list[Case]:
        """Open cases and the closed cases ``query`` wants (all by default), oldest first."""
        every = [*self.repo.open_cases(), *self.repo.closed_cases(query)]
        return sorted(every, key=lambda c: (c.created_at, case_number(c.id)))

    def find(self, which: CaseFilter) -> list[Case]:
        """Cases matching ``which``, oldest first."""
        if which.status == "open":
            cases = self.repo.open_cases()
        elif which.status == "closed":
            cases = self.repo.closed_cases(ArchiveQuery(updated_from=which.touched_since))
        else:
            closed = self.repo.closed_cases(ArchiveQuery(updated_from=which.touched_since))
            cases = sorted([*self.repo.open_cases(), *closed], key=lambda c: c.created_at)
        now = self.clock()
        return [
            c
            for c in cases
            if (which.owner is None or c.owner == which.owner)
            and (which.step is None or c.step is which.step)
            and (not which.overdue or _is_overdue(next_due(c, self.policy, now)))
        ]

    def customer_history(self, phone: str | None = None, email: str | None = None) -> list[Case]:
        """Every case of the customer with this phone or email, newest first. The phone
        number is looked up in E.164, however it was typed."""
        if not phone and not email:
            raise InputError.single("phone", "give a phone number or an email address")
        problems = []
        region = self.policy.phone_region
        for field, value, normalise in (
            ("phone", phone, lambda text: normalise_phone(e164_or_same(text, region))),
            ("email", email, normalise_email),
        ):
            try:
                if value:
                    normalise(value)
            except ValueError as exc:
                problems.append(FieldProblem(field, str(exc)))
        if problems:
            raise InputError(problems)
        return self.repo.customer_cases(e164_or_same(phone, region) if phone else None, email)

    # -- changing ----------------------------------------------------------------
    def log(self, fields: dict[str, Any]) -> Case:
        """Log a new complaint from what was typed; the user owns it."""
        try:
            form = NewCase.model_validate(fields)
        except ValidationError as exc:
            raise input_error(exc) from None
        form = with_e164_phone(workflow.check_new_case(form, self.policy), self.policy)
        now = self.clock()
        return self.repo.create(lambda case_id: workflow.new_case(case_id, form, self.user, now))

    def _change(
        self, case_id: str, expected_version: int | None, apply: Callable[[Case, datetime], Case]
    ) -> Case:
        current = self.get(case_id)
        tz = zone(self.policy.business_hours)
        if expected_version is not None and current.version != expected_version:
            by, at = current.last_change()
            raise ConflictError(current.id, by, at, tz)
        changed = apply(current, self.clock())
        try:
            return self.repo.save(changed, current.version)
        except ConflictError as exc:
            raise exc.in_zone(tz) from None

    def advance(
        self, case_id: str, fields: dict[str, Any], expected_version: int | None = None
    ) -> Case:
        """Complete the case's current step with ``fields`` (that step's own fields)."""

        def apply(case: Case, now: datetime) -> Case:
            workflow.require_open(case, "complete a step")
            data: StepData = workflow.parse_step_data(case.step, fields)
            refunds = self._solve_refunds(case, data)
            advanced = workflow.advance(case, data, self.user, now, refunds)
            return self._promise_warned(advanced, data, now)

        return self._change(case_id, expected_version, apply)

    def _promise_warned(self, case: Case, data: StepData, now: datetime) -> Case:
        """Keep a warning in the case when the promised date is beyond the resolve target."""
        if not isinstance(data, DeclareData):
            return case
        warning = beyond_target_warning(data.by, resolve_due(case, self.policy, now))
        if warning is None:
            return case
        return workflow.add_event(case, PROMISE_WARNING, warning, self.user, now)

    def _solve_refunds(self, case: Case, data: StepData) -> list[RefundRecord]:
        """The refund records Solve waits for: the case's own, and the one it names."""
        if case.step is not Step.SOLVE or self.refunds is None:
            return []
        records = self.refunds.for_case(case.id)
        named = getattr(data, "refund_decision", None)
        if named and all(r.id != named for r in records):
            with suppress(NotFound):  # the face has already said there is no such check
                records.append(self.refunds.get(named))
        return records

    def note(self, case_id: str, text: str, expected_version: int | None = None) -> Case:
        """Add an internal note."""
        return self._change(
            case_id, expected_version, lambda c, now: workflow.add_note(c, text, self.user, now)
        )

    def wait(self, case_id: str, expected_version: int | None = None) -> Case:
        """Pause the resolve clock: waiting on the customer."""
        return self._change(
            case_id, expected_version, lambda c, now: workflow.wait(c, self.user, now)
        )

    def resume(self, case_id: str, expected_version: int | None = None) -> Case:
        """Restart the resolve clock."""
        return self._change(
            case_id, expected_version, lambda c, now: workflow.resume(c, self.user, now)
        )

    def reopen(self, case_id: str, reason: str, expected_version: int | None = None) -> Case:
        """Reopen a closed case, with the reason."""
        return self._change(
            case_id, expected_version, lambda c, now: workflow.reopen(c, reason, self.user, now)
        )

    def assign(self, case_id: str, owner: str, expected_version: int | None = None) -> Case:
        """Give the case to someone on the roster."""
        roster = self.team.roster()
        return self._change(
            case_id,
            expected_version,
            lambda c, now: workflow.assign(c, owner.strip(), self.user, now, roster),
        )

    def record_event(
        self,
        case_id: str,
        action: str,
        detail: str,
        expected_version: int | None = None,
        open_to: str | None = None,
        once: Callable[[Case], None] | None = None,
    ) -> Case:
        """Add a history line to the case (another feature's event, e.g. a refund);
        ``open_to``: what the event does, refused on a closed case; ``once`` raises if
        the case as stored has the event already."""

        def apply(case: Case, now: datetime) -> Case:
            if open_to is not None:
                workflow.require_open(case, open_to)
            if once is not None:
                once(case)
            return workflow.add_event(case, action, detail, self.user, now)

        return self._change(case_id, expected_version, apply)


def with_e164_phone(form: NewCase, policy: Policy) -> NewCase:
    """``form`` with its phone number in E.164 (InputError naming the field if it is not
    a phone number)."""
    phone = form.customer.phone
    if not phone:
        return form
    try:
        number = e164(phone, policy.phone_region)
    except ValueError as exc:
        raise InputError.single("customer.phone", str(exc)) from None
    customer = form.customer.model_copy(update={"phone": number})
    return form.model_copy(update={"customer": customer})


def _is_overdue(due: Due | None) -> bool:
    return due is not None and due.overdue
