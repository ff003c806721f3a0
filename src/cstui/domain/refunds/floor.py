"""What the law of a jurisdiction guarantees for one return: the floor no policy goes below."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cstui.models.refunds import Chooser, Reason, Remedy


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


def days_between(start: date, end: date) -> int:
    """Whole days from ``start`` to ``end``."""
    return (end - start).days
