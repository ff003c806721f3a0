"""``cstui report returns``: recorded returns, by product or reason."""

from __future__ import annotations

from typing import Any

import click

from cstui.cli.command import Shown, action
from cstui.cli.context import workspace
from cstui.cli.output import shorten, table
from cstui.cli.report import report_group
from cstui.models.refund_text import money
from cstui.models.refunds import RefundRecord, Remedy
from cstui.models.returns import GroupBy, ReturnGroup, reason_label

PRODUCT_WIDTH = 30
SHORT_HEADERS = {
    Remedy.COMPENSATION: "COMP",
    Remedy.REPEAT_PERFORMANCE: "REPEAT",
    Remedy.PRICE_REDUCTION: "REDUCE",
}
REMEDY_HEADERS = {r: SHORT_HEADERS.get(r, r.value.upper()) for r in Remedy}
"""Each remedy's column: its name, shortened where it would widen the table."""


def return_json(record: RefundRecord) -> dict[str, Any]:
    """One recorded return, exchange, replacement or repair."""
    outcome = record.outcome
    assert outcome is not None
    return {
        "id": record.id,
        "case_id": record.case_id,
        "when": outcome.when.isoformat(),
        "product": outcome.item,
        "reason": record.inputs.reason.value,
        "remedy": outcome.remedy.value,
        "amount": money(outcome.amount),
        "method": outcome.method.value if outcome.method else None,
        "by": outcome.by,
        "approved_by": outcome.approved_by,
    }


def group_json(group: ReturnGroup, by: GroupBy) -> dict[str, Any]:
    """One product's (or reason's) returns."""
    return {
        by.value: group.key,
        "returns": group.count,
        "by_remedy": {r.value: n for r, n in group.by_remedy.items()},
        "amount": money(group.amount),
        "last": group.last.isoformat() if group.last else None,
        "repeat": group.repeat,
        "refund_ids": group.refund_ids,
    }


def _group_rows(groups: list[ReturnGroup], by: GroupBy) -> str:
    headers = [by.value.upper(), "RETURNS", *REMEDY_HEADERS.values(), "AMOUNT", "LAST", ""]
    rows = [
        [
            shorten(g.key if by is GroupBy.PRODUCT else reason_label(g.key), PRODUCT_WIDTH),
            str(g.count),
            *(str(g.by_remedy[r]) for r in REMEDY_HEADERS),
            money(g.amount),
            g.last.isoformat() if g.last else "-",
            "! keeps coming back" if g.repeat else "",
        ]
        for g in groups
    ]
    return table(headers, rows)


def _return_rows(records: list[RefundRecord]) -> str:
    """One recorded return a row."""
    rows = [
        [
            r.id,
            j["when"],
            shorten(j["product"] or "-", PRODUCT_WIDTH),
            j["reason"],
            j["remedy"],
            j["amount"],
            j["method"] or "-",
            j["case_id"] or "-",
        ]
        for r in records
        for j in [return_json(r)]
    ]
    return table(["ID", "WHEN", "PRODUCT", "REASON", "GAVE", "AMOUNT", "METHOD", "CASE"], rows)


@action(report_group, "returns")
@click.option(
    "--by",
    type=click.Choice([g.value for g in GroupBy]),
    help="Group by product (or reason), most returned first.",
)
def returns(by: str | None) -> Shown:
    """Recorded returns, exchanges, replacements and repairs; --by product groups them."""
    refunds = workspace().refunds
    if by is None:
        records = refunds.returns()
        text = _return_rows(records) if records else "No returns recorded."
        return Shown([return_json(r) for r in records], text)
    group = GroupBy(by)
    groups = refunds.returns_by(group)
    text = _group_rows(groups, group) if groups else "No returns recorded."
    return Shown([group_json(g, group) for g in groups], text)
