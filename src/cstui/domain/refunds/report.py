"""Returns, exchanges and replacements grouped by product (or by reason), so a product that
keeps coming back stands out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from cstui.models.refunds import RefundRecord, Remedy, ReturnReason, label

REPEAT_RETURNS = 3
"""A product returned this many times or more is marked as a repeat."""


class GroupBy(StrEnum):
    """What the returns report groups by."""

    PRODUCT = "product"
    REASON = "reason"


@dataclass
class ReturnGroup:
    """Every recorded return of one product (or one reason)."""

    key: str
    """The product as first written (or the reason's value)."""
    count: int = 0
    by_remedy: dict[Remedy, int] = field(default_factory=lambda: {r: 0 for r in Remedy})
    amount: Decimal = Decimal("0.00")
    last: date | None = None
    refund_ids: list[str] = field(default_factory=list)

    @property
    def repeat(self) -> bool:
        """Returned often enough to look into."""
        return self.count >= REPEAT_RETURNS


def product_key(item: str) -> str:
    """Products are the same whatever their letter case and spacing."""
    return " ".join(item.casefold().split())


def recorded(records: Iterable[RefundRecord]) -> list[RefundRecord]:
    """Records with an outcome (something was given), oldest first."""
    done = [r for r in records if r.outcome is not None]
    return sorted(done, key=lambda r: (r.outcome.when if r.outcome else date.min, r.id))


def group_returns(records: Iterable[RefundRecord], by: GroupBy) -> list[ReturnGroup]:
    """Recorded returns grouped, most returned first (then by name)."""
    groups: dict[str, ReturnGroup] = {}
    for record in recorded(records):
        outcome = record.outcome
        assert outcome is not None
        if by is GroupBy.PRODUCT:
            name = outcome.item or "(no item recorded)"
            key = product_key(name)
        else:
            name = key = record.inputs.reason.value
        group = groups.setdefault(key, ReturnGroup(name))
        group.count += 1
        group.by_remedy[outcome.remedy] += 1
        group.amount += outcome.amount
        group.last = outcome.when if group.last is None else max(group.last, outcome.when)
        group.refund_ids.append(record.id)
    return sorted(groups.values(), key=lambda g: (-g.count, product_key(g.key)))


def reason_label(value: str) -> str:
    """A reason's label for the report."""
    return label(ReturnReason(value))
