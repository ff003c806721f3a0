"""The returns report's value types: what it groups by, one group, a reason in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from cstui.models.refunds import Remedy, ReturnReason, label

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


def reason_label(value: str) -> str:
    """A reason's label for the report."""
    return label(ReturnReason(value))
