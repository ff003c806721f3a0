"""Refunds in words: amounts, lists of remedies, a decision, where a request stands."""

from __future__ import annotations

from decimal import Decimal

from cstui.models.refunds import Decision, RefundRecord, RefundStatus, Remedy


def money(amount: Decimal) -> str:
    """An amount with two decimals."""
    return f"{amount:.2f}"


def listing(values: list[Remedy] | tuple[Remedy, ...]) -> str:
    """``refund, exchange or voucher``."""
    names = [v.value for v in values]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def decision_line(decision: Decision) -> str:
    """``refund, replace or compensation (the customer chooses)``, or nothing due (yet)."""
    if decision.undecided is not None:
        return decision.undecided.label[0].lower() + decision.undecided.label[1:]
    if not decision.remedies:
        return "nothing due"
    chooser = f" (the {decision.chooser.value} chooses)" if decision.chooser else ""
    return listing(decision.remedies) + chooser


def status_line(record: RefundRecord) -> str:
    """Where the request stands, in words."""
    approval = record.approval
    if record.status is RefundStatus.PENDING:
        return "waiting for a team leader's approval"
    if record.status is RefundStatus.WITHDRAWN:
        return f"withdrawn by {record.created_by}"
    if record.status is RefundStatus.DECLINED and approval is not None:
        ground = f" (ground: {approval.ground.value})" if approval.ground else ""
        return f"declined by {approval.by}{ground}: {approval.reason}"
    if record.status is RefundStatus.APPROVED and approval is not None:
        text = f"approved by {approval.by}"
        return text + (f" ({approval.reason})" if approval.reason else "")
    if record.decision.undecided is not None or not record.decision.remedies:
        return "nothing to approve"
    return "within the agent's limit"


def summary(record: RefundRecord) -> str:
    """One line for a case's history or a list: what is due, how much, where it stands."""
    line = f"{record.id}: {decision_line(record.decision)}, {money(record.decision.amount)}"
    line += f"; {status_line(record)}"
    outcome = record.outcome
    if outcome is not None:
        line += f"; gave {outcome.remedy.value} {money(outcome.amount)}"
        if outcome.method is not None:
            line += f" by {outcome.method.value}"
    if record.decision.refer_to_supervisor:
        line += "; refer to a supervisor"
    return line
