"""The floor for services (both laws) and for digital content (UK law).

- ACL services (ss60-62: due care and skill, fit for purpose, in a reasonable time;
  s267): a failure that is not major must be remedied by the supplier within a reasonable
  time; if it is not, the customer may have it remedied elsewhere and recover the cost, or
  cancel. A major failure (s268): cancel and get a refund for the unused part (s269), or
  compensation for the drop in value.
- CRA services (ss49-52, ss54-56): repeat performance first (s55), then a price reduction
  (s56), which may be up to the full price. No right to reject.
- CRA digital content (ss34-36, ss42-45): repair or replacement first (s43), then a price
  reduction (s44). No short-term right to reject.
"""

from __future__ import annotations

from dataclasses import replace

from cstui.domain.refunds.floor import Floor, reason
from cstui.models.refunds import (
    CheckInputs,
    Chooser,
    FailureKind,
    Reason,
    Remedy,
    ReturnReason,
    Supply,
)

AU_GUARANTEES = reason(
    "ACL ss60-62",
    "A service must be supplied with due care and skill, be fit for any purpose the "
    "customer made known, and be supplied within a reasonable time.",
)
AU_MINOR = reason(
    "ACL s267(2)",
    "A failure that is not major: the supplier must remedy it (do the work again or put it "
    "right) within a reasonable time, free of charge.",
)
AU_MINOR_FAILED = reason(
    "ACL s267(2)(b)",
    "The supplier refused or did not remedy it within a reasonable time: the customer may "
    "have it remedied by someone else and recover the reasonable cost (compensation), or "
    "cancel the contract (s269) and get a refund for the part not supplied.",
)
AU_MAJOR = reason(
    "ACL s268",
    "A major failure with services: a reasonable customer would not have acquired them "
    "knowing of it, they depart significantly from what was agreed, they are unsafe, or "
    "they do not achieve the result the customer made known.",
)
AU_MAJOR_RIGHTS = reason(
    "ACL s267(3)",
    "For a major failure the customer chooses: cancel the contract (s269) and get a refund "
    "for any part not used, or keep it and be compensated for the drop in value below the "
    "price paid.",
)
AU_LOSS = reason(
    "ACL s267(4)", "The customer may also recover reasonably foreseeable losses the failure caused."
)
AU_REFUND_FORM = reason(
    "ACL s269",
    "Cancelling ends the contract: the money paid for what was not supplied goes back the "
    "way it was paid.",
)

UK_SERVICE = reason(
    "CRA 2015 ss49-52",
    "A service must be performed with reasonable care and skill, as described (what was "
    "said or written binds the trader), and in a reasonable time.",
)
UK_REPEAT = reason(
    "CRA 2015 s55",
    "The customer may require the trader to repeat the service (or put it right), free "
    "of charge and within a reasonable time. There is no right to reject a service.",
)
UK_REDUCTION = reason(
    "CRA 2015 s56",
    "Repeat performance is impossible or was not done within a reasonable time: the "
    "customer may require a price reduction, up to the full price, refunded within 14 days "
    "the way it was paid.",
)
UK_DIGITAL = reason(
    "CRA 2015 ss34-36",
    "Digital content must be of satisfactory quality, fit for purpose and as described.",
)
UK_DIGITAL_REPAIR = reason(
    "CRA 2015 s43",
    "The customer may require a repair or a replacement, free and within a reasonable "
    "time. Digital content has no short-term right to reject.",
)
UK_DIGITAL_REDUCTION = reason(
    "CRA 2015 s44",
    "A repair or replacement is impossible or failed: the customer may require a price "
    "reduction, up to the full price, refunded within 14 days the way it was paid (s45).",
)
UK_REFUND_FORM = reason(
    "CRA 2015 s45",
    "A refund under a price reduction is due within 14 days of agreeing it, the same way it "
    "was paid, without a fee.",
)


def _covered(
    remedies: tuple[Remedy, ...], chooser: Chooser, reasons: tuple[Reason, ...], refund: Reason
) -> Floor:
    return Floor(
        covered=True, remedies=remedies, chooser=chooser, reasons=reasons, refund_rule=refund
    )


def au_service(inputs: CheckInputs) -> Floor:
    """A faulty service under the ACL."""
    money = (Remedy.CANCEL, Remedy.COMPENSATION)
    if inputs.reason is ReturnReason.MAJOR_FAILURE:
        major = (AU_GUARANTEES, AU_MAJOR, AU_MAJOR_RIGHTS, AU_LOSS)
        floor = _covered(money, Chooser.CUSTOMER, major, AU_REFUND_FORM)
        return replace(floor, safety=inputs.failure_kind is FailureKind.UNSAFE)
    if inputs.remedy_failed:
        reasons = (AU_GUARANTEES, AU_MINOR, AU_MINOR_FAILED)
        return _covered(money, Chooser.CUSTOMER, reasons, AU_REFUND_FORM)
    repeat = (Remedy.REPEAT_PERFORMANCE,)
    return _covered(repeat, Chooser.BUSINESS, (AU_GUARANTEES, AU_MINOR), AU_REFUND_FORM)


def uk_service(inputs: CheckInputs) -> Floor:
    """A faulty service or faulty digital content under the CRA."""
    digital = inputs.supply is Supply.DIGITAL_CONTENT
    first = (UK_DIGITAL, UK_DIGITAL_REPAIR) if digital else (UK_SERVICE, UK_REPEAT)
    refund = UK_REFUND_FORM if digital else UK_REDUCTION
    if inputs.remedy_failed:
        then = UK_DIGITAL_REDUCTION if digital else UK_REDUCTION
        floor = _covered((Remedy.PRICE_REDUCTION,), Chooser.CUSTOMER, (*first, then), refund)
    else:
        remedies = (Remedy.REPAIR, Remedy.REPLACE) if digital else (Remedy.REPEAT_PERFORMANCE,)
        floor = _covered(remedies, Chooser.CUSTOMER, first, refund)
    return replace(floor, safety=inputs.failure_kind is FailureKind.UNSAFE)
