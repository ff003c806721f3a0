"""``cstui refund ...``: check a return against the law and the policy, approve, record."""

from __future__ import annotations

from typing import Any

import click

from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.output import shorten, table
from cstui.models.deadline import iso
from cstui.models.refund_text import decision_line, listing, money, status_line, summary
from cstui.models.refunds import (
    Decision,
    DeclineGround,
    FailureKind,
    PaymentMethod,
    ProofKind,
    RefundRecord,
    Remedy,
    ReturnReason,
    Supply,
    label,
)

CHECK_OPTIONS = {
    "purchased": "--purchased",
    "delivered": "--delivered",
    "price": "--price",
    "paid_by": "--paid-by",
    "proof": "--proof",
    "reason": "--reason",
    "failure_kind": "--failure-kind",
    "used": "--used",
    "distance_sale": "--distance-sale",
    "remedy_failed": "--remedy-failed",
    "disputed": "--disputed",
    "jurisdiction": "--jurisdiction",
    "supply": "--supply",
    "expected_life": "--expected-life",
    "category": "--category",
    "gift": "--gift",
    "damaged_after_delivery": "--damaged-after-delivery",
    "visible_on_examination": "--visible-on-examination",
    "unsolicited": "--unsolicited",
    "vehicle": "--vehicle",
    "perishable": "--perishable",
    "made_to_order": "--made-to-order",
    "unsealed": "--unsealed",
    "id": "--case",
}
RECORD_OPTIONS = {
    "id": "ID",
    "item": "--item",
    "fault": "--fault",
    "remedy": "--remedy",
    "amount": "--amount",
    "method": "--method",
    "when": "--when",
}


def _values(kind: type[Any]) -> str:
    return "|".join(v.value for v in kind)


@click.group("refund")
def refund_group() -> None:
    """Refunds, exchanges, vouchers and replacements: check, approve, record."""


def decision_json(decision: Decision, record: RefundRecord | None) -> dict[str, Any]:
    """The decision as JSON, with the record it was kept as (``refund_id``, ``status``)."""
    return {
        **decision.model_dump(mode="json"),
        "refund_id": record.id if record else None,
        "case_id": record.case_id if record else None,
        "status": record.status.value if record else None,
    }


def _approval_lines(decision: Decision) -> list[str]:
    limit = f"{decision.agent}'s limit is {money(decision.agent_limit)}"
    if decision.needs_approval:
        return [f"Approval:    needed from a team leader ({limit})"]
    return [f"Approval:    not needed ({limit})"] if decision.remedies else []


def decision_text(decision: Decision, record: RefundRecord | None) -> str:
    """The decision in words: remedies, refund method, approval, referral, reasons."""
    lines = [
        f"Remedies:    {decision_line(decision)}"
        if decision.remedies
        else (decision.undecided.label + "." if decision.undecided else "Nothing is due.")
    ]
    if decision.refund_method is not None:
        lines.append(f"Refund:      by {label(decision.refund_method).lower()}")
    lines += _approval_lines(decision)
    lines.append(
        "Supervisor:  refer to a supervisor" if decision.refer_to_supervisor else "Supervisor:  -"
    )
    lines.append(f"Law:         {decision.jurisdiction.value}")
    lines.append("Why:")
    lines += [f"  - {r.rule}: {r.text}" for r in decision.reasons]
    if decision.record_fields:
        lines.append("Record:      " + ", ".join(f.value for f in decision.record_fields))
    if record is not None:
        where = f" on {record.case_id}" if record.case_id else ""
        lines.append(f"Kept as {record.id}{where}: {status_line(record)}")
    return "\n".join(lines)


def record_json(record: RefundRecord) -> dict[str, Any]:
    """A refund record as JSON: every stored field."""
    return record.model_dump(mode="json")


def record_text(record: RefundRecord) -> str:
    """A record in words."""
    lines = [
        f"{record.id}  {summary(record)}",
        f"Case:        {record.case_id or '-'}",
        f"Checked:     {iso(record.created_at)} by {record.created_by}",
        f"Status:      {record.status.value} ({status_line(record)})",
    ]
    outcome = record.outcome
    if outcome is not None:
        method = f" by {outcome.method.value}" if outcome.method else ""
        lines += [
            f"Given:       {outcome.remedy.value} {money(outcome.amount)}{method} on "
            f"{outcome.when.isoformat()} by {outcome.by}",
            f"Item:        {outcome.item or '-'}",
            f"Fault:       {outcome.fault or '-'}",
        ]
    return "\n".join(lines) + "\n\n" + decision_text(record.decision, None)


def records_shown(records: list[RefundRecord], empty: str) -> Shown:
    """A list of records: JSON objects, or a table."""
    rows = [
        [
            r.id,
            r.case_id or "-",
            r.created_by,
            money(r.decision.amount),
            r.status.value,
            shorten(decision_line(r.decision), 44),
        ]
        for r in records
    ]
    headers = ["ID", "CASE", "ASKED BY", "AMOUNT", "STATUS", "DECISION"]
    return Shown([record_json(r) for r in records], table(headers, rows) if rows else empty)


@action(refund_group, "check", options=CHECK_OPTIONS)
@click.option("--purchased", metavar="DATE", help="When it was bought (YYYY-MM-DD).")
@click.option("--delivered", metavar="DATE", help="When it was delivered, if later.")
@click.option("--price", metavar="AMOUNT", help="What the customer paid.")
@click.option("--paid-by", metavar="METHOD", help=_values(PaymentMethod))
@click.option("--proof", metavar="KIND", help=_values(ProofKind))
@click.option("--reason", metavar="REASON", help=_values(ReturnReason))
@click.option("--failure-kind", metavar="KIND", help="For a major failure: " + _values(FailureKind))
@click.option("--used", is_flag=True, default=None, help="The goods have been used.")
@click.option("--distance-sale", is_flag=True, default=None, help="Bought online/phone/mail.")
@click.option(
    "--remedy-failed",
    is_flag=True,
    default=None,
    help="The business refused, or a repair/replacement failed or took too long.",
)
@click.option("--disputed", is_flag=True, default=None, help="Major or minor is disputed.")
@click.option("--jurisdiction", metavar="au|uk", help="Whose law (default: the policy's).")
@click.option("--supply", metavar="KIND", help=_values(Supply) + " (default: goods)")
@click.option(
    "--expected-life", metavar="YEARS", help="How long goods like these should last (years)."
)
@click.option("--category", metavar="NAME", help="Kind of goods: the policy's expected life.")
@click.option("--gift", is_flag=True, default=None, help="The customer received it as a gift.")
@click.option(
    "--damaged-after-delivery",
    is_flag=True,
    default=None,
    help="Lost, disposed of or damaged after delivery.",
)
@click.option(
    "--visible-on-examination",
    is_flag=True,
    default=None,
    help="The customer's examination before buying ought to have shown the defect.",
)
@click.option(
    "--unsolicited", is_flag=True, default=None, help="A telemarketing or door-to-door sale."
)
@click.option("--vehicle", is_flag=True, default=None, help="UK: a motor vehicle.")
@click.option("--perishable", is_flag=True, default=None, help="UK: perishable goods.")
@click.option("--made-to-order", is_flag=True, default=None, help="UK: made to order.")
@click.option(
    "--unsealed", is_flag=True, default=None, help="UK: sealed goods unsealed after delivery."
)
@click.option("--case", "case_id", metavar="ID", help="Keep the check on this case.")
@click.option("--save", is_flag=True, help="Keep the check as a refund record (no case).")
def check(case_id: str | None, save: bool, **fields: Any) -> Shown:
    """Check a return: the remedies due, who chooses, approval, referral and why.

    With --case (or --save) the check is kept as a refund record; above your limit it
    waits for a team leader's approval.
    """
    checked = workspace().refunds.check(fields, case_id=case_id, save=save)
    text = decision_text(checked.decision, checked.record)
    return Shown(
        decision_json(checked.decision, checked.record)
        | ({"notice": checked.notice} if checked.notice else {}),
        text + (f"\nNote:        {checked.notice}" if checked.notice else ""),
    )


@action(refund_group, "list", options={"id": "--case"})
@click.option("--pending", "which", flag_value="pending", help="Waiting for approval.")
@click.option("--to-record", "which", flag_value="to-record", help="Approved, not recorded.")
@click.option("--all", "which", flag_value="all", default=True, help="Every record (default).")
@click.option("--case", "case_id", metavar="ID", help="Only this case's records.")
def list_refunds(which: str, case_id: str | None) -> Shown:
    """List refund records, oldest first."""
    refunds = workspace().refunds
    if which == "pending":
        records = refunds.pending()
    elif which == "to-record":
        records = refunds.to_record()
    else:
        records = refunds.all()
    if case_id is not None:
        wanted = refunds.cases.get(case_id).id
        records = [r for r in records if r.case_id == wanted]
    return records_shown(records, "No refund records match.")


@action(refund_group, "show", options={"id": "ID"})
@click.argument("refund_id", metavar="ID")
def show(refund_id: str) -> Shown:
    """Show a refund record: inputs, decision, approval and what was given."""
    record = workspace().refunds.get(refund_id)
    return Shown(record_json(record), record_text(record))


@action(refund_group, "approve", options={"id": "ID", "reason": "--note"})
@click.argument("refund_id", metavar="ID")
@click.option("--note", default="", metavar="TEXT", help="A note for the record.")
def approve(refund_id: str, note: str) -> Shown:
    """Approve a request above an agent's limit (team leaders; never your own)."""
    record = workspace().refunds.approve(refund_id, note)
    return Shown(record_json(record), f"{record.id}: {status_line(record)}")


@action(refund_group, "decline", options={"id": "ID", "reason": "--reason", "ground": "--ground"})
@click.argument("refund_id", metavar="ID")
@click.option("--reason", default="", metavar="TEXT", help="Why it is declined (required).")
@click.option(
    "--ground",
    default=None,
    metavar="GROUND",
    help="The legal ground, required when the law requires a remedy: " + _values(DeclineGround),
)
def decline(refund_id: str, reason: str, ground: str | None) -> Shown:
    """Decline a request above an agent's limit, saying why (team leaders; not your own).

    A remedy the law requires (the check's floor) is declined only on a legal ground.
    """
    record = workspace().refunds.decline(refund_id, reason, ground)
    return Shown(record_json(record), f"{record.id}: {status_line(record)}")


@action(refund_group, "withdraw", options={"id": "ID"})
@click.argument("refund_id", metavar="ID")
def withdraw(refund_id: str) -> Shown:
    """Withdraw your own pending or declined request, so its case can be solved otherwise."""
    record = workspace().refunds.withdraw(refund_id)
    return Shown(record_json(record), f"{record.id}: {status_line(record)}")


def mine_shown(records: list[RefundRecord]) -> Shown:
    """The user's requests: status, who decided and why."""
    rows = []
    for r in records:
        decided = r.approval
        rows.append(
            [
                r.id,
                r.case_id or "-",
                money(r.decision.amount),
                r.status.value,
                decided.by if decided else "-",
                shorten(decided.reason if decided and decided.reason else "-", 40),
            ]
        )
    headers = ["ID", "CASE", "AMOUNT", "STATUS", "DECIDED BY", "REASON"]
    data = [
        {
            "id": r.id,
            "case_id": r.case_id,
            "amount": money(r.decision.amount),
            "status": r.status.value,
            "decided_by": r.approval.by if r.approval else None,
            "reason": r.approval.reason if r.approval else None,
            "ground": r.approval.ground.value if r.approval and r.approval.ground else None,
        }
        for r in records
    ]
    return Shown(data, table(headers, rows) if rows else "You have no refund requests.")


@action(refund_group, "mine")
def mine() -> Shown:
    """Your own refund requests: where each stands, who decided it and why."""
    return mine_shown(workspace().refunds.mine())


@action(refund_group, "record", options=RECORD_OPTIONS)
@click.argument("refund_id", metavar="ID")
@click.option("--item", metavar="TEXT", help="The product (the returns report groups by it).")
@click.option("--fault", metavar="TEXT", help="What was wrong with it.")
@click.option("--remedy", metavar="REMEDY", help=_values(Remedy) + " (default: the first due)")
@click.option("--amount", metavar="AMOUNT", help="How much (default: the price checked).")
@click.option("--method", metavar="METHOD", help=_values(PaymentMethod) + " (refund: as paid)")
@click.option("--when", metavar="DATE", help="When it was given (default: today).")
def record(refund_id: str, **fields: Any) -> Shown:
    """Record what was refunded, exchanged, replaced or repaired under a check."""
    saved = workspace().refunds.record(refund_id, fields)
    outcome = saved.outcome
    assert outcome is not None
    return Shown(
        record_json(saved),
        f"{saved.id}: recorded {outcome.remedy.value} {money(outcome.amount)}"
        + (f" by {outcome.method.value}" if outcome.method else "")
        + f" ({listing(saved.decision.remedies)} were due)",
    )
