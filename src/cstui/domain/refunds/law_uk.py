"""The UK floor for returned goods: the Consumer Rights Act 2015 and, for distance sales,
the Consumer Contracts Regulations 2013, as data and one function.

- Faulty, not as described, or the wrong item, within 30 days of delivery: the short-term
  right to reject, a full refund (s22); the customer may ask for a repair or replacement
  instead (s23).
- After 30 days: one repair or replacement (s23); if that fails, a refund (final right to
  reject) or a price reduction (s24), with no deduction for use within 6 months (s24(10)).
- A refund is due within 14 days, the same way it was paid (s20(15)-(16)).
- A distance sale may be cancelled for any reason within 14 days of delivery (CCR reg 29-30),
  an off-premises (unsolicited) one too; not goods made to order, perishable goods, or sealed
  goods unsealed after delivery (reg 28).
- Motor vehicles: a deduction for use is allowed even within 6 months (s24(10)).
- Services and digital content: :mod:`cstui.domain.refunds.law_services`.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date

from cstui.domain.refunds import law_services
from cstui.domain.refunds.floor import Floor, days_between, reason, refer
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

SHORT_TERM_REJECT_DAYS = 30
"""CRA 2015 s22(3): the short-term right to reject lasts 30 days from delivery."""
CANCELLATION_DAYS = 14
"""CCR 2013 reg 30: a distance sale may be cancelled within 14 days of delivery."""
NO_DEDUCTION_MONTHS = 6
"""CRA 2015 s24(10) and s19(14): the first 6 months after delivery."""

SHORT_TERM_REMEDIES: tuple[Remedy, ...] = (Remedy.REFUND, Remedy.REPLACE, Remedy.REPAIR)
REPAIR_REMEDIES: tuple[Remedy, ...] = (Remedy.REPAIR, Remedy.REPLACE)
FINAL_REMEDIES: tuple[Remedy, ...] = (Remedy.REFUND, Remedy.COMPENSATION)

PROOF_RULE = "CRA 2015 proof of purchase"

BREACH: dict[ReturnReason | FailureKind, Reason] = {
    FailureKind.UNSAFE: reason(
        "CRA 2015 s9(3)(d)", "Goods must be of satisfactory quality, and that includes safe."
    ),
    FailureKind.DIFFERENT_FROM_DESCRIPTION: reason(
        "CRA 2015 s11", "Goods must match the description they were sold by; these do not."
    ),
    FailureKind.UNFIT_FOR_PURPOSE: reason(
        "CRA 2015 s10",
        "Goods must be fit for a purpose the customer made known, and for their usual "
        "purposes (s9(3)(a)).",
    ),
    FailureKind.WOULD_NOT_HAVE_BOUGHT: reason(
        "CRA 2015 s9",
        "Goods must be of the quality a reasonable person would find satisfactory; these are not.",
    ),
    ReturnReason.MINOR_FAILURE: reason(
        "CRA 2015 s9",
        "Goods must be of satisfactory quality; a fault, even a minor one, breaks that.",
    ),
    ReturnReason.WRONG_ITEM: reason(
        "CRA 2015 s11",
        "Goods must match the description they were sold by; the wrong item does not.",
    ),
    ReturnReason.NOT_AS_DESCRIBED: reason(
        "CRA 2015 s11", "Goods must match the description they were sold by; these do not."
    ),
}

NO_MAJOR_MINOR = reason(
    "CRA 2015 s19",
    "UK law has no major or minor failures: the remedies depend on the time since delivery.",
)
REFUND_FORM = reason(
    "CRA 2015 s20(15)-(16)",
    "The refund is due within 14 days of agreeing it is owed, the same way it was paid and "
    "without a fee; a credit note or voucher only if the customer asks for one instead.",
)
REPAIR_THEN_REJECT = reason(
    "CRA 2015 s24(5)",
    "If one repair or replacement does not fix it, the customer may reject the goods for a "
    "refund, or keep them at a reduced price.",
)
FINAL_REJECT = reason(
    "CRA 2015 s24(5)",
    "A repair or replacement has already failed: the customer may reject the goods for a "
    "refund (the final right to reject) or keep them at a reduced price (compensation).",
)
NO_DEDUCTION = reason(
    "CRA 2015 s24(10)",
    "Within 6 months of delivery the refund is in full: no deduction for the use the "
    "customer has had.",
)
DEDUCTION = reason(
    "CRA 2015 s24(8)",
    "More than 6 months after delivery, the refund may be reduced for the use the customer "
    "has had.",
)
PRESUMED = reason(
    "CRA 2015 s19(14)",
    "A fault that shows within 6 months of delivery is taken to have been there at delivery, "
    "unless the business proves otherwise.",
)
NOT_PRESUMED = reason(
    "CRA 2015 s19(14)",
    "More than 6 months after delivery the customer may have to show the fault was there at "
    "delivery.",
)
MISUSE = reason(
    "CRA 2015 s9",
    "Damage from misuse or an accident after delivery does not make the goods unsatisfactory: "
    "the business may decline a remedy for that damage. Be sure it came from misuse and not "
    "from a fault.",
)
DISCLOSED = reason(
    "CRA 2015 s9(4)(a)",
    "A defect specifically drawn to the customer's attention before the sale does not make "
    "the goods unsatisfactory: the business may decline a remedy for that defect. Any other "
    "fault is still covered.",
)
CHANGE_OF_MIND = reason(
    "CRA 2015 ss9-17",
    "A change of mind is not a breach of the Consumer Rights Act: the law gives no right to "
    "return goods bought in person for it. The store's own change-of-mind policy applies and "
    "must be honoured.",
)
CANCEL_REFUND = reason(
    "CCR 2013 reg 34",
    "The refund, with the standard delivery cost, is due within 14 days of getting the goods "
    "back (or proof they were sent back), the same way it was paid.",
)
CANCEL_USED = reason(
    "CCR 2013 reg 34(9)",
    "The goods were used: the refund may be reduced for loss in value from handling them more "
    "than needed to see what they are.",
)
VEHICLE_DEDUCTION = reason(
    "CRA 2015 s24(10)",
    "A motor vehicle: even within 6 months of delivery the refund may be reduced for the "
    "use the customer has had.",
)
PERISHABLE = reason(
    "CRA 2015 s22(4)",
    "Perishable goods: the short-term right to reject lasts only as long as goods like these "
    "could reasonably be expected to last, when that is shorter than 30 days.",
)
GIFT = reason(
    "CRA 2015 s2(3)",
    "The rights belong to the consumer who bought the goods: the buyer claims, or the "
    "recipient acting for the buyer (the buyer's proof of purchase or a gift receipt). The "
    "recipient has rights of their own only where the contract was meant to benefit them "
    "(Contracts (Rights of Third Parties) Act 1999).",
)
EXCEPTIONS = {
    "made_to_order": "made to the customer's specification or clearly personalised",
    "perishable": "liable to deteriorate or expire rapidly",
    "unsealed": "sealed goods (hygiene goods, or sealed audio, video or software) unsealed "
    "after delivery",
}
"""CCR 2013 reg 28: distance and off-premises sales with no right to cancel."""
DIGITAL_STARTED = reason(
    "CCR 2013 reg 37",
    "Digital content not on a disc: the right to cancel ends once the download or streaming "
    "began with the customer's express consent and their acknowledgement that the right is "
    "lost. Check that before refunding.",
)
SERVICE_STARTED = reason(
    "CCR 2013 reg 36",
    "A service started at the customer's request within the cancellation period: the "
    "customer pays for what was supplied up to the cancellation.",
)
CANCEL_EXPIRED = reason(
    "CCR 2013 reg 30",
    "The 14-day cancellation period of this distance sale has passed: the store's "
    "change-of-mind policy applies.",
)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day if it is shorter)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _proof(proof: ProofKind) -> Reason:
    if proof is ProofKind.NONE:
        return reason(
            PROOF_RULE,
            "Any proof of purchase will do (a receipt, a card or bank statement, an order "
            "number); ask the customer for one. Original packaging is never required.",
        )
    return reason(
        PROOF_RULE,
        f"{label(proof)} proves the purchase. Original packaging is never required.",
    )


def _damaged() -> Floor:
    return refer(
        "CRA 2015 s19(14)",
        "The goods were damaged, lost or disposed of after delivery. Damage after delivery "
        "does not make them unsatisfactory, but a fault there at delivery is still covered: "
        "whether it was there (presumed within 6 months) is for a person to decide.",
    )


def _deduction(inputs: CheckInputs, within_six_months: bool) -> Reason:
    if not within_six_months:
        return DEDUCTION
    return VEHICLE_DEDUCTION if inputs.vehicle else NO_DEDUCTION


def _faulty(inputs: CheckInputs, today: date) -> Floor:
    if inputs.supply is not Supply.GOODS:
        return law_services.uk_service(inputs)
    if inputs.damaged_after_delivery:
        return _damaged()
    days = days_between(inputs.received, today)
    within_six_months = today <= add_months(inputs.received, NO_DEDUCTION_MONTHS)
    key: ReturnReason | FailureKind = inputs.failure_kind or inputs.reason
    first = [BREACH[key]]
    if inputs.reason in (ReturnReason.MAJOR_FAILURE, ReturnReason.MINOR_FAILURE):
        first.append(NO_MAJOR_MINOR)
    if days <= SHORT_TERM_REJECT_DAYS:
        remedies = SHORT_TERM_REMEDIES
        why = [
            reason(
                "CRA 2015 s22",
                f"Delivered {days} days ago, within 30 days: the short-term right to reject "
                "gives a full refund. The customer may ask for a repair or replacement "
                "instead (s23).",
            )
        ]
    elif inputs.remedy_failed:
        remedies = FINAL_REMEDIES
        why = [FINAL_REJECT, _deduction(inputs, within_six_months)]
    else:
        remedies = REPAIR_REMEDIES
        why = [
            reason(
                "CRA 2015 s23",
                f"Delivered {days} days ago, more than 30 days: the customer may require a "
                "repair or a replacement, free and within a reasonable time; the business "
                "may refuse one only if it is impossible or disproportionate.",
            ),
            REPAIR_THEN_REJECT,
        ]
    if days > SHORT_TERM_REJECT_DAYS:
        why.append(PRESUMED if within_six_months else NOT_PRESUMED)
    elif inputs.perishable:
        why.append(PERISHABLE)
    return Floor(
        covered=True,
        remedies=remedies,
        chooser=Chooser.CUSTOMER,
        reasons=(*first, *why),
        refund_rule=REFUND_FORM,
        proof_rule=PROOF_RULE,
        safety=inputs.failure_kind is FailureKind.UNSAFE,
        notes=(_proof(inputs.proof),),
    )


def _exception(inputs: CheckInputs) -> Reason | None:
    """The reg 28 exception that takes away the right to cancel, if any."""
    found = [text for name, text in EXCEPTIONS.items() if getattr(inputs, name)]
    if not found:
        return None
    return reason(
        "CCR 2013 reg 28",
        f"No right to cancel goods {' and '.join(found)}: the store's change-of-mind policy "
        "applies.",
    )


def _change_of_mind(inputs: CheckInputs, today: date) -> Floor:
    if not (inputs.distance_sale or inputs.unsolicited):
        return Floor(covered=False, reasons=(CHANGE_OF_MIND,))
    exception = _exception(inputs)
    if exception is not None:
        return Floor(covered=False, reasons=(exception,))
    service = inputs.supply is Supply.SERVICE
    days = days_between(inputs.purchased if service else inputs.received, today)
    if days > CANCELLATION_DAYS:
        return Floor(covered=False, reasons=(CANCEL_EXPIRED,))
    reasons = [
        reason(
            "CCR 2013 reg 29-30",
            f"A distance or off-premises sale may be cancelled for any reason within 14 days "
            f"of {'the contract' if service else 'delivery'}; {days} days ago: a refund is due.",
        )
    ]
    if inputs.used and inputs.supply is Supply.GOODS:
        reasons.append(CANCEL_USED)
    if inputs.supply is not Supply.GOODS:
        reasons.append(SERVICE_STARTED if service else DIGITAL_STARTED)
    return Floor(
        covered=True,
        remedies=(Remedy.REFUND,),
        chooser=Chooser.CUSTOMER,
        reasons=tuple(reasons),
        refund_rule=CANCEL_REFUND,
    )


def floor(inputs: CheckInputs, today: date, holidays: frozenset[date] = frozenset()) -> Floor:
    """What UK law guarantees for this return on ``today`` (its periods count every day)."""
    del holidays
    found = _supplied(inputs, today)
    return replace(found, reasons=(*found.reasons, GIFT)) if inputs.gift else found


def _supplied(inputs: CheckInputs, today: date) -> Floor:
    if inputs.reason.faulty:
        return _faulty(inputs, today)
    if inputs.reason is ReturnReason.MISUSE:
        return Floor(covered=True, reasons=(MISUSE,))
    if inputs.reason is ReturnReason.DISCLOSED_FAULT:
        return Floor(covered=True, reasons=(DISCLOSED,))
    return _change_of_mind(inputs, today)
