"""The Australian Consumer Law's floor for returned goods (Schedule 2, Competition and
Consumer Act 2010), as data and one function.

- A major failure (s260): the customer chooses a refund or a replacement, or to keep the
  goods and be compensated for the drop in value (s259(3), s263).
- A minor failure: the business chooses to repair, replace or refund (s259(2), s261); if it
  refuses or takes too long, the customer may act as for a major failure (s259(2)(b)).
- Change of mind is not a failure of any guarantee: the store's own policy applies.
- Misuse (s54(6)) and a defect pointed out before the sale (s54(4)) are not covered.
- Any proof of purchase will do; original packaging is never required. A refund goes back
  the way it was paid; a credit note only if the customer asks for one.
- Goods lost, disposed of or damaged after delivery cannot be rejected (s262(1)(b)-(c));
  a gift's recipient has the buyer's rights (s266); computer software is goods (s2).
- An unsolicited sale (telemarketing, door to door) may be cancelled within 10 business
  days (ss82-86); a distance sale the customer started has no cooling-off of its own.
- Services: :mod:`cstui.domain.refunds.law_services`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cstui.domain.refunds import law_services
from cstui.domain.refunds.floor import Floor, business_days_after, reason
from cstui.models.refunds import (
    CheckInputs,
    Chooser,
    FailureKind,
    ProofKind,
    Reason,
    Remedy,
    ReturnReason,
    Supply,
    label,
)

MAJOR_REMEDIES = (Remedy.REFUND, Remedy.REPLACE, Remedy.COMPENSATION)
"""A major failure: the customer chooses."""
MINOR_REMEDIES = (Remedy.REPAIR, Remedy.REPLACE, Remedy.REFUND)
"""A minor failure: the business chooses."""
WRONG_ITEM_REMEDIES = (Remedy.REPLACE, Remedy.REFUND)
"""The wrong item: the right one, or the money back; the customer chooses."""

PROOF_RULE = "ACL proof of purchase (ACCC)"

MAJOR_KINDS: dict[FailureKind, Reason] = {
    FailureKind.UNSAFE: reason("ACL s260(e)", "Goods that are unsafe have a major failure."),
    FailureKind.DIFFERENT_FROM_DESCRIPTION: reason(
        "ACL s260(b)",
        "Goods that depart significantly from their description, sample or demonstration "
        "model have a major failure.",
    ),
    FailureKind.UNFIT_FOR_PURPOSE: reason(
        "ACL s260(c)-(d)",
        "Goods substantially unfit for their usual purpose, or for a purpose the customer made "
        "known, that cannot easily be fixed within a reasonable time have a major failure.",
    ),
    FailureKind.WOULD_NOT_HAVE_BOUGHT: reason(
        "ACL s260(a)",
        "A reasonable customer who knew about the problem would not have bought the goods: "
        "a major failure.",
    ),
}

MAJOR_RIGHTS = reason(
    "ACL s259(3)",
    "For a major failure the customer chooses: reject the goods for a refund or a "
    "replacement of the same type (s263), or keep them and be compensated for the drop in "
    "value. The business cannot insist on a repair.",
)
CONSEQUENTIAL_LOSS = reason(
    "ACL s259(4)",
    "The customer may also recover reasonably foreseeable losses the failure caused.",
)
MINOR_RIGHTS = reason(
    "ACL s259(2)",
    "A minor failure: the business chooses to repair, replace or refund (s261), free of "
    "charge and within a reasonable time.",
)
MINOR_ESCALATION = reason(
    "ACL s259(2)(b)",
    "If the business refuses, or takes more than a reasonable time, it is treated as a "
    "major failure: the customer may then reject the goods for a refund or a replacement, or "
    "have them fixed elsewhere and recover the cost.",
)
MINOR_FAILED = reason(
    "ACL s259(2)(b)",
    "The business refused, or did not fix the failure in a reasonable time, so it is "
    "treated as a major failure: the customer chooses a refund or a replacement, or to have "
    "it fixed elsewhere and recover the reasonable cost (compensation).",
)
DESCRIPTION = reason(
    "ACL s56",
    "Goods must match the description they were sold by; these do not.",
)
WRONG_ITEM = reason(
    "ACL s260(b)",
    "The wrong item departs significantly from what was bought: a major failure. The "
    "customer chooses the right item (a replacement) or a refund.",
)
DESCRIPTION_IF_SIGNIFICANT = reason(
    "ACL s260(b)",
    "If the goods depart from the description in a significant way it is a major failure: "
    "check it as a major failure (different from description) and the customer chooses.",
)
MISUSE = reason(
    "ACL s54(6)",
    "Damage from abnormal use, or from the customer not taking reasonable care, is not a "
    "failure of acceptable quality: the business may decline a remedy for that damage. Be "
    "sure it came from misuse and not from a fault.",
)
DISCLOSED = reason(
    "ACL s54(4)",
    "A defect specifically pointed out before the sale (for example on a sign, a tag or the "
    "receipt) does not break the guarantee: the business may decline a remedy for that "
    "defect. Any other fault is still covered.",
)
CHANGE_OF_MIND = reason(
    "ACL ss51-59",
    "A change of mind is not a failure of a consumer guarantee: the law gives no right to "
    "return the goods for it. The store's own change-of-mind policy applies and must be "
    "honoured.",
)
REFUND_FORM = reason(
    "ACL s263(4)",
    "A refund is the money paid, given back the way it was paid; a credit note or voucher "
    "only if the customer asks for one instead.",
)
ANY_PROOF = (
    "a receipt, a card or bank statement, an order or lay-by number, a warranty card, or a "
    "photo of the receipt; original packaging is never required"
)


def _proof(proof: ProofKind) -> Reason:
    if proof is ProofKind.NONE:
        return reason(
            PROOF_RULE,
            f"Proof of purchase can be {ANY_PROOF}. Ask the customer for one of these; "
            "not having the receipt is not a reason to refuse a remedy for faulty goods.",
        )
    return reason(
        PROOF_RULE,
        f"{label(proof)} proves the purchase. Proof can be {ANY_PROOF}.",
    )


def _fault(
    inputs: CheckInputs,
    remedies: tuple[Remedy, ...],
    chooser: Chooser,
    reasons: tuple[Reason, ...],
    safety: bool = False,
) -> Floor:
    return Floor(
        covered=True,
        remedies=remedies,
        chooser=chooser,
        reasons=reasons,
        refund_rule=REFUND_FORM,
        proof_rule=PROOF_RULE,
        safety=safety,
        notes=(_proof(inputs.proof),),
    )


def _faulty(inputs: CheckInputs) -> Floor:
    """Faulty goods, the wrong item, or goods not as described."""
    if inputs.reason is ReturnReason.MAJOR_FAILURE:
        assert inputs.failure_kind is not None  # checked by CheckInputs
        kind = inputs.failure_kind
        return _fault(
            inputs,
            MAJOR_REMEDIES,
            Chooser.CUSTOMER,
            (MAJOR_KINDS[kind], MAJOR_RIGHTS, CONSEQUENTIAL_LOSS),
            safety=kind is FailureKind.UNSAFE,
        )
    if inputs.reason is ReturnReason.WRONG_ITEM:
        return _fault(inputs, WRONG_ITEM_REMEDIES, Chooser.CUSTOMER, (DESCRIPTION, WRONG_ITEM))
    first = (DESCRIPTION,) if inputs.reason is ReturnReason.NOT_AS_DESCRIBED else ()
    if inputs.remedy_failed:
        reasons = (*first, MINOR_RIGHTS, MINOR_FAILED)
        return _fault(inputs, MAJOR_REMEDIES, Chooser.CUSTOMER, reasons)
    later = (DESCRIPTION_IF_SIGNIFICANT,) if first else ()
    reasons = (*first, MINOR_RIGHTS, MINOR_ESCALATION, *later)
    return _fault(inputs, MINOR_REMEDIES, Chooser.BUSINESS, reasons)


COOLING_OFF_DAYS = 10
"""ACL s82(3)(a): an unsolicited consumer agreement may be cancelled within 10 business days."""

DAMAGED = reason(
    "ACL s262(1)(b)-(c)",
    "The goods were lost, disposed of or damaged after delivery (for reasons not to do with "
    "their condition when supplied): the customer can no longer reject them for a refund or "
    "a replacement. Compensation for the drop in value (s259(3)(b)) and for foreseeable "
    "losses remains. If the damage itself caused the problem, it is not a failure (s54(6)).",
)
GIFT = reason(
    "ACL s266",
    "The customer received the goods as a gift: a person who gets goods from the buyer has "
    "the same rights against the business as the buyer (an affected person). The buyer's "
    "proof of purchase counts.",
)
SOFTWARE = reason(
    "ACL s2",
    "Digital content (computer software) is goods under the ACL: the guarantees for goods "
    "apply to it.",
)
DISTANCE = reason(
    "ACL ss82-86",
    "Bought online, by phone or by mail order at the customer's own initiative: the ACL "
    "gives no cooling-off for that alone, so it changes nothing here. Only an unsolicited "
    "sale (telemarketing, door to door) has a cooling-off period.",
)
COOLING_OFF_REFUND = reason(
    "ACL s84",
    "On cancellation the business must give back everything paid within 10 days of it, "
    "the way it was paid, and may not charge for cancelling.",
)


def _damaged(inputs: CheckInputs, floor: Floor) -> Floor:
    """No rejection of goods lost, disposed of or damaged after delivery."""
    if not inputs.damaged_after_delivery or floor.chooser is not Chooser.CUSTOMER:
        return floor
    if not {Remedy.REFUND, Remedy.REPLACE} & set(floor.remedies):
        return floor
    return replace(floor, remedies=(Remedy.COMPENSATION,), reasons=(*floor.reasons, DAMAGED))


def _cooling_off(
    inputs: CheckInputs, floor: Floor, today: date, holidays: frozenset[date]
) -> Floor:
    """An unsolicited sale may be cancelled within 10 business days of the agreement."""
    if not inputs.unsolicited:
        return floor
    days = business_days_after(inputs.purchased, today, holidays)
    if days > COOLING_OFF_DAYS:
        late = reason(
            "ACL s82(3)",
            f"An unsolicited sale {days} business days ago: the 10-business-day cooling-off "
            "has passed. It runs 3 months if the seller broke the rules for unsolicited "
            "selling, 6 months in some other cases: refer to a person if that may be so.",
        )
        return replace(floor, reasons=(*floor.reasons, late))
    cancel = reason(
        "ACL s82",
        f"An unsolicited sale (telemarketing or door to door) made {days} business days ago: "
        "within the 10-business-day cooling-off the customer may cancel for any reason and "
        "get everything paid back.",
    )
    remedies = (*floor.remedies, Remedy.CANCEL)
    return replace(
        floor,
        covered=True,
        remedies=remedies,
        chooser=Chooser.CUSTOMER,
        reasons=(*floor.reasons, cancel),
        refund_rule=floor.refund_rule or COOLING_OFF_REFUND,
    )


def floor(inputs: CheckInputs, today: date, holidays: frozenset[date] = frozenset()) -> Floor:
    """What the ACL guarantees for this return on ``today`` (``holidays``: not business days)."""
    found = _cooling_off(inputs, _damaged(inputs, _supplied(inputs)), today, holidays)
    notes = [
        (inputs.supply is Supply.DIGITAL_CONTENT, SOFTWARE),
        (inputs.gift, GIFT),
        (inputs.distance_sale and not inputs.unsolicited, DISTANCE),
    ]
    return replace(found, reasons=(*found.reasons, *(r for on, r in notes if on)))


def _supplied(inputs: CheckInputs) -> Floor:
    """The floor for what was supplied and why it comes back."""
    if inputs.reason.faulty and inputs.supply is Supply.SERVICE:
        return law_services.au_service(inputs)
    if inputs.reason.faulty:
        return _faulty(inputs)
    if inputs.reason is ReturnReason.MISUSE:
        return Floor(covered=True, reasons=(MISUSE,))
    if inputs.reason is ReturnReason.DISCLOSED_FAULT:
        return Floor(covered=True, reasons=(DISCLOSED,))
    return Floor(covered=False, reasons=(CHANGE_OF_MIND,))
