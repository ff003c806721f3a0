"""Returns, exchanges and replacements grouped by product (or by reason), so a product that
keeps coming back stands out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cstui.models.refunds import RefundRecord
from cstui.models.returns import GroupBy, ReturnGroup, product_key


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
