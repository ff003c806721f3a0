"""A refund check kept for the record, and the record of what was actually given."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import ValidationError

from cstui.errors import FieldProblem, InputError, PermissionDenied, WorkflowError
from cstui.models.errors import input_error
from cstui.models.refund_text import money
from cstui.models.refunds import (
    MONEY_REMEDIES,
    CheckInputs,
    Decision,
    Outcome,
    PaymentMethod,
    RecordField,
    RefundRecord,
    RefundStatus,
    Remedy,
    label,
)


def new_record(
    record_id: str,
    case_id: str | None,
    inputs: CheckInputs,
    decision: Decision,
    actor: str,
    now: datetime,
) -> RefundRecord:
    """Keep a check: pending when it needs a team leader's approval."""
    status = RefundStatus.PENDING if decision.needs_approval else RefundStatus.NOT_NEEDED
    return RefundRecord(
        id=record_id,
        case_id=case_id,
        created_at=now,
        created_by=actor,
        inputs=inputs,
        decision=decision,
        status=status,
    )


def _check_recordable(record: RefundRecord) -> None:
    if record.outcome is not None:
        raise WorkflowError(f"{record.id} is already recorded")
    if record.status is RefundStatus.PENDING:
        raise WorkflowError(
            f"{record.id} is waiting for a team leader's approval; record it once approved"
        )
    if record.status is RefundStatus.DECLINED:
        reason = record.approval.reason if record.approval else ""
        raise WorkflowError(f"{record.id} was declined ({reason}); run a new check")
    if not record.decision.remedies:
        raise WorkflowError(f"nothing is due under {record.id}, so there is nothing to record")


def record_outcome(
    record: RefundRecord,
    fields: dict[str, object],
    recorder: str,
    recorder_limit: Decimal,
    now: datetime,
    today: date,
) -> RefundRecord:
    """Record what was given under ``record``: the record form.

    ``fields``: item, fault, remedy, amount (a Decimal), method, when (a date or text).
    The required fields are the decision's ``record_fields``.
    """
    _check_recordable(record)
    decision = record.decision
    values = {k: v for k, v in fields.items() if v not in (None, "")}
    remedy_value = values.get("remedy", decision.remedies[0].value)
    values.setdefault("when", today)
    if remedy_value == Remedy.REFUND.value:
        values.setdefault("method", decision.refund_method)
    try:
        outcome = Outcome.model_validate(
            {
                **values,
                "remedy": remedy_value,
                "amount": values.get("amount", decision.amount),
                "by": recorder,
                "at": now,
                "approved_by": record.approval.by if record.approval else None,
            }
        )
    except ValidationError as exc:
        raise input_error(exc) from None
    problems = _problems(record, outcome, today)
    if problems:
        raise InputError(problems)
    if record.status is not RefundStatus.APPROVED and outcome.amount > recorder_limit:
        raise PermissionDenied(
            f"{money(outcome.amount)} is above {recorder}'s refund limit of "
            f"{money(recorder_limit)}; run a new check so a team leader can approve it"
        )
    if outcome.remedy not in MONEY_REMEDIES:
        outcome = outcome.model_copy(update={"method": None})
    return record.model_copy(update={"outcome": outcome})


def _missing_details(decision: Decision, outcome: Outcome) -> list[FieldProblem]:
    """The product and the fault, when the decision asks for them and they are not given."""
    required = set(decision.record_fields)
    problems: list[FieldProblem] = []
    if RecordField.ITEM in required and not outcome.item:
        problems.append(FieldProblem("item", "say what the product is"))
    if RecordField.FAULT in required and not outcome.fault:
        problems.append(FieldProblem("fault", "describe the fault"))
    return problems


def _beyond_decision(decision: Decision, outcome: Outcome) -> list[FieldProblem]:
    """A remedy, amount or refund method the check did not decide."""
    problems: list[FieldProblem] = []
    if outcome.remedy not in decision.remedies:
        allowed = ", ".join(r.value for r in decision.remedies)
        problems.append(FieldProblem("remedy", f"must be one of: {allowed}"))
    if outcome.amount > decision.amount:
        problems.append(
            FieldProblem(
                "amount", f"is more than the {money(decision.amount)} checked; run a new check"
            )
        )
    if outcome.remedy is Remedy.REFUND and outcome.method != decision.refund_method:
        due = decision.refund_method or PaymentMethod.CASH
        problems.append(
            FieldProblem(
                "method",
                f"the refund goes back by {label(due).lower()}, as decided (credit instead "
                "only if the customer asks: record it as a voucher)",
            )
        )
    return problems


def _problems(record: RefundRecord, outcome: Outcome, today: date) -> list[FieldProblem]:
    problems = _missing_details(record.decision, outcome)
    problems += _beyond_decision(record.decision, outcome)
    if outcome.when > today:
        problems.append(FieldProblem("when", "cannot be in the future"))
    if outcome.when < record.inputs.purchased:
        problems.append(FieldProblem("when", "cannot be before the purchase"))
    return problems
