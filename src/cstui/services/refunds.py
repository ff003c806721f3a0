"""Refund checks, approvals and records as both faces use them.

A check gives a decision; run against a case (or saved on its own) it is kept as a refund
record, pending when the amount is above the agent's limit. Team leaders approve or decline
pending requests (never their own); what was actually given is recorded on the record form.
Every step that concerns a case adds a line to its history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from cstui.domain import workflow
from cstui.domain.due import zone
from cstui.domain.refunds import approval, engine
from cstui.domain.refunds.records import new_record, record_outcome
from cstui.domain.refunds.report import group_returns, recorded
from cstui.errors import ConflictError, FieldProblem, InputError, NotFound
from cstui.models.errors import problems_from
from cstui.models.policy import Policy
from cstui.models.refund_decisions import Decisions
from cstui.models.refund_text import money, summary
from cstui.models.refunds import (
    CheckInputs,
    Decision,
    DeclineGround,
    RefundRecord,
    RefundStatus,
    check_refund_id,
)
from cstui.models.returns import GroupBy, ReturnGroup
from cstui.models.team import Roster
from cstui.services.cases import CaseService, case_id_arg
from cstui.services.team import TeamService, parse_amount
from cstui.store.ports import RefundStore

HISTORY_ACTION = "refund"
"""The action of every refund line in a case's history."""
EVENT_ATTEMPTS = 3


@dataclass(frozen=True)
class Checked:
    """A decision, and the record it was kept as (None when it was not kept)."""

    decision: Decision
    record: RefundRecord | None = None
    notice: str = ""
    """Something the user must know about the record (e.g. nobody can approve it)."""


NO_OTHER_LEADER = (
    "no other team leader can approve this: add one with "
    "team add NAME --role team_leader --limit AMOUNT"
)


@dataclass(frozen=True)
class Authority:
    """What the roster lets one user do with refunds, as it was when read."""

    user: str
    roster: Roster

    @property
    def limit(self) -> Decimal:
        """The user's refund limit; 0 for someone not on the roster."""
        member = self.roster.get(self.user)
        return member.refund_limit if member is not None else Decimal("0.00")

    @property
    def leader(self) -> bool:
        """Whether the user may approve or decline requests at all."""
        return self.roster.is_team_leader(self.user)

    @property
    def other_leaders(self) -> list[str]:
        """The team leaders who may approve the user's own requests."""
        return [
            m.name
            for m in self.roster.members
            if m.name != self.user and self.roster.is_team_leader(m.name)
        ]

    def approver_notice(self, record: RefundRecord) -> str:
        """For a pending request: who can approve it, or that nobody can."""
        if record.status is not RefundStatus.PENDING or not self.leader:
            return ""
        others = self.other_leaders
        if not others:
            return NO_OTHER_LEADER
        return "you cannot approve your own request: it goes to " + ", ".join(others)


def refund_id_arg(value: str) -> str:
    """A refund id typed by a user, checked; InputError naming the ``id`` field if not."""
    try:
        return check_refund_id(value)
    except ValueError as exc:
        raise InputError.single("id", str(exc)) from None


def decline_ground_arg(value: str | None) -> DeclineGround | None:
    """A legal ground typed by a user; InputError naming ``ground`` if it is not one."""
    if value is None or not value.strip():
        return None
    try:
        return DeclineGround(value.strip().lower())
    except ValueError:
        raise InputError.single("ground", f"must be one of: {approval.grounds_text()}") from None


class RefundService:
    """Refund checks for one user, with the centre's policy and the roster's limits."""

    def __init__(
        self,
        repo: RefundStore,
        policy: Policy,
        team: TeamService,
        cases: CaseService,
        user: str,
        clock: Callable[[], datetime],
    ) -> None:
        self.repo = repo
        self.policy = policy
        self.team = team
        self.cases = cases
        self.user = user
        self.clock = clock

    # -- the check -------------------------------------------------------------------
    def today(self) -> date:
        """Today in the centre's time zone."""
        return self.clock().astimezone(zone(self.policy.business_hours)).date()

    def authority(self) -> Authority:
        """What the user may do with refunds now (reads the roster)."""
        return Authority(self.user, self.team.roster())

    def limit(self, name: str | None = None) -> Decimal:
        """``name``'s (default: the user's) refund limit; 0 for someone not on the roster."""
        return Authority(name or self.user, self.team.roster()).limit

    def parse(self, fields: dict[str, Any]) -> CheckInputs:
        """The check's inputs from what was typed; InputError lists every bad field."""
        values = {k: v for k, v in fields.items() if v is not None and v != ""}
        problems: list[FieldProblem] = []
        price = values.get("price")
        if isinstance(price, str):
            try:
                values["price"] = parse_amount(price, "price")
            except InputError as exc:
                problems += exc.problems
                values["price"] = Decimal("0")
        try:
            inputs = CheckInputs.model_validate(values)
        except ValidationError as exc:
            problems += [
                p for p in problems_from(exc) if p.field not in {q.field for q in problems}
            ]
        if problems:
            raise InputError(problems)
        return inputs

    def decide(self, inputs: CheckInputs, authority: Authority | None = None) -> Decision:
        """The decision for ``inputs``, today, with the user's limit in ``authority``
        (read from the roster when not given)."""
        limit = (authority or self.authority()).limit
        return engine.decide(inputs, self.policy, self.user, limit, self.today())

    def check(
        self, fields: dict[str, Any], case_id: str | None = None, save: bool = False
    ) -> Checked:
        """Decide; keep it as a record when run against a case or when ``save``."""
        inputs = self.parse(fields)
        if case_id is None and not save:
            return Checked(self.decide(inputs))
        return self.save_check(inputs, case_id)

    def save_check(self, inputs: CheckInputs, case_id: str | None = None) -> Checked:
        """Decide and keep the record (linked to ``case_id``); pending if over the limit."""
        linked = None
        if case_id is not None:
            case = self.cases.get(case_id)
            workflow.require_open(case, "attach a refund check to it")
            linked = case.id
        authority = self.authority()
        decision = self.decide(inputs, authority)
        now = self.clock()
        record = self.repo.create(
            lambda rid: new_record(rid, linked, inputs, decision, self.user, now)
        )
        if linked is not None:
            self._event(linked, f"checked {summary(record)}")
        return Checked(decision, record, authority.approver_notice(record))

    # -- reading ---------------------------------------------------------------------
    def get(self, refund_id: str) -> RefundRecord:
        """One record by id."""
        return self.repo.get(refund_id_arg(refund_id))

    def solve_link(self, refund_id: str, case_id: str) -> str:
        """The refund check the Solve step of ``case_id`` names, as its stored id.

        ``r-000001`` gives ``R-000001``. InputError on ``refund_decision`` if it is not a
        refund id, names no record, or names another case's check (a check kept without a
        case may be named by any case).
        """
        try:
            wanted = check_refund_id(refund_id)
        except ValueError as exc:
            raise InputError.single("refund_decision", str(exc)) from None
        try:
            record = self.repo.get(wanted)
        except NotFound:
            raise InputError.single(
                "refund_decision", f"there is no refund check {wanted}"
            ) from None
        if record.case_id is not None and record.case_id != case_id:
            raise InputError.single(
                "refund_decision", f"{wanted} is a check of {record.case_id}, not of {case_id}"
            )
        return record.id

    def pending(self) -> list[RefundRecord]:
        """The approvals queue: requests waiting for a team leader, oldest first."""
        return self.repo.pending()

    def to_record(self) -> list[RefundRecord]:
        """Approved or within the limit, with something due, and not yet recorded."""
        return [
            r
            for r in self.repo.all()
            if r.status in (RefundStatus.APPROVED, RefundStatus.NOT_NEEDED)
            and r.decision.remedies
            and r.outcome is None
        ]

    def for_case(self, case_id: str) -> list[RefundRecord]:
        """The refund records of a case, oldest first."""
        return self.repo.for_case(case_id_arg(case_id))

    def all(self) -> list[RefundRecord]:
        """Every refund record, oldest first."""
        return self.repo.all()

    def mine(self) -> list[RefundRecord]:
        """The user's own kept checks and requests, oldest first."""
        return [r for r in self.repo.all() if r.created_by == self.user]

    def decisions(self) -> Decisions:
        """How many of the user's requests team leaders approved and declined."""
        return self.repo.decisions(self.user)

    def why_not_decide(
        self, record: RefundRecord, authority: Authority | None = None
    ) -> str | None:
        """Why the user may not approve or decline ``record``; None when they may
        (the roster as in ``authority``, read now when not given)."""
        roster = authority.roster if authority is not None else self.team.roster()
        return approval.why_not(record, self.user, roster)

    # -- deciding and recording ------------------------------------------------------
    def approve(self, refund_id: str, note: str = "") -> RefundRecord:
        """Approve a pending request (team leaders only, never their own)."""
        roster, now = self.team.roster(), self.clock()
        record = self.repo.update(
            refund_id_arg(refund_id),
            self.user,
            lambda r: approval.approve(r, self.user, roster, now, note),
        )
        detail = f"approved {record.id}" + (
            f": {record.approval.reason}" if record.approval and record.approval.reason else ""
        )
        self._event(record.case_id, detail)
        return record

    def decline(self, refund_id: str, reason: str, ground: str | None = None) -> RefundRecord:
        """Decline a pending request, saying why (team leaders only, never their own).

        A remedy the law requires is declined only on a legal ground (``ground``).
        """
        legal = decline_ground_arg(ground)
        roster, now = self.team.roster(), self.clock()
        record = self.repo.update(
            refund_id_arg(refund_id),
            self.user,
            lambda r: approval.decline(r, self.user, roster, now, reason, legal),
        )
        why = record.approval.reason if record.approval else ""
        on = f" on the ground {legal.value}" if legal else ""
        self._event(record.case_id, f"declined {record.id}{on}: {why}")
        return record

    @staticmethod
    def needs_ground(record: RefundRecord) -> bool:
        """Whether declining ``record`` takes away what the law requires: it needs a ground."""
        return approval.law_requires(record)

    def withdraw(self, refund_id: str) -> RefundRecord:
        """Withdraw the user's own pending or declined request, so the case can go on."""
        record = self.repo.update(
            refund_id_arg(refund_id), self.user, lambda r: approval.withdraw(r, self.user)
        )
        self._event(record.case_id, f"withdrew {record.id}")
        return record

    def record(self, refund_id: str, fields: dict[str, Any]) -> RefundRecord:
        """Record what was given (item, fault, remedy, amount, method, when)."""
        values = dict(fields)
        amount = values.get("amount")
        if isinstance(amount, str) and amount.strip():
            values["amount"] = parse_amount(amount, "amount")
        limit, now, today = self.limit(), self.clock(), self.today()
        record = self.repo.update(
            refund_id_arg(refund_id),
            self.user,
            lambda r: record_outcome(r, values, self.user, limit, now, today),
        )
        outcome = record.outcome
        if outcome is not None:
            gave = f"gave {outcome.remedy.value} {money(outcome.amount)}"
            if outcome.method is not None:
                gave += f" by {outcome.method.value}"
            item = f" ({outcome.item})" if outcome.item else ""
            self._event(record.case_id, f"recorded {record.id}: {gave}{item}")
        return record

    def returns(self) -> list[RefundRecord]:
        """Every recorded return, exchange and replacement, oldest first."""
        return recorded(self.repo.all())

    def returns_by(self, by: GroupBy) -> list[ReturnGroup]:
        """Recorded returns grouped by product (or reason), most returned first."""
        return group_returns(self.repo.all(), by)

    def _event(self, case_id: str | None, detail: str) -> None:
        """Add ``detail`` to the case's history; retry if someone saved the case meanwhile."""
        if case_id is None:
            return
        for attempt in range(EVENT_ATTEMPTS):
            try:
                self.cases.record_event(case_id, HISTORY_ACTION, detail)
                return
            except ConflictError:
                if attempt == EVENT_ATTEMPTS - 1:
                    raise
