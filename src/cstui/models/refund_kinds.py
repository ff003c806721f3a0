"""The vocabularies of refunds: every one a ``StrEnum`` whose values are exactly what the
command line takes (each member carrying how it is shown to people), and the sets of them
the rules use."""

from __future__ import annotations

from enum import StrEnum

from cstui.models.kinds import LabelledEnum


class Jurisdiction(StrEnum):
    """Whose consumer law sets the floor no policy may go below."""

    AU = "au"
    """Australian Consumer Law."""
    UK = "uk"
    """Consumer Rights Act 2015 (and the Consumer Contracts Regulations 2013)."""


class PaymentMethod(LabelledEnum):
    """How the customer paid, and so how a refund goes back."""

    CASH = "cash", "Cash"
    CARD = "card", "Card"
    CHEQUE = "cheque", "Cheque"
    BANK_TRANSFER = "bank-transfer", "Bank transfer"
    GIFT_CARD = "gift-card", "Gift card"


class ProofKind(LabelledEnum):
    """What the customer shows to prove the purchase."""

    RECEIPT = "receipt", "Receipt"
    CARD_STATEMENT = "card-statement", "Card statement"
    BANK_STATEMENT = "bank-statement", "Bank statement"
    ORDER_NUMBER = "order-number", "Order number"
    LAY_BY = "lay-by", "Lay-by number"
    WARRANTY_CARD = "warranty-card", "Warranty card"
    RECEIPT_PHOTO = "receipt-photo", "Photo of the receipt"
    NONE = "none", "No proof"


class ReturnReason(LabelledEnum):
    """Why the customer brings the goods back."""

    MAJOR_FAILURE = "major-failure", "Major failure"
    MINOR_FAILURE = "minor-failure", "Minor failure"
    WRONG_ITEM = "wrong-item", "Wrong item delivered"
    NOT_AS_DESCRIBED = "not-as-described", "Not as described"
    CHANGE_OF_MIND = "change-of-mind", "Change of mind"
    MISUSE = "misuse", "Misused or abnormally used"
    DISCLOSED_FAULT = "disclosed-fault", "Fault pointed out before sale"

    @property
    def faulty(self) -> bool:
        """The goods fail a guarantee: the law decides the remedy."""
        return self in FAULTY_REASONS


FAULTY_REASONS = frozenset(
    {
        ReturnReason.MAJOR_FAILURE,
        ReturnReason.MINOR_FAILURE,
        ReturnReason.WRONG_ITEM,
        ReturnReason.NOT_AS_DESCRIBED,
    }
)
"""Reasons that mean the goods are faulty or not what was sold."""

DISPUTABLE_REASONS = frozenset(
    {ReturnReason.MAJOR_FAILURE, ReturnReason.MINOR_FAILURE, ReturnReason.NOT_AS_DESCRIBED}
)
"""Reasons where whether the failure is major or minor can be disputed."""


LEGAL_PROOF: tuple[ProofKind, ...] = tuple(p for p in ProofKind if p.value != "none")
"""Every kind of proof of purchase (all but none)."""


class FailureKind(LabelledEnum):
    """What makes a failure major."""

    UNSAFE = "unsafe", "Unsafe"
    DIFFERENT_FROM_DESCRIPTION = (
        "different-from-description",
        "Significantly different from description or sample",
    )
    UNFIT_FOR_PURPOSE = "unfit-for-purpose", "Unfit for purpose, not fixable in reasonable time"
    WOULD_NOT_HAVE_BOUGHT = "would-not-have-bought", "Would not have bought it knowing the problem"


class Remedy(LabelledEnum):
    """What the customer can be given."""

    REFUND = "refund", "Refund"
    REPLACE = "replace", "Replacement"
    REPAIR = "repair", "Repair"
    EXCHANGE = "exchange", "Exchange"
    VOUCHER = "voucher", "Voucher"
    COMPENSATION = "compensation", "Compensation"
    REPEAT_PERFORMANCE = "repeat-performance", "Repeat performance (do the service again)"
    PRICE_REDUCTION = "price-reduction", "Price reduction"
    CANCEL = "cancel", "Cancel and refund (the unused part)"


MONEY_REMEDIES = frozenset(
    {Remedy.REFUND, Remedy.VOUCHER, Remedy.COMPENSATION, Remedy.PRICE_REDUCTION, Remedy.CANCEL}
)
"""Remedies paid out in money or credit: they have a payment method."""

CHANGE_OF_MIND_REMEDIES = frozenset({Remedy.REFUND, Remedy.EXCHANGE, Remedy.VOUCHER})
"""What a store may offer for a change of mind."""


MONEY_BACK_REMEDIES = frozenset({Remedy.REFUND, Remedy.PRICE_REDUCTION, Remedy.CANCEL})
"""Remedies that give money back the way it was paid (a refund, in full or in part)."""


class Supply(LabelledEnum):
    """What was supplied: the law's guarantees differ for each."""

    GOODS = "goods", "Goods"
    SERVICE = "service", "A service"
    DIGITAL_CONTENT = "digital-content", "Digital content (apps, downloads, streaming)"


class Undecided(LabelledEnum):
    """Why a check gives no remedy yet without saying that nothing is due."""

    PROOF = "proof", "No remedy is due until the customer shows proof of purchase"
    PERSON = "person", "A person decides: the law presumes no remedy here, nor rules one out"


class Chooser(StrEnum):
    """Who picks among the remedies."""

    CUSTOMER = "customer"
    BUSINESS = "business"


class RefundStatus(StrEnum):
    """Where a refund request stands."""

    PENDING = "pending"
    """Above the agent's limit: waiting for a team leader."""
    APPROVED = "approved"
    DECLINED = "declined"
    NOT_NEEDED = "not-needed"
    """Within the agent's limit, or nothing to approve."""
    WITHDRAWN = "withdrawn"
    """Taken back by the person who asked: it no longer holds up the case."""


class DeclineGround(LabelledEnum):
    """The legal grounds on which a remedy the law requires may still be declined."""

    MISUSE = "misuse", "Misuse or abnormal use by the customer"
    OUTSIDE_REJECTION_PERIOD = "outside-rejection-period", "Outside the rejection period"
    DAMAGED_AFTER_DELIVERY = "damaged-after-delivery", "Damaged after delivery"
    NO_PROOF = "no-proof", "No proof of purchase"
    DISPUTED = "disputed", "Disputed: referred to a person"


class RecordField(StrEnum):
    """A field of the record of what was refunded, exchanged or replaced."""

    ITEM = "item"
    FAULT = "fault"
    REMEDY = "remedy"
    AMOUNT = "amount"
    METHOD = "method"
    WHEN = "when"
    BY = "by"
    APPROVED_BY = "approved_by"


def label(value: StrEnum) -> str:
    """The human label of a vocabulary value (its value in words if it has none)."""
    named = value.label if isinstance(value, LabelledEnum) else ""
    return named or value.value.replace("-", " ")


GOODS_ONLY = (
    "expected_life",
    "category",
    "damaged_after_delivery",
    "visible_on_examination",
    "vehicle",
    "perishable",
    "made_to_order",
    "unsealed",
)
"""Inputs that only mean something for goods."""

UK_ONLY = ("vehicle", "perishable", "made_to_order", "unsealed")
"""Inputs only UK law has rules for."""


EXPECTED_LIFE_YEARS = {
    "small-appliance": 5,
    "large-appliance": 10,
    "electronics": 4,
    "phone": 3,
    "computer": 4,
    "furniture": 10,
    "clothing": 2,
    "footwear": 1,
    "toy": 2,
    "vehicle": 10,
}
"""The shipped estimates of how long goods of each kind should last, in years."""
