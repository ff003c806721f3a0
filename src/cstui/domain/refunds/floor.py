"""What the law of a jurisdiction guarantees for one return: the floor no policy goes below."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from cstui.models.refunds import Chooser, Reason, Remedy, Undecided

DAYS_A_YEAR = Decimal("365.25")


def reason(rule: str, text: str) -> Reason:
    """A reason citing ``rule``."""
    return Reason(rule=rule, text=text)


@dataclass(frozen=True)
class Floor:
    """The law's answer for one return, before the store's policy is applied."""

    covered: bool
    """The law decides (faulty goods, a refusal the law allows, a statutory cancellation).

    False for a change of mind the law does not cover: the store's policy decides."""
    remedies: tuple[Remedy, ...] = ()
    """What the law guarantees, in order."""
    chooser: Chooser | None = None
    reasons: tuple[Reason, ...] = ()
    refund_rule: Reason | None = None
    """Why a refund the law gives goes back the way it was paid (credit only if asked)."""
    proof_rule: str | None = None
    """The rule on proof of purchase for goods the law covers."""
    safety: bool = False
    """The goods are unsafe."""
    notes: tuple[Reason, ...] = field(default=())
    """Reasons to show after the policy's (proof of purchase and the like)."""
    undecided: Undecided | None = None
    """No remedy yet, but not "nothing due": proof is missing, or a person decides."""


def refer(rule: str, text: str) -> Floor:
    """The law leaves this return to a person: no remedy presumed, none ruled out."""
    return Floor(covered=True, reasons=(reason(rule, text),), undecided=Undecided.PERSON)


def days_between(start: date, end: date) -> int:
    """Whole days from ``start`` to ``end``."""
    return (end - start).days


def years_between(start: date, end: date) -> Decimal:
    """Years (of 365.25 days) from ``start`` to ``end``, to two decimals."""
    return (Decimal(days_between(start, end)) / DAYS_A_YEAR).quantize(Decimal("0.01"))


def business_days_after(start: date, end: date, holidays: frozenset[date]) -> int:
    """Business days (Monday to Friday, not ``holidays``) after ``start`` up to ``end``."""
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += day.weekday() < 5 and day not in holidays
        day += timedelta(days=1)
    return count
