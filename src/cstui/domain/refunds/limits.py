"""Where the guarantees stop, in both laws, before the remedies are worked out.

Faulty goods, services or digital content with no proof of purchase at all: no remedy is
due until there is one. Goods past how long goods like these should last: the law
presumes nothing either way, so a person decides (never "nothing due"). A defect the
customer's own examination before buying ought to have shown: the guarantee of quality
does not cover it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from cstui.domain.refunds.floor import (
    DAYS_A_YEAR,
    Floor,
    days_between,
    reason,
    refer,
    years_between,
)
from cstui.models.refunds import (
    CheckInputs,
    FailureKind,
    Jurisdiction,
    ProofKind,
    Reason,
    ReturnReason,
    Undecided,
)

ACCEPTED_PROOF = (
    "a receipt or tax invoice, a bank or card statement showing the payment, an order "
    "confirmation or order number, a lay-by agreement, a serial number or warranty card "
    "registered to the customer, or a photo of any of these; original packaging is never "
    "required"
)
"""What proves a purchase, in words for the customer."""

PROOF_RULES = {
    Jurisdiction.AU: "ACL proof of purchase (ACCC)",
    Jurisdiction.UK: "CRA 2015 proof of purchase",
}

EXAMINED: dict[Jurisdiction, Reason] = {
    Jurisdiction.AU: reason(
        "ACL s54(7)",
        "The customer examined the goods before buying and that examination ought "
        "reasonably to have revealed this defect: the guarantee of acceptable quality does "
        "not cover it, and the business may decline a remedy for it. A defect the "
        "examination could not have shown is still covered.",
    ),
    Jurisdiction.UK: reason(
        "CRA 2015 s9(4)(b)",
        "The customer examined the goods before the contract and that examination ought to "
        "have revealed this defect: it does not make the goods unsatisfactory, and the "
        "business may decline a remedy for it. Any other fault is still covered.",
    ),
}

QUALITY_FAILURES = (ReturnReason.MAJOR_FAILURE, ReturnReason.MINOR_FAILURE)
"""Failures of quality (not of description), which an examination can reveal."""


def no_proof(law: Jurisdiction) -> Floor:
    """No proof of purchase at all: nothing due yet; what proof is accepted."""
    text = (
        "There is no proof of purchase at all: no remedy is due until the customer shows "
        f"one. Accepted: {ACCEPTED_PROOF}. Not having the receipt is not a reason to refuse "
        "once any of these is shown."
    )
    return Floor(covered=True, reasons=(reason(PROOF_RULES[law], text),), undecided=Undecided.PROOF)


def _past_life_text(age: Decimal, life: Decimal) -> str:
    return (
        f"Received {age} years ago; goods like these should last about {life} years. Past "
        "that, no remedy is presumed, and none is ruled out: "
    )


def past_expected_life(inputs: CheckInputs, law: Jurisdiction, today: date) -> Floor | None:
    """Goods older than their expected life: a person decides, citing the section."""
    life = inputs.expected_life
    days = days_between(inputs.received, today)
    if life is None or days <= life * DAYS_A_YEAR:  # compared exactly; shown rounded
        return None
    age = years_between(inputs.received, today)
    opening = _past_life_text(age, life)
    if law is Jurisdiction.AU:
        return refer(
            "ACL s262(2)",
            opening + "the rejection period (s262(1)(a), (2)) runs only as long as a failure "
            "could reasonably be expected to show, and acceptable quality includes durability "
            "for goods of the kind (s54(2)). Refer to a person, who weighs the goods, their "
            "price and their use. Do not tell the customer nothing is due.",
        )
    rule = "CRA 2015 s22(4)" if inputs.perishable else "CRA 2015 s9(3)(e)"
    shorter = (
        "for perishable goods the short-term right to reject ends when they could "
        "reasonably be expected to last (s22(4)); "
        if inputs.perishable
        else ""
    )
    return refer(
        rule,
        opening + shorter + "satisfactory quality includes durability (s9(3)(e)), and more "
        "than 6 months after delivery the customer may have to show the fault was there at "
        "delivery (s19(14)). Refer to a person. Do not tell the customer nothing is due.",
    )


def examined(inputs: CheckInputs, law: Jurisdiction) -> Floor | None:
    """A quality defect the customer's own examination ought to have revealed."""
    if not inputs.visible_on_examination or inputs.reason not in QUALITY_FAILURES:
        return None
    if inputs.failure_kind is FailureKind.DIFFERENT_FROM_DESCRIPTION:
        return None  # the description guarantee does not depend on an examination
    return Floor(covered=True, reasons=(EXAMINED[law],))


def limited(inputs: CheckInputs, law: Jurisdiction, today: date) -> Floor | None:
    """The floor when a limit of the guarantee decides it; None when the law's rules do."""
    if not inputs.reason.faulty:
        return None
    if inputs.proof is ProofKind.NONE:
        return no_proof(law)
    return past_expected_life(inputs, law, today) or examined(inputs, law)
