"""The refund checklist: which question comes next, given the answers so far.

The TUI asks them one at a time; the answers build the same :class:`CheckInputs` the
command line takes. Answers to questions that no longer apply (after going back and
changing the reason, say) are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import ValidationError

from cstui.errors import InputError
from cstui.models.errors import input_error
from cstui.models.refunds import (
    DISPUTABLE_REASONS,
    CheckInputs,
    FailureKind,
    Jurisdiction,
    PaymentMethod,
    ProofKind,
    ReturnReason,
    Supply,
    label,
)

Kind = Literal["choice", "yesno", "date", "amount", "years"]
TYPED_KINDS = ("date", "amount", "years")
"""Questions answered by typing, then Enter."""


@dataclass(frozen=True)
class Question:
    """One question of the checklist."""

    key: str
    """The :class:`CheckInputs` field it answers."""
    text: str
    kind: Kind
    choices: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs, chosen by their number (1, 2, ...)."""
    optional: bool = False
    """A typed answer that may be left blank."""


def _choices(
    values: type[ReturnReason | FailureKind | PaymentMethod | ProofKind | Supply],
) -> Any:
    return tuple((label(v), v.value) for v in values)


SUPPLY = Question("supply", "What was supplied?", "choice", _choices(Supply))
GIFT = Question("gift", "Did the customer receive it as a gift?", "yesno")
UNSOLICITED = Question(
    "unsolicited", "Was it sold by telemarketing or door to door (unsolicited)?", "yesno"
)
EXPECTED_LIFE = Question(
    "expected_life",
    "How many years should goods like these last? (blank: not known)",
    "years",
    optional=True,
)
DAMAGED = Question(
    "damaged_after_delivery", "Was it lost, disposed of or damaged after delivery?", "yesno"
)
VISIBLE = Question(
    "visible_on_examination",
    "Did the customer examine it before buying, so that the defect should have been seen?",
    "yesno",
)
VEHICLE = Question("vehicle", "Is it a motor vehicle?", "yesno")
PERISHABLE = Question("perishable", "Does it perish or expire quickly?", "yesno")
MADE_TO_ORDER = Question(
    "made_to_order", "Was it made to the customer's specification or personalised?", "yesno"
)
UNSEALED = Question(
    "unsealed", "Was it sealed (hygiene goods, media) and unsealed after delivery?", "yesno"
)


REASON = Question(
    "reason", "Why is the customer bringing it back?", "choice", _choices(ReturnReason)
)
FAILURE_KIND = Question(
    "failure_kind", "What makes it a major failure?", "choice", _choices(FailureKind)
)
PURCHASED = Question("purchased", "When was it bought? (blank: today)", "date")
PRICE = Question("price", "What did the customer pay for it?", "amount")
PAID_BY = Question("paid_by", "How did the customer pay?", "choice", _choices(PaymentMethod))
PROOF = Question(
    "proof", "What proof of purchase does the customer have?", "choice", _choices(ProofKind)
)
USED = Question("used", "Has it been used?", "yesno")
DISTANCE_SALE = Question(
    "distance_sale", "Was it bought online, by phone or by mail order?", "yesno"
)
DELIVERED = Question(
    "delivered", "When was it delivered? (blank: the day it was bought)", "date", optional=True
)
REMEDY_FAILED_AU = Question(
    "remedy_failed",
    "Has the business already refused, or not fixed it within a reasonable time?",
    "yesno",
)
REMEDY_FAILED_UK = Question(
    "remedy_failed", "Has a repair or replacement already been tried and failed?", "yesno"
)
DISPUTED = Question(
    "disputed", "Does the customer dispute whether the failure is major or minor?", "yesno"
)

PROVISIONAL_DEFAULTS: dict[str, Any] = {
    "price": Decimal("0"),
    "paid_by": PaymentMethod.CASH.value,
    "proof": ProofKind.RECEIPT.value,
    "failure_kind": FailureKind.WOULD_NOT_HAVE_BOUGHT.value,
}
"""What a provisional decision assumes for questions not answered yet."""


def _change_of_mind(answers: Mapping[str, Any], uk: bool, goods: bool) -> list[Question]:
    asked = [USED]
    if uk:
        asked += [UNSOLICITED, DISTANCE_SALE]
        if answers.get("distance_sale") or answers.get("unsolicited"):
            asked += [DELIVERED, MADE_TO_ORDER, PERISHABLE, UNSEALED] if goods else [DELIVERED]
    return asked


def _faulty(reason: ReturnReason, uk: bool, goods: bool) -> list[Question]:
    asked = [EXPECTED_LIFE, DAMAGED] if goods else []
    if goods and reason in (ReturnReason.MAJOR_FAILURE, ReturnReason.MINOR_FAILURE):
        asked.append(VISIBLE)
    if uk:
        return [*asked, *([VEHICLE, PERISHABLE] if goods else []), DELIVERED, REMEDY_FAILED_UK]
    minor = reason in (ReturnReason.MINOR_FAILURE, ReturnReason.NOT_AS_DESCRIBED)
    if minor or (not goods and reason is not ReturnReason.MAJOR_FAILURE):
        asked.append(REMEDY_FAILED_AU)
    return asked


def questions(answers: Mapping[str, Any], jurisdiction: Jurisdiction) -> list[Question]:
    """Every question that applies, in the order asked, given the answers so far."""
    asked = [SUPPLY, REASON]
    try:
        supply = Supply(answers["supply"])
        reason = ReturnReason(answers["reason"])
    except (KeyError, ValueError):
        return asked
    uk, goods = jurisdiction is Jurisdiction.UK, supply is Supply.GOODS
    if reason is ReturnReason.MAJOR_FAILURE:
        asked.append(FAILURE_KIND)
    asked += [PURCHASED, PRICE, PAID_BY, PROOF, GIFT]
    if not uk:
        asked.append(UNSOLICITED)
    if reason is ReturnReason.CHANGE_OF_MIND:
        asked += _change_of_mind(answers, uk, goods)
    if reason.faulty:
        asked += _faulty(reason, uk, goods)
    if not uk and reason in DISPUTABLE_REASONS:
        asked.append(DISPUTED)
    return asked


def next_question(answers: Mapping[str, Any], jurisdiction: Jurisdiction) -> Question | None:
    """The first question that applies and is not answered yet; None when all are."""
    return next((q for q in questions(answers, jurisdiction) if q.key not in answers), None)


def remaining(answers: Mapping[str, Any], jurisdiction: Jurisdiction) -> int:
    """How many questions that apply are still unanswered."""
    return sum(1 for q in questions(answers, jurisdiction) if q.key not in answers)


def relevant(answers: Mapping[str, Any], jurisdiction: Jurisdiction) -> dict[str, Any]:
    """The answers to questions that apply, in the order asked."""
    return {
        q.key: answers[q.key]
        for q in questions(answers, jurisdiction)
        if q.key in answers and answers[q.key] is not None
    }


def inputs_from(
    answers: Mapping[str, Any],
    jurisdiction: Jurisdiction,
    today: date,
    provisional: bool = False,
) -> CheckInputs:
    """The check's inputs from the answers; ``provisional`` fills the unanswered ones.

    Raises InputError naming the field when an answer is not acceptable.
    """
    fields: dict[str, Any] = {"jurisdiction": jurisdiction.value}
    if provisional:
        fields.update(PROVISIONAL_DEFAULTS)
        fields["purchased"] = today
        if answers.get("reason") != ReturnReason.MAJOR_FAILURE.value:
            fields.pop("failure_kind")
    fields.update(relevant(answers, jurisdiction))
    try:
        return CheckInputs.model_validate(fields)
    except ValidationError as exc:
        raise input_error(exc) from None


def shown_answer(question: Question, value: Any) -> str:
    """An answer as the checklist lists it."""
    if value is None:
        return "—"
    if question.kind == "yesno":
        return "yes" if value else "no"
    if question.kind == "choice":
        return next((lbl for lbl, v in question.choices if v == value), str(value))
    if question.kind == "amount":
        return f"{value:.2f}"
    if question.kind == "years":
        return f"{value} years"
    return value.isoformat() if isinstance(value, date) else str(value)


SHORT_LABELS: dict[str, str] = {
    "reason": "Reason",
    "failure_kind": "Major because",
    "purchased": "Bought",
    "price": "Paid",
    "paid_by": "Paid by",
    "proof": "Proof",
    "used": "Used",
    "distance_sale": "Distance sale",
    "delivered": "Delivered",
    "remedy_failed": "Remedy failed",
    "disputed": "Disputed",
    "supply": "Supplied",
    "gift": "Gift",
    "unsolicited": "Unsolicited",
    "expected_life": "Should last",
    "damaged_after_delivery": "Damaged after delivery",
    "visible_on_examination": "Seen on examination",
    "vehicle": "Vehicle",
    "perishable": "Perishable",
    "made_to_order": "Made to order",
    "unsealed": "Unsealed",
}
"""Each question's name in the list of answers."""


def parse_years(text: str, key: str) -> Decimal | None:
    """A typed number of years (blank: not known); InputError naming ``key`` otherwise."""
    if not text.strip():
        return None
    try:
        years = Decimal(text.strip())
    except InvalidOperation:
        raise InputError.single(key, "is not a number of years (like 5 or 0.5)") from None
    if not years.is_finite() or not Decimal("0") < years <= Decimal("100"):
        raise InputError.single(key, "must be more than 0 and at most 100 years")
    return years


__all__ = [
    "InputError",
    "Question",
    "inputs_from",
    "next_question",
    "questions",
    "relevant",
    "remaining",
    "shown_answer",
]
